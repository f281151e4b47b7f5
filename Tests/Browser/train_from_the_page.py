"""Trains from `mnist serve`'s page in a real Chromium (headless, through Selenium), as a person
would: the form exactly as the page fills it in, "Start training" pressed without touching a
field. Checks that every control of the form is valid with its defaults, that the run finishes
and the server then serves its model, that the curves are drawn (by the server, as the report
draws them), that the model card's report link is the new model's report, that the download
is a model file, that a reload still shows the finished run, and that Cancel stops a second run.
Exits non-zero on any failure.

    python train_from_the_page.py --url http://127.0.0.1:PORT/ --download trained.safetensors \
        [--screenshot serve.png --digits digits.json]
"""

import argparse
import base64
import json
import sys
import time
import urllib.request

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from draw_digits import draw, exit_status, settled_prediction, start_browser


def api(url, path):
    with urllib.request.urlopen(url.rstrip("/") + path) as response:
        return json.load(response)


def invalid_controls(driver):
    """The form's controls that the browser would refuse as they are, with its message."""
    return driver.execute_script("""
        return [...document.querySelectorAll('#train-form input')]
            .filter((input) => !input.checkValidity())
            .map((input) => input.id + ' = "' + input.value + '": ' + input.validationMessage);""")


def message(driver):
    return driver.find_element(By.ID, "train-message").text


def wait_for_message(driver, words, timeout):
    WebDriverWait(driver, timeout).until(lambda d: any(word in message(d) for word in words))
    return message(driver)


def chart_problems(driver):
    """What is wrong with the learning curves the page shows."""
    problems = []
    for name in ("loss", "accuracy"):
        texts = driver.execute_script(
            f"return [...document.querySelectorAll('#{name}-chart svg text')].map((t) => t.textContent);")
        lines = driver.execute_script(f"return document.querySelectorAll('#{name}-chart svg polyline').length;")
        if not texts or not lines:
            problems.append(f"the {name} chart was not drawn")
            continue
        numbers = []
        for text in texts:
            try:
                numbers.append(float(text.replace("%", "")))
            except ValueError:
                pass
        if any(number < 0 for number in numbers):
            problems.append(f"the {name} chart has a negative tick: {texts}")
        if name == "accuracy" and any(number > 100 for number in numbers if number > 30):
            problems.append(f"the accuracy chart goes above 100%: {texts}")
        if name == "loss" and not any("log scale" in text for text in texts):
            problems.append(f"the loss chart is not on a log axis: {texts}")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--download", required=True, help="where to write the model the page's link gives")
    parser.add_argument("--screenshot")
    parser.add_argument("--digits", help="JSON as draw_digits.py takes it: the first is drawn for the screenshot")
    parser.add_argument("--timeout", type=float, default=300, help="seconds a run may take")
    arguments = parser.parse_args()
    failures = []

    driver = start_browser(1280, 2400)
    try:
        driver.get(arguments.url)
        WebDriverWait(driver, 15).until(lambda d: d.find_element(By.ID, "train-form").is_displayed())
        invalid = invalid_controls(driver)
        print(f"form with its defaults: {'every control valid' if not invalid else invalid}")
        failures += [f"invalid with its default: {control}" for control in invalid]
        before = api(arguments.url, "/api/model")

        # Start training, touching nothing.
        started = time.monotonic()
        driver.find_element(By.ID, "train-start").click()
        try:
            done = wait_for_message(driver, ["Done:", "Cancelled", "error", "must"], arguments.timeout)
        except TimeoutException:
            done = message(driver)
            failures.append(f"the run did not finish in {arguments.timeout:.0f} s: {done}")
        print(f"pressed Start training: {done} ({time.monotonic() - started:.1f} s)")
        if not done.startswith("Done:"):
            failures.append(f"the run with the page's defaults did not succeed: {done}")
        status = api(arguments.url, "/api/train")
        request = status.get("request", {})
        print(f"the page asked for {json.dumps(request, sort_keys=True)}")

        after = api(arguments.url, "/api/model")
        print(f"served model: {before['name']} -> {after['name']} ({after['source']})")
        if after["source"] != "trained" or after["name"] == before["name"]:
            failures.append(f"the server still serves {after['name']} after the run")
        if after.get("architecture") != "784-" + "-".join(map(str, request.get("hidden", []))) + "-10":
            failures.append(f"the served model {after.get('architecture')} is not the one asked for")

        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.body.dataset.charts === 'drawn'"))
        failures += chart_problems(driver)
        epoch_rows = len(driver.find_elements(By.CSS_SELECTOR, "#epochs tbody tr"))
        if epoch_rows != request.get("epochs"):
            failures.append(f"the epoch table has {epoch_rows} rows for {request.get('epochs')} epochs")

        # The model card's report link is the new model's report.
        try:
            WebDriverWait(driver, 10).until(lambda d: "trained from this page" in d.find_element(By.ID, "model-line").text)
        except TimeoutException:
            failures.append("the model card does not say the model was trained from the page")
        links = driver.find_elements(By.CSS_SELECTOR, "#model-card a")
        if not links:
            failures.append("the model card has no report link after the run")
        else:
            report = driver.execute_script(
                "return fetch(arguments[0]).then((r) => r.text());", links[0].get_attribute("href"))
            if f"run {status.get('id')}" not in report:
                failures.append("the report link does not lead to the new model's report")
            else:
                print(f"the report link leads to the report of run {status.get('id')}")

        # The download link gives the model file.
        link = driver.find_element(By.ID, "download-link")
        if not link.is_displayed():
            failures.append("the download link is hidden after the run")
        encoded = driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            fetch(arguments[0]).then((r) => r.arrayBuffer()).then((buffer) => {
                let text = ''; const bytes = new Uint8Array(buffer);
                for (let i = 0; i < bytes.length; i += 1) text += String.fromCharCode(bytes[i]);
                done(btoa(text));
            }).catch((error) => done('error: ' + error));""", link.get_attribute("href"))
        if encoded.startswith("error: "):
            failures.append(f"the download failed: {encoded}")
        else:
            with open(arguments.download, "wb") as file:
                file.write(base64.b64decode(encoded))
            print(f"downloaded {arguments.download}")

        if arguments.screenshot:
            if arguments.digits:
                digit = json.load(open(arguments.digits))[0]
                draw(driver, driver.find_element(By.ID, "pad"), digit["pixels"], "mouse")
                print(f"drew a {digit['label']} with the new model: the page says {settled_prediction(driver)}")
            driver.set_window_size(1280, driver.execute_script("return document.documentElement.scrollHeight") + 140)
            time.sleep(0.5)
            driver.save_screenshot(arguments.screenshot)
            print(f"saved {arguments.screenshot}")

        # A reload still shows the finished run.
        driver.refresh()
        try:
            WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.body.dataset.charts === 'drawn'"))
            print("after a reload the finished run's curves are still shown")
        except TimeoutException:
            failures.append("a reload hides the finished run's curves")

        # Cancel stops a second run.
        driver.find_element(By.ID, "train-start").click()
        WebDriverWait(driver, 30).until(lambda d: "Epoch" in message(d) or "Training" in message(d))
        driver.find_element(By.ID, "train-cancel").click()
        try:
            cancelled = wait_for_message(driver, ["Cancelled", "Done:"], 60)
        except TimeoutException:
            cancelled = message(driver)
        print(f"pressed Cancel: {cancelled}")
        if not cancelled.startswith("Cancelled") or api(arguments.url, "/api/train")["phase"] != "cancelled":
            failures.append(f"Cancel did not stop the run: {cancelled}")
        if api(arguments.url, "/api/model")["name"] != after["name"]:
            failures.append("a cancelled run replaced the served model")
    finally:
        driver.quit()

    return exit_status(failures)


if __name__ == "__main__":
    sys.exit(main())
