// Step mode of the train panel (docs/serve.md): "Step through it" starts a run that waits; each
// Step trains exactly one batch (POST /api/train/step) and shows what it did; Run sends the run
// on at full speed (POST /api/train/run) into the live charts that app.js draws. Uses app.js's
// helpers ($, look, smallFigure, paintInk, paintWeights, trainingRequest, startTraining, trainMessage,
// refreshCharts); app.js calls endSteps when a run ends and resumeSteps after a reload.
"use strict";

let stepping = false;  // whether the run in step mode takes steps
let stepBusy = false;  // a step request is on its way

function stepMessage(text, isError = false) {
  $("step-message").textContent = text;
  $("step-message").classList.toggle("error", isError);
}

function stepButtons() {
  $("step-next").disabled = !stepping || stepBusy;
  $("step-run").disabled = !stepping;
}

function showStepView(ready) {
  $("step-view").hidden = false;
  stepping = ready;
  stepButtons();
  look.then((colours) => { $("step-units-legend").innerHTML = colours.weights.legend; }).catch(() => {});
}

$("train-step-start").addEventListener("click", async () => {
  $("step-images").textContent = "";
  $("step-units").textContent = "";
  $("step-losses").textContent = "";
  document.querySelector("#step-norms tbody").textContent = "";
  delete document.body.dataset.step;
  if (!(await startTraining({ ...trainingRequest(), mode: "step" }))) return;
  showStepView(true);
  stepMessage("Ready: press Step to train the first batch.");
});

$("step-next").addEventListener("click", async () => {
  stepBusy = true;
  stepButtons();
  try {
    const response = await fetch("/api/train/step", { method: "POST" });
    const answer = await response.json();
    if (!response.ok) { stepMessage(answer.error, true); return; }
    await showStep(answer);
    if (answer.finished) {
      stepping = false;
      stepMessage(`Step ${answer.step} trained the last batch: the run now tests its model.`);
    }
  } catch (error) {
    stepMessage("The server did not answer: " + error.message, true);
  } finally {
    stepBusy = false;
    stepButtons();
  }
});

$("step-run").addEventListener("click", async () => {
  const response = await fetch("/api/train/run", { method: "POST" });
  if (!response.ok) { stepMessage((await response.json()).error, true); return; }
  stepping = false;
  stepButtons();
  stepMessage("Running at full speed: the charts below follow it.");
});

// Called by app.js when a run ends.
function endSteps() {
  stepping = false;
  stepButtons();
}

// Called by app.js with the last run's status when the page loads: a run waiting in step mode
// gets its buttons back.
function resumeSteps(status) {
  if (status.phase !== "running" || status.mode !== "step") return;
  showStepView(true);
  stepMessage(`Run ${status.id} waits in step mode: press Step or Run.`);
}

async function showStep(answer) {
  stepMessage(`Epoch ${answer.epoch}, batch ${answer.batch} of ${answer.batch_count} (step ${answer.step}): loss ${answer.loss.toFixed(4)} at learning rate ${answer.learning_rate.toPrecision(3)}; the epoch so far ${answer.epoch_loss.toFixed(4)}, ${percent(answer.epoch_accuracy)} right.`);
  showBatch(answer.images);
  showNorms(answer.gradient_norms);
  const loss = document.createElement("li");
  loss.textContent = `${answer.loss.toFixed(4)} (epoch ${answer.epoch}, batch ${answer.batch})`;
  $("step-losses").prepend(loss);
  await showUnits(answer.units, (await look).weights.palette);
  refreshCharts();
  document.body.dataset.step = answer.step;
}

function showBatch(images) {
  const box = $("step-images");
  box.textContent = "";
  for (const image of images) {
    const [figure, canvas] = smallFigure(classNames[image.label]);
    paintInk(canvas, image.pixels.flat());
    figure.title = `training image ${image.index}: ${classNames[image.label]}`;
    box.append(figure);
  }
}

function showNorms(layers) {
  const body = document.querySelector("#step-norms tbody");
  body.textContent = "";
  const largest = Math.max(...layers.map((layer) => layer.weights), 1e-12);
  for (const layer of layers) {
    const row = body.insertRow();
    row.insertCell().textContent = layer.layer;
    for (const norm of [layer.weights, layer.biases]) {
      const cell = row.insertCell();
      cell.className = "num";
      cell.textContent = norm.toPrecision(3);
    }
    const bar = document.createElement("span");
    bar.className = "norm-bar";
    bar.style.width = (layer.weights / largest * 100).toFixed(1) + "%";
    row.insertCell().append(bar);
  }
}

async function showUnits(units, palette) {
  const box = $("step-units");
  box.textContent = "";
  for (const unit of units) {
    const group = document.createElement("div");
    group.className = "step-unit";
    const title = document.createElement("div");
    title.className = "layer-title";
    title.textContent = `unit ${unit.unit + 1}: changed by ${unit.change.toPrecision(3)}`;
    group.append(title);
    for (const [name, weights] of [["before", unit.before], ["after", unit.after], ["difference", unit.difference]]) {
      const [figure, canvas] = smallFigure(`${name} · ±${weights.scale.toPrecision(2)}`);
      canvas.dataset.part = name;
      paintWeights(canvas, weights.weights, palette);
      group.append(figure);
    }
    box.append(group);
  }
}
