"""Steps through a training run on `mnist serve`'s page in a real Chromium (headless, through
Selenium), as a person would: the form as the page fills it in, "Step through it", Step twice,
then Run. Checks that each step shows the batch's images with their labels, its loss and the
losses so far, each layer's gradient norms and the changed units' weights before, after and
their difference; that the second step is the next batch; that nothing overflows a 375 px wide
phone screen; and that Run goes on to the end of the run. Exits non-zero on any failure.

    python step_through_training.py --url http://127.0.0.1:PORT/ [--screenshots DIR]
"""

import argparse
import json
import sys
import time
import urllib.request

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from draw_digits import exit_status, overflowing, save_views, start_browser


def api(url, path):
    with urllib.request.urlopen(url.rstrip("/") + path) as response:
        return json.load(response)


def text(driver, element_id):
    return driver.find_element(By.ID, element_id).text


def step_view(driver):
    """What the step view shows, read from the page."""
    return driver.execute_script("""
        const inked = (canvas) => {
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let count = 0;
            for (let i = 0; i < data.length; i += 4) if (data[i] < 250 || data[i + 1] < 250 || data[i + 2] < 250) count += 1;
            return count;
        };
        const images = [...document.querySelectorAll('#step-images figure')];
        const units = [...document.querySelectorAll('#step-units .step-unit')];
        return {
            step: document.body.dataset.step,
            images: images.map((f) => ({label: f.querySelector('figcaption').textContent, title: f.title,
                                        inked: inked(f.querySelector('canvas'))})),
            losses: [...document.querySelectorAll('#step-losses li')].map((li) => li.textContent),
            norms: [...document.querySelectorAll('#step-norms tbody tr')].map((row) =>
                [...row.cells].slice(0, 3).map((cell) => cell.textContent)),
            units: units.map((unit) => ({
                title: unit.querySelector('.layer-title').textContent,
                parts: [...unit.querySelectorAll('canvas')].map((c) => [c.dataset.part, inked(c)]),
            })),
            legend: document.querySelectorAll('#step-units-legend svg').length,
            message: document.getElementById('step-message').textContent,
        };""")


def problems_of(view, step):
    problems = []
    if view["step"] != str(step):
        problems.append(f"the page shows step {view['step']}, not {step}")
    if len(view["images"]) != 64:
        problems.append(f"{len(view['images'])} batch images, not 64")
    for image in view["images"]:
        if image["label"] not in [str(digit) for digit in range(10)] or image["inked"] < 20:
            problems.append(f"a batch image is blank or unlabelled: {image}")
            break
    if len(view["losses"]) != step:
        problems.append(f"{len(view['losses'])} losses listed after {step} steps")
    if len(view["norms"]) != 3:
        problems.append(f"gradient norms of {len(view['norms'])} layers, not 3: {view['norms']}")
    for layer, weights, biases in view["norms"]:
        if not float(weights) > 0 or not float(biases) > 0:
            problems.append(f"layer {layer}'s gradient norms are not positive: {weights}, {biases}")
    if len(view["units"]) != 6:
        problems.append(f"{len(view['units'])} units shown, not 6")
    for unit in view["units"]:
        parts = [name for name, _ in unit["parts"]]
        if parts != ["before", "after", "difference"] or any(inked < 200 for _, inked in unit["parts"]):
            problems.append(f"{unit['title']} is not drawn before, after and as a difference: {unit['parts']}")
    if view["legend"] != 1:
        problems.append("the units have no colour legend")
    if "loss" not in view["message"]:
        problems.append(f"the step's message gives no loss: {view['message']}")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--screenshots", help="a folder for step.png, the step view after two steps")
    parser.add_argument("--timeout", type=float, default=300, help="seconds the run may take after Run")
    arguments = parser.parse_args()
    failures = []

    driver = start_browser(1280, 2400)
    try:
        driver.get(arguments.url)
        WebDriverWait(driver, 15).until(lambda d: d.find_element(By.ID, "train-form").is_displayed())
        driver.find_element(By.ID, "train-step-start").click()
        try:
            WebDriverWait(driver, 30).until(lambda d: "Ready" in text(d, "step-message"))
        except TimeoutException:
            failures.append(f"Step through it did not get ready: {text(driver, 'train-message')} {text(driver, 'step-message')}")
            return exit_status(failures)
        status = api(arguments.url, "/api/train")
        print(f"pressed Step through it: run {status['id']} in mode {status['mode']}, asked for {json.dumps(status['request'], sort_keys=True)}")
        if status["mode"] != "step" or status["phase"] != "running":
            failures.append(f"the run is not waiting in step mode: {status}")

        views = []
        for step in (1, 2):
            driver.find_element(By.ID, "step-next").click()
            try:
                WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.body.dataset.step") == str(step))
            except TimeoutException:
                failures.append(f"step {step} was not shown: {text(driver, 'step-message')}")
                return exit_status(failures)
            view = step_view(driver)
            views.append(view)
            print(f"pressed Step: {view['message']}")
            print(f"  {len(view['images'])} images, labels {''.join(image['label'] for image in view['images'][:16])}…; "
                  f"gradient norms {view['norms']}; units {[unit['title'] for unit in view['units']]}")
            failures += problems_of(view, step)
        if views[0]["images"] and views[1]["images"] and views[0]["images"][0]["title"] == views[1]["images"][0]["title"]:
            failures.append("the second step shows the first batch's images again")
        if "batch 2 of" not in views[1]["message"]:
            failures.append(f"the second step is not the second batch: {views[1]['message']}")

        if arguments.screenshots:
            save_views(driver, arguments.screenshots, {"step.png": "step-view"})
        driver.set_window_size(375, 900)
        time.sleep(0.5)
        wide = overflowing(driver)
        print(f"at 375 px: {'nothing overflows' if not wide else 'overflowing: ' + ', '.join(wide[:8])}")
        if wide:
            failures.append(f"at 375 px these overflow: {', '.join(wide[:8])}")
        driver.set_window_size(1280, 2400)

        started = time.monotonic()
        driver.find_element(By.ID, "step-run").click()
        try:
            WebDriverWait(driver, arguments.timeout).until(
                lambda d: any(word in text(d, "train-message") for word in ("Done:", "Cancelled", "error")))
        except TimeoutException:
            failures.append(f"the run did not finish in {arguments.timeout:.0f} s after Run: {text(driver, 'train-message')}")
        done = text(driver, "train-message")
        print(f"pressed Run: {done} ({time.monotonic() - started:.1f} s)")
        if not done.startswith("Done:"):
            failures.append(f"the run did not succeed after Run: {done}")
        status = api(arguments.url, "/api/train")
        if status["phase"] != "done" or status["mode"] != "run":
            failures.append(f"the run's status after Run: {status}")
        if driver.find_element(By.ID, "step-next").is_enabled():
            failures.append("Step is still enabled after the run ended")
        epoch_rows = len(driver.find_elements(By.CSS_SELECTOR, "#epochs tbody tr"))
        if epoch_rows != status["request"]["epochs"]:
            failures.append(f"the epoch table has {epoch_rows} rows for {status['request']['epochs']} epochs")
    finally:
        driver.quit()

    return exit_status(failures)


if __name__ == "__main__":
    sys.exit(main())
