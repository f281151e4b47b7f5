// The page of `mnist serve`: a client of the JSON API (docs/serve.md), no libraries.
"use strict";

const $ = (id) => document.getElementById(id);
const pad = $("pad");
const ink = pad.getContext("2d");
const percent = (p) => (p * 100).toFixed(p >= 0.9995 || p < 0.0005 ? 1 : 2) + "%";

// ---- drawing -------------------------------------------------------------------------------

function clearPad() {
  ink.fillStyle = "#fff";
  ink.fillRect(0, 0, pad.width, pad.height);
}

function padPoint(event) {
  const box = pad.getBoundingClientRect();
  return [(event.clientX - box.left) * pad.width / box.width, (event.clientY - box.top) * pad.height / box.height];
}

let last = null;
let drawn = false;
pad.addEventListener("pointerdown", (event) => {
  event.preventDefault();
  pad.setPointerCapture(event.pointerId);
  last = padPoint(event);
  stroke(last, last);
});
pad.addEventListener("pointermove", (event) => {
  if (!last) return;
  const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
  for (const e of events.length ? events : [event]) {
    const point = padPoint(e);
    stroke(last, point);
    last = point;
  }
  schedulePrediction();
});
const endStroke = () => { if (last) { last = null; schedulePrediction(0); } };
pad.addEventListener("pointerup", endStroke);
pad.addEventListener("pointercancel", endStroke);

function stroke(from, to) {
  ink.strokeStyle = "#000";
  ink.lineWidth = 20;
  ink.lineCap = "round";
  ink.lineJoin = "round";
  ink.beginPath();
  ink.moveTo(from[0], from[1]);
  ink.lineTo(to[0], to[1]);
  ink.stroke();
  drawn = true;
}

$("clear").addEventListener("click", () => {
  startOver();
  clearPad();
  drawn = false;
  showNothing(wording.prompt);
});

// ---- predicting ----------------------------------------------------------------------------

let timer = null;
let inFlight = false;
let pending = null;  // the latest request asked for while another was on its way
let generation = 0;  // bumped by clear and upload, so that older answers are dropped
let firstLayer = null;  // a promise of the first layer: {version, units: [{scale, weights}]}
let unitsShown = 0;  // bumped by each answer and each clear, so that a late drawing is dropped

function schedulePrediction(delay = 150) {
  clearTimeout(timer);
  timer = setTimeout(predictDrawing, delay);
}

function predictDrawing() {
  if (!drawn) return;
  pad.toBlob((blob) => predict(blob, "image/png"), "image/png");
}

async function predict(body, type) {
  if (inFlight) { pending = [body, type]; return; }
  inFlight = true;
  const asked = generation;
  try {
    const response = await fetch("/api/predict", { method: "POST", headers: { "Content-Type": type }, body });
    const answer = await response.json();
    if (asked !== generation) return;
    if (response.ok) show(answer); else showNothing(answer.error || "The server could not read that.", true);
  } catch (error) {
    if (asked === generation) showNothing("The server did not answer: " + error.message, true);
  } finally {
    inFlight = false;
    if (pending) {
      const [nextBody, nextType] = pending;
      pending = null;
      predict(nextBody, nextType);
    }
  }
}

function startOver() {
  generation += 1;
  pending = null;
  clearTimeout(timer);
}

function uploadFile(file) {
  if (!file) return;
  const types = { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", pgm: "image/x-portable-graymap", ppm: "image/x-portable-pixmap", pnm: "image/x-portable-anymap" };
  const extension = file.name.split(".").pop().toLowerCase();
  const type = file.type || types[extension] || "application/octet-stream";
  drawn = false;
  startOver();
  const url = URL.createObjectURL(file);
  const picture = new Image();
  picture.onload = () => {
    clearPad();
    const scale = Math.min(pad.width / picture.width, pad.height / picture.height);
    ink.drawImage(picture, (pad.width - picture.width * scale) / 2, (pad.height - picture.height * scale) / 2, picture.width * scale, picture.height * scale);
    URL.revokeObjectURL(url);
  };
  picture.src = url;
  $("draw-message").textContent = "Read from " + file.name + ".";
  predict(file, type);
}

$("upload").addEventListener("change", (event) => uploadFile(event.target.files[0]));
for (const name of ["dragenter", "dragover"]) {
  pad.addEventListener(name, (event) => { event.preventDefault(); pad.classList.add("dragging"); });
}
pad.addEventListener("dragleave", () => pad.classList.remove("dragging"));
pad.addEventListener("drop", (event) => {
  event.preventDefault();
  pad.classList.remove("dragging");
  uploadFile(event.dataTransfer.files[0]);
});

// ---- showing the answer --------------------------------------------------------------------

// How the page asks for an image, and the class names: the model's data set says (GET /api/model).
let wording = { prompt: "Draw a digit in the box." };
let classNames = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

const bars = [];
for (let digit = 0; digit < 10; digit++) {
  const row = document.createElement("div");
  row.className = "bar";
  row.innerHTML = `<span class="digit">${digit}</span><span class="track"><span class="fill"></span></span><span class="percent">–</span>`;
  $("bars").append(row);
  bars.push(row);
}

function show(answer) {
  $("draw-message").classList.remove("error");
  if (!$("draw-message").textContent.startsWith("Read from")) $("draw-message").textContent = "";
  $("card-digit").textContent = classNames[answer.digit];
  $("card-probability").textContent = percent(answer.probability);
  $("card-runner-up").textContent = `${classNames[answer.runner_up]} (${percent(answer.runner_up_probability)})`;
  answer.probabilities.forEach((p, digit) => {
    bars[digit].classList.toggle("top", digit === answer.digit);
    bars[digit].querySelector(".fill").style.width = (p * 100).toFixed(2) + "%";
    bars[digit].querySelector(".percent").textContent = percent(p);
  });
  drawSeen(answer.input.flat());
  drawWhy(answer.input.flat(), answer.saliency.flat(), answer);
  placeOnMap(answer.map_point || null);
  drawActivations(answer.hidden_activations);
  drawUnits(answer.top_units, answer.first_layer_version);
  document.body.dataset.prediction = answer.digit;
}

function showNothing(message, isError = false) {
  $("draw-message").textContent = message;
  $("draw-message").classList.toggle("error", isError);
  for (const id of ["card-digit", "card-probability", "card-runner-up"]) $(id).textContent = "–";
  for (const row of bars) {
    row.classList.remove("top");
    row.querySelector(".fill").style.width = "0";
    row.querySelector(".percent").textContent = "–";
  }
  drawSeen(new Array(784).fill(0));
  drawWhy(new Array(784).fill(0), new Array(784).fill(0), null);
  placeOnMap(null);
  $("activations").textContent = "";
  unitsShown += 1;
  $("units").textContent = "";
  delete document.body.dataset.prediction;
}

function drawSeen(pixels) {
  paintInk($("seen"), pixels);
}

// Paints 28×28 bytes (0 paper, 255 ink) on a canvas, ink dark on white paper, as drawn.
function paintInk(canvas, pixels) {
  const context = canvas.getContext("2d");
  const image = context.createImageData(28, 28);
  pixels.forEach((value, i) => image.data.set([255 - value, 255 - value, 255 - value, 255], i * 4));
  context.putImageData(image, 0, 0);
}

// A figure of a 28×28 canvas (a digit, or a unit's weights) and its caption: [figure, canvas].
function smallFigure(caption) {
  const figure = document.createElement("figure");
  const canvas = document.createElement("canvas");
  canvas.width = 28;
  canvas.height = 28;
  const text = document.createElement("figcaption");
  text.textContent = caption;
  figure.append(canvas, text);
  return [figure, canvas];
}

// Paints a unit's 784 weights, quantized to −127…127, in the look's weights palette.
function paintWeights(canvas, weights, palette) {
  const context = canvas.getContext("2d");
  const image = context.createImageData(28, 28);
  weights.forEach((w, i) => image.data.set(rgb(palette[w + 127]).concat([255]), i * 4));
  context.putImageData(image, 0, 0);
}

// The colours of weights and activations and their legends, from the server's one definition
// (GET /api/look), which the training report uses too.
const look = fetch("/api/look").then((response) => response.json());
look.then((colours) => {
  $("activations-legend").innerHTML = colours.activations.legend;
  $("units-legend").innerHTML = colours.weights.legend;
  $("why-legend").innerHTML = colours.saliency.legend;
  drawMapLegend(colours);
}).catch(() => {});

// Whether the class names are the digits 0 to 9, named by themselves.
const areDigits = (names) => names.every((name, index) => name === String(index));

// The map's legend: a colour per class, named as the model's data set names it.
function drawMapLegend(colours) {
  const digits = areDigits(classNames);
  const legend = $("map-legend");
  legend.textContent = "";
  colours.digits.forEach((hex, label) => {
    const item = document.createElement("span");
    const swatch = document.createElement("i");
    swatch.style.background = hex;
    item.append(swatch, classNames[label]);
    legend.append(item);
  });
  legend.insertAdjacentHTML("beforeend", `<span><i class="ring"></i>mistake</span><span><b>✕</b>${digits ? "your digit" : "yours"}</span>`);
}

// Class `label` in a sentence: "a 7" for a digit, "Sneaker" for a named class.
function described(label) {
  return areDigits(classNames) ? `a ${label}` : classNames[label];
}

const rgb = (hex) => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));

// ---- why this answer -----------------------------------------------------------------------

// The input in gray, tinted by its saliency (scaled to the drawing's largest magnitude) in the
// colours of `mnist predict --explain`: the stronger a pixel's effect, the more of its colour.
async function drawWhy(pixels, saliency, answer) {
  const palette = (await look).saliency.palette;
  const largest = Math.max(...saliency.map(Math.abs));
  const context = $("why").getContext("2d");
  const image = context.createImageData(28, 28);
  pixels.forEach((value, i) => {
    const paper = 255 - value;
    const t = largest > 0 ? saliency[i] / largest : 0;
    const share = Math.min(Math.abs(t) * 1.5, 1);
    const tint = rgb(palette[Math.round(t * 127) + 127]);
    image.data.set(tint.map((c) => Math.round(paper + (c - paper) * share)).concat([255]), i * 4);
  });
  context.putImageData(image, 0, 0);
  $("why-caption").textContent = answer ? `Red: ink that makes it a ${answer.digit}. Blue: ink that makes it a ${answer.runner_up}.` : "";
}

// ---- where your digit lands ----------------------------------------------------------------

let map = null;  // GET /api/model/map once it has answered: {units, variance_shares, points}
let mapPoint = null;  // where the drawn digit lands, from its answer's map_point
let mapLayout = null;  // how map coordinates become canvas pixels
const mapImages = new Map();  // test image index → a promise of GET /api/model/map/image

async function loadMap() {
  map = null;
  mapImages.clear();
  delete document.body.dataset.map;
  $("map-message").textContent = "Placing the 10,000 test images…";
  try {
    const response = await fetch("/api/model/map");
    const answer = await response.json();
    if (!response.ok) { $("map-message").textContent = answer.error; drawMap(); return; }
    map = answer;
    const mistakes = map.points.filter((p) => p.label !== p.predicted).length;
    const [first, second] = map.variance_shares.map((share) => (share * 100).toFixed(1) + "%");
    $("map-message").textContent = `${map.points.length.toLocaleString("en")} test images from the ${map.units} units of the last hidden layer; the axes hold ${first} and ${second} of the variance; ${mistakes} mistakes ringed.`;
    await drawMap();
    document.body.dataset.map = "drawn";
    if (drawn) schedulePrediction(0);  // the drawing's answer now has its place on the map
  } catch (error) {
    $("map-message").textContent = "The map did not load: " + error.message;
  }
}

function placeOnMap(point) {
  mapPoint = point;
  if (point) document.body.dataset.mapPoint = `${point.x},${point.y}`; else delete document.body.dataset.mapPoint;
  drawMap();
}

async function drawMap() {
  const canvas = $("map");
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  if (!map) { mapLayout = null; return; }
  const colours = (await look).digits;
  const xs = map.points.map((p) => p.x);
  const ys = map.points.map((p) => p.y);
  const [xLow, xHigh, yLow, yHigh] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const margin = 10;
  const layout = {
    x: (x) => margin + (x - xLow) / Math.max(xHigh - xLow, 1e-9) * (canvas.width - 2 * margin),
    // Up is the second axis' positive direction, as in the report's map.
    y: (y) => canvas.height - margin - (y - yLow) / Math.max(yHigh - yLow, 1e-9) * (canvas.height - 2 * margin),
  };
  mapLayout = layout;
  context.globalAlpha = 0.75;
  for (const p of map.points) {
    context.fillStyle = colours[p.label];
    context.fillRect(layout.x(p.x) - 1.5, layout.y(p.y) - 1.5, 3, 3);
  }
  context.globalAlpha = 1;
  context.strokeStyle = "#222";
  context.lineWidth = 1;
  for (const p of map.points) {
    if (p.label === p.predicted) continue;
    context.beginPath();
    context.arc(layout.x(p.x), layout.y(p.y), 3.5, 0, 2 * Math.PI);
    context.stroke();
  }
  if (mapPoint) {
    // A digit beyond every test image stays at the edge, on the side it lies.
    const clamp = (value, size) => Math.min(Math.max(value, margin), size - margin);
    const [x, y] = [clamp(layout.x(mapPoint.x), canvas.width), clamp(layout.y(mapPoint.y), canvas.height)];
    for (const [colour, width] of [["#fff", 7], ["#000", 3]]) {
      context.strokeStyle = colour;
      context.lineWidth = width;
      context.beginPath();
      context.moveTo(x - 9, y - 9); context.lineTo(x + 9, y + 9);
      context.moveTo(x + 9, y - 9); context.lineTo(x - 9, y + 9);
      context.stroke();
    }
  }
}

// The test image under the pointer (within 12 CSS pixels), or -1.
function nearestPoint(event) {
  const canvas = $("map");
  const box = canvas.getBoundingClientRect();
  const scale = canvas.width / box.width;
  const [x, y] = [(event.clientX - box.left) * scale, (event.clientY - box.top) * scale];
  let best = -1;
  let bestDistance = (12 * scale) ** 2;
  map.points.forEach((p, index) => {
    const distance = (mapLayout.x(p.x) - x) ** 2 + (mapLayout.y(p.y) - y) ** 2;
    if (distance < bestDistance) { best = index; bestDistance = distance; }
  });
  return best;
}

function mapImage(index) {
  if (!mapImages.has(index)) {
    const request = fetch(`/api/model/map/image?index=${index}`).then((response) => {
      if (!response.ok) throw new Error("the test image did not load");
      return response.json();
    });
    request.catch(() => mapImages.delete(index));
    mapImages.set(index, request);
  }
  return mapImages.get(index);
}

let tipShown = -1;
async function showTip(event) {
  if (!map || !mapLayout) return;
  const index = nearestPoint(event);
  const tip = $("map-tip");
  if (index < 0) { tip.hidden = true; tipShown = -1; delete tip.dataset.index; return; }
  const box = $("map").getBoundingClientRect();
  const [x, y] = [event.clientX - box.left, event.clientY - box.top];
  tip.style.left = Math.max(0, Math.min(x + 12, box.width - 110)) + "px";
  tip.style.top = Math.max(0, y > box.height / 2 ? y - 130 : y + 12) + "px";
  tip.hidden = false;
  if (index === tipShown) return;
  tipShown = index;
  const p = map.points[index];
  $("map-tip-text").textContent = `test image ${index}: ${described(p.label)}` + (p.label === p.predicted ? "" : `, read as ${described(p.predicted)}`);
  let image;
  try { image = await mapImage(index); } catch { return; }
  if (tipShown !== index) return;
  paintInk($("map-tip-image"), image.pixels.flat());
  tip.dataset.index = index;
}

$("map").addEventListener("pointermove", showTip);
$("map").addEventListener("pointerdown", showTip);
$("map").addEventListener("pointerleave", (event) => { if (event.pointerType === "mouse") $("map-tip").hidden = true; });

async function drawActivations(layers) {
  const palette = (await look).activations.palette;
  const box = $("activations");
  box.textContent = "";
  layers.forEach((values, index) => {
    const top = Math.max(...values, 1e-6);
    const active = values.filter((v) => v > 0).length;
    const layer = document.createElement("div");
    layer.className = "layer";
    layer.innerHTML = `<div class="layer-title">layer ${index + 1}: ${values.length} units, ${active} fired</div>`;
    const strip = document.createElement("div");
    strip.className = "strip";
    values.forEach((value, unit) => {
      const cell = document.createElement("span");
      if (value > 0) cell.style.background = palette[Math.round(255 * value / top)];
      cell.title = `unit ${unit + 1}: ${value.toFixed(3)}`;
      strip.append(cell);
    });
    layer.append(strip);
    box.append(layer);
  });
}

// The first layer's weights come once per model, not with every answer: each answer names the
// version it was computed with, and the page asks again only when that changes.
function firstLayerWeights(version) {
  if (!firstLayer || firstLayer.version !== version) {
    const request = fetch("/api/model/first-layer").then((response) => {
      if (!response.ok) throw new Error("the first layer's weights did not load");
      return response.json();
    });
    request.version = version;
    request.catch(() => { if (firstLayer === request) firstLayer = null; });
    firstLayer = request;
  }
  return firstLayer;
}

async function drawUnits(units, version) {
  const shown = ++unitsShown;
  let layer, palette;
  try {
    layer = await firstLayerWeights(version);
    palette = (await look).weights.palette;
  } catch {
    return;  // the next answer asks again
  }
  if (shown !== unitsShown || layer.version !== version) return;
  const box = $("units");
  box.textContent = "";
  for (const unit of units) {
    const [figure, canvas] = smallFigure(`unit ${unit.unit + 1} · ${unit.activation.toFixed(2)}`);
    paintWeights(canvas, layer.units[unit.unit].weights, palette);
    box.append(figure);
  }
}

// ---- the model card ------------------------------------------------------------------------

async function loadModel() {
  const card = await (await fetch("/api/model")).json();
  showDataSet(card);
  const accuracy = card.test_accuracy == null ? "not recorded" : percent(card.test_accuracy);
  $("model-line").textContent = `${card.architecture} MLP, ${card.parameters.toLocaleString("en")} parameters, from ${card.name}` + (card.source === "trained" ? " (trained from this page)" : "");
  $("card-accuracy").textContent = card.test_accuracy == null ? "–" : percent(card.test_accuracy);
  const rows = [["file", card.name], ["architecture", card.architecture], ["parameters", card.parameters.toLocaleString("en")], ["test accuracy", accuracy]];
  for (const key of Object.keys(card.metadata).sort()) rows.push([key, card.metadata[key]]);
  const table = document.createElement("table");
  for (const [key, value] of rows) {
    const row = table.insertRow();
    row.insertCell().textContent = key;
    row.insertCell().textContent = value;
  }
  $("model-card").textContent = "";
  if (card.report) {
    const link = document.createElement("p");
    link.innerHTML = `<a href="${card.report}">Open the training report</a> — learning curves, confusion matrix and the digits it gets wrong.`;
    $("model-card").append(link);
  }
  $("model-card").append(table);
  const training = card.training;
  $("train-dataset").textContent = training.dataset_title;
  offerChoices(training.choices);
  $("train-unavailable").hidden = training.available;
  $("train-form").hidden = !training.available;
  if (!training.available) $("train-unavailable").textContent = training.message;
}

// The wording and class names of the model's data set: "Draw a digit" only for digits.
function showDataSet(card) {
  const digits = areDigits(card.class_names);
  const prompting = $("draw-message").textContent === wording.prompt;
  wording = card.wording;
  classNames = card.class_names;
  document.title = `${wording.heading} · mnist serve`;
  $("heading").textContent = wording.heading;
  $("draw-heading").textContent = wording.panel;
  $("draw-note").textContent = wording.note;
  if (prompting) $("draw-message").textContent = wording.prompt;
  if (wording.seen) $("seen-note").textContent = wording.seen;
  if (wording.map_heading) $("map-heading").textContent = wording.map_heading;
  if (wording.map_note) $("map-note").textContent = wording.map_note;
  if (!digits) $("bars-note").textContent = "The network's probability for each class after its softmax; the longest bar is its answer.";
  $("bars").classList.toggle("named", !digits);
  bars.forEach((row, index) => {
    row.querySelector(".digit").textContent = digits ? String(index) : `${index} ${classNames[index]}`;
  });
  look.then(drawMapLegend).catch(() => {});
}

// ---- training ------------------------------------------------------------------------------

let plannedEpochs = 1;
let events = null;
let optimizers = [];  // from the server: name, title, default_learning_rate

// The form's selects and its learning rate, from the server's choices (GET /api/model's
// training.choices), which are `mnist train`'s; once, so that a later model card keeps what
// was chosen.
function offerChoices(choices) {
  if ($("train-optimizer").options.length) return;
  optimizers = choices.optimizers;
  const fill = (id, options, chosen) => {
    for (const [value, text] of options) $(id).add(new Option(text, value, false, value === chosen));
  };
  fill("train-optimizer", optimizers.map((o) => [o.name, o.title]), choices.defaults.optimizer);
  fill("train-schedule", choices.schedules.map((name) => [name, name]), choices.defaults.schedule);
  fill("train-augment", choices.augmentations.map((name) => [name, name]), choices.defaults.augment);
  followOptimizer();
}

// The learning rate becomes the chosen optimizer's default, as in `mnist train`.
function followOptimizer() {
  const optimizer = optimizers.find((o) => o.name === $("train-optimizer").value);
  if (optimizer) $("train-lr").value = optimizer.default_learning_rate;
}
$("train-optimizer").addEventListener("change", followOptimizer);

// The training request the form asks for.
function trainingRequest() {
  const request = {
    hidden: $("train-hidden").value.split(",").map((w) => Number(w.trim())),
    epochs: Number($("train-epochs").value),
    learning_rate: Number($("train-lr").value),
  };
  // An empty optional field is left out: the server's default applies.
  for (const [field, key] of [["train-limit", "limit"], ["train-seed", "seed"], ["train-threads", "threads"]]) {
    if ($(field).value) request[key] = Number($(field).value);
  }
  for (const [field, key] of [["train-optimizer", "optimizer"], ["train-schedule", "schedule"], ["train-augment", "augment"]]) {
    if ($(field).value) request[key] = $(field).value;
  }
  return request;
}

// Starts a run of `request` (POST /api/train) and follows it; whether the server took it.
async function startTraining(request) {
  const response = await fetch("/api/train", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request) });
  const answer = await response.json();
  if (!response.ok) { trainMessage(answer.error, true); return false; }
  trainMessage(`Loading the ${$("train-dataset").textContent} files…`);
  follow();
  return true;
}

$("train-form").addEventListener("submit", (event) => {
  event.preventDefault();
  startTraining(trainingRequest());
});

$("train-cancel").addEventListener("click", async () => {
  const response = await fetch("/api/train", { method: "DELETE" });
  if (!response.ok) trainMessage((await response.json()).error, true);
});

function trainMessage(text, isError = false) {
  $("train-message").textContent = text;
  $("train-message").classList.toggle("error", isError);
}

function running(isRunning) {
  $("train-start").disabled = isRunning;
  $("train-step-start").disabled = isRunning;
  $("train-cancel").disabled = !isRunning;
  if (!isRunning) endSteps();  // step.js
}

// Follows the last run's events: all of them so far (so that a reloaded page shows a run that
// has ended too), then each new one until it ends.
function follow() {
  if (events) events.close();
  document.querySelector("#epochs tbody").textContent = "";
  $("download").hidden = true;
  running(true);
  events = new EventSource("/api/train/events");
  events.addEventListener("start", (e) => {
    const start = JSON.parse(e.data);
    $("train-charts").hidden = false;
    $("epochs").hidden = false;
    plannedEpochs = start.epochs;
    trainMessage(`Training a ${start.architecture} MLP (${start.parameters.toLocaleString("en")} parameters) on ${start.training_images.toLocaleString("en")} images…`);
  });
  events.addEventListener("progress", (e) => {
    const p = JSON.parse(e.data);
    trainMessage(`Epoch ${p.epoch} of ${plannedEpochs}: batch ${p.batch} of ${p.batch_count}, loss so far this epoch ${p.loss.toFixed(4)}`);
    refreshCharts();
  });
  events.addEventListener("epoch", (e) => {
    const epoch = JSON.parse(e.data);
    const row = document.querySelector("#epochs tbody").insertRow();
    const validation = epoch.validation_accuracy == null ? "–" : percent(epoch.validation_accuracy);
    for (const text of [epoch.epoch, epoch.loss.toFixed(4), percent(epoch.accuracy), validation, epoch.seconds.toFixed(1)]) {
      const cell = row.insertCell();
      cell.textContent = text;
      if (row.cells.length > 1) cell.className = "num";
    }
    refreshCharts();
  });
  events.addEventListener("done", (e) => {
    const done = JSON.parse(e.data);
    trainMessage(`Done: test accuracy ${percent(done.test_accuracy)}. The page now draws with the new model; its report is linked in the model card.`);
    $("download").hidden = false;
    finish();
    refreshCharts();
    loadModel();
    loadMap();
    schedulePrediction(0);
  });
  events.addEventListener("cancelled", () => { trainMessage("Cancelled; the page still draws with the previous model."); finish(); });
  events.addEventListener("failed", (e) => { trainMessage(JSON.parse(e.data).error, true); finish(); });
  events.onerror = () => { if (events && events.readyState === EventSource.CLOSED) finish(); };
}

function finish() {
  if (events) events.close();
  events = null;
  running(false);
}

// The learning curves are drawn by the server as the report draws them (GET
// /api/train/charts/*.svg); one refresh at a time, and one more if events came meanwhile.
let chartsBusy = false;
let chartsStale = false;

async function refreshCharts() {
  if (chartsBusy) { chartsStale = true; return; }
  chartsBusy = true;
  try {
    for (const name of ["loss", "accuracy"]) {
      const response = await fetch(`/api/train/charts/${name}.svg`);
      if (response.ok) $(`${name}-chart`).innerHTML = await response.text();
    }
    document.body.dataset.charts = "drawn";
    await compareRuns();
  } catch {
    // the next event asks again
  } finally {
    chartsBusy = false;
    if (chartsStale) { chartsStale = false; refreshCharts(); }
  }
}

// The runs started from the page, compared on one chart once there are two (GET
// /api/train/runs and /api/train/charts/compare.svg), labelled by what sets them apart.
async function compareRuns() {
  const runs = (await (await fetch("/api/train/runs")).json()).runs;
  $("compare").hidden = runs.length < 2;
  document.body.dataset.runs = runs.length;
  if (runs.length < 2) return;
  const body = document.querySelector("#runs tbody");
  body.textContent = "";
  for (const run of runs) {
    const row = body.insertRow();
    const accuracy = run.test_accuracy == null ? "–" : percent(run.test_accuracy);
    for (const text of [run.label, run.phase, accuracy]) row.insertCell().textContent = text;
    row.cells[2].className = "num";
  }
  const response = await fetch("/api/train/charts/compare.svg");
  if (response.ok) $("compare-chart").innerHTML = await response.text();
}

$("runs-forget").addEventListener("click", async () => {
  const response = await fetch("/api/train/runs", { method: "DELETE" });
  if (!response.ok) trainMessage((await response.json()).error, true);
  compareRuns().catch(() => {});
});

// ---- start ---------------------------------------------------------------------------------

clearPad();
showNothing(wording.prompt);
loadModel().catch((error) => { $("model-line").textContent = "The server did not answer: " + error.message; });
loadMap();
fetch("/api/train").then((r) => r.json()).then((status) => {
  if (status.phase === "none") return;
  follow();
  resumeSteps(status);  // step.js
});
compareRuns().catch(() => {});
