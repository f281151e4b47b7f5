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
  showNothing("Draw a digit in the box.");
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
  $("card-digit").textContent = answer.digit;
  $("card-probability").textContent = percent(answer.probability);
  $("card-runner-up").textContent = `${answer.runner_up} (${percent(answer.runner_up_probability)})`;
  answer.probabilities.forEach((p, digit) => {
    bars[digit].classList.toggle("top", digit === answer.digit);
    bars[digit].querySelector(".fill").style.width = (p * 100).toFixed(2) + "%";
    bars[digit].querySelector(".percent").textContent = percent(p);
  });
  drawSeen(answer.input.flat());
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
  $("activations").textContent = "";
  unitsShown += 1;
  $("units").textContent = "";
  delete document.body.dataset.prediction;
}

function drawSeen(pixels) {
  const context = $("seen").getContext("2d");
  const image = context.createImageData(28, 28);
  pixels.forEach((value, i) => {
    const level = 255 - value;  // ink dark on white paper, as drawn
    image.data.set([level, level, level, 255], i * 4);
  });
  context.putImageData(image, 0, 0);
}

// The colours of weights and activations and their legends, from the server's one definition
// (GET /api/look), which the training report uses too.
const look = fetch("/api/look").then((response) => response.json());
look.then((colours) => {
  $("activations-legend").innerHTML = colours.activations.legend;
  $("units-legend").innerHTML = colours.weights.legend;
}).catch(() => {});

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
    const figure = document.createElement("figure");
    const canvas = document.createElement("canvas");
    canvas.width = 28;
    canvas.height = 28;
    const context = canvas.getContext("2d");
    const image = context.createImageData(28, 28);
    layer.units[unit.unit].weights.forEach((w, i) => {
      const hex = palette[w + 127];
      image.data.set([1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)).concat([255]), i * 4);
    });
    context.putImageData(image, 0, 0);
    const caption = document.createElement("figcaption");
    caption.textContent = `unit ${unit.unit + 1} · ${unit.activation.toFixed(2)}`;
    figure.append(canvas, caption);
    box.append(figure);
  }
}

// ---- the model card ------------------------------------------------------------------------

async function loadModel() {
  const card = await (await fetch("/api/model")).json();
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
  $("train-unavailable").hidden = training.available;
  $("train-form").hidden = !training.available;
  if (!training.available) $("train-unavailable").textContent = training.message;
}

// ---- training ------------------------------------------------------------------------------

let plannedEpochs = 1;
let events = null;

$("train-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const request = {
    hidden: $("train-hidden").value.split(",").map((w) => Number(w.trim())),
    epochs: Number($("train-epochs").value),
    learning_rate: Number($("train-lr").value),
  };
  // An empty optional field is left out: the server's default applies.
  for (const [field, key] of [["train-limit", "limit"], ["train-seed", "seed"], ["train-threads", "threads"]]) {
    if ($(field).value) request[key] = Number($(field).value);
  }
  const response = await fetch("/api/train", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request) });
  const answer = await response.json();
  if (!response.ok) { trainMessage(answer.error, true); return; }
  trainMessage("Loading the MNIST files…");
  follow();
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
  $("train-cancel").disabled = !isRunning;
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
  } catch {
    // the next event asks again
  } finally {
    chartsBusy = false;
    if (chartsStale) { chartsStale = false; refreshCharts(); }
  }
}

// ---- start ---------------------------------------------------------------------------------

clearPad();
showNothing("Draw a digit in the box.");
loadModel().catch((error) => { $("model-line").textContent = "The server did not answer: " + error.message; });
fetch("/api/train").then((r) => r.json()).then((status) => { if (status.phase !== "none") follow(); });
