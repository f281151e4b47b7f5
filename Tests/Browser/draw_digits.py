"""Drives `mnist serve`'s page in a real Chromium (headless, through Selenium).

Draws MNIST test digits on the canvas with real pointer events, tracing each digit's ink row
by row as strokes, and checks that most are read right; uploads an image file; checks that the
page fits a 375 px wide phone screen; saves a screenshot. Exits non-zero on any failure.

    python draw_digits.py --url http://127.0.0.1:PORT/ --digits digits.json \
        --upload digit.png --upload-label 7 --screenshot serve.png
"""

import argparse
import os
import json
import sys
import time

from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.actions.pointer_input import PointerInput
from selenium.webdriver.common.actions import interaction
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def start_browser(width, height, trace=False):
    """Headless Chromium `width` × `height` CSS pixels large; with `trace`, its performance log
    collects the main thread's tasks (`driver.get_log("performance")` hands them over)."""
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 f"--window-size={width},{height}", "--force-device-scale-factor=1"):
        options.add_argument(flag)
    if trace:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        options.add_experimental_option("perfLoggingPrefs", {
            "enableNetwork": False, "enablePage": False,
            "traceCategories": "devtools.timeline,disabled-by-default-devtools.timeline"})
    options.binary_location = "/usr/bin/chromium"
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def strokes(pixels, threshold=100):
    """The ink of a 28x28 digit as horizontal strokes two rows apart: (middle, first column,
    last column), `middle` in rows from the top. The page's pen is two rows wide, so one stroke
    along the line between two rows inks both: where either row has ink."""
    runs = []
    for top in range(0, 28, 2):
        inked = [max(pixels[top * 28 + column], pixels[(top + 1) * 28 + column]) >= threshold for column in range(28)]
        column = 0
        while column < 28:
            if inked[column]:
                start = column
                while column < 28 and inked[column]:
                    column += 1
                runs.append((top + 1, start, column - 1))
            column += 1
    return runs


def draw(driver, pad, pixels, kind):
    """Traces the digit on the pad with pointer events of `kind` (mouse, pen or touch)."""
    size = pad.size["width"]
    scale = size / 28
    pointer = PointerInput(kind, kind)
    # All strokes in one action chain: one round trip to the browser per digit, not per stroke.
    # Each move takes no time (the default is 250 ms): the page joins successive points with a
    # line, so a stroke is a press at its first pixel, one move to its last, and a release.
    actions = ActionBuilder(driver, mouse=pointer, duration=0)
    for middle, first, last in strokes(pixels):
        # Offsets from the pad's centre: between the stroke's two rows, the middle of each pixel.
        y = round(middle * scale - size / 2)
        x0 = round((first + 0.5) * scale - size / 2)
        x1 = round((last + 0.5) * scale - size / 2)
        actions.pointer_action.move_to(pad, x0, y)
        actions.pointer_action.pointer_down()
        actions.pointer_action.move_to(pad, x1, y)
        actions.pointer_action.pointer_up()
    actions.perform()


def settled_prediction(driver, timeout=10):
    """The digit the page shows once its requests have settled."""
    time.sleep(0.3)
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return document.body.dataset.prediction !== undefined"))
    last = None
    for _ in range(30):
        current = driver.execute_script("return document.body.dataset.prediction")
        if current == last:
            return int(current)
        last = current
        time.sleep(0.2)
    return int(last)


def overflowing(driver):
    """The elements whose right edge is beyond the viewport's width."""
    return driver.execute_script("""
        const width = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')].filter((e) => {
            const box = e.getBoundingClientRect();
            return box.width > 0 && box.right > width + 0.5;
        }).map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''));
        if (document.documentElement.scrollWidth > width) wide.unshift('page ' + document.documentElement.scrollWidth + 'px');
        return wide;
    """)


def save_views(driver, folder, views):
    """Saves each view of the page as it is shown: `views` maps a PNG file name in `folder` to
    the id of the element to capture (scrolled into view first)."""
    os.makedirs(folder, exist_ok=True)
    for name, element_id in views.items():
        element = driver.find_element(By.ID, element_id)
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        time.sleep(0.2)
        element.screenshot(os.path.join(folder, name))
        print(f"saved {os.path.join(folder, name)}")


def model_card_repeats(driver):
    """The model card's rows each say a different thing: no label twice (test_accuracy is
    test accuracy), and the architecture is written in one row only."""
    rows = driver.execute_script("""
        return [...document.querySelectorAll('#model-card table tr')].map(r => [...r.cells].map(c => c.textContent));""")
    labels = [label.replace("_", " ") for label, _ in rows]
    repeated = sorted({label for label in labels if labels.count(label) > 1})
    architecture = next((value for label, value in rows if label == "architecture"), None)
    problems = [f"the model card lists {label} twice" for label in repeated]
    if architecture is None or [value for _, value in rows].count(architecture) != 1:
        problems.append(f"the model card shows the architecture {architecture} in other than one row: {rows}")
    print(f"model card: {len(rows)} rows, {', '.join(labels)}")
    return problems


def exit_status(failures):
    """Prints each failure on standard error; the process's exit status: 1 if there were any."""
    for failure in failures:
        print("FAILED: " + failure, file=sys.stderr)
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--digits", required=True, help="JSON: [{\"label\": 7, \"pixels\": [784 bytes]}, ...]")
    parser.add_argument("--upload", required=True)
    parser.add_argument("--upload-label", type=int, required=True)
    parser.add_argument("--screenshot")
    arguments = parser.parse_args()
    digits = json.load(open(arguments.digits))
    failures = []

    driver = start_browser(1280, 2200)
    try:
        driver.get(arguments.url)
        WebDriverWait(driver, 15).until(lambda d: "MLP" in d.find_element(By.ID, "model-line").text)
        failures += model_card_repeats(driver)
        pad = driver.find_element(By.ID, "pad")
        clear = driver.find_element(By.ID, "clear")
        right = 0
        kinds = ["mouse", "pen", "touch"]
        for index, digit in enumerate(digits):
            clear.click()
            draw(driver, pad, digit["pixels"], kinds[index % len(kinds)])
            predicted = settled_prediction(driver)
            print(f"drew a {digit['label']} with {kinds[index % len(kinds)]} events: the page says {predicted}")
            right += predicted == digit["label"]
        print(f"{right} of {len(digits)} drawn digits read right")
        if right * 10 < len(digits) * 7:
            failures.append(f"only {right} of {len(digits)} drawn digits were read right")

        seen = driver.execute_script("""
            const data = document.getElementById('seen').getContext('2d').getImageData(0, 0, 28, 28).data;
            let dark = 0; for (let i = 0; i < data.length; i += 4) if (data[i] < 128) dark++; return dark;""")
        if seen == 0:
            failures.append("'what the network saw' stayed empty")
        if not driver.find_elements(By.CSS_SELECTOR, "#activations .strip span"):
            failures.append("no activations were drawn")
        try:
            WebDriverWait(driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#units canvas"))
        except TimeoutException:
            failures.append("no first-layer units were drawn")
        inked_units = driver.execute_script("""
            return [...document.querySelectorAll('#units canvas')].filter((canvas) => {
              const data = canvas.getContext('2d').getImageData(0, 0, 28, 28).data;
              for (let i = 0; i < data.length; i += 4) if (data[i] < 250 || data[i + 2] < 250) return true;
              return false;
            }).length;""")
        if inked_units == 0:
            failures.append("the first-layer units were drawn blank")
        # The weights come once per model, not with each of the drawings' answers.
        fetches = driver.execute_script(
            "return performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/model/first-layer')).length")
        print(f"the first layer's weights were fetched {fetches} time(s) for {len(digits)} drawings")
        if fetches != 1:
            failures.append(f"the first layer's weights were fetched {fetches} times, not once")

        clear.click()
        driver.find_element(By.ID, "upload").send_keys(arguments.upload)
        uploaded = settled_prediction(driver)
        message = driver.find_element(By.ID, "draw-message").text
        print(f"uploaded a {arguments.upload_label}: the page says {uploaded} ({message})")
        if uploaded != arguments.upload_label or "Read from" not in message:
            failures.append(f"the uploaded {arguments.upload_label} was read as {uploaded}: {message}")

        # The last drawn digit again, for the screenshot.
        clear.click()
        draw(driver, pad, digits[0]["pixels"], "mouse")
        settled_prediction(driver)
        if arguments.screenshot:
            driver.set_window_size(1280, driver.execute_script("return document.documentElement.scrollHeight") + 140)
            time.sleep(0.5)
            driver.save_screenshot(arguments.screenshot)
            print(f"saved {arguments.screenshot}")

        for width in (375, 1280):
            driver.set_window_size(width, 900)
            time.sleep(0.5)
            wide = overflowing(driver)
            print(f"at {width} px: {'nothing overflows' if not wide else 'overflowing: ' + ', '.join(wide[:8])}")
            if wide:
                failures.append(f"at {width} px these overflow: {', '.join(wide[:8])}")
        driver.set_window_size(375, 900)
        clear.click()
        draw(driver, pad, digits[1]["pixels"], "touch")
        phone = settled_prediction(driver)
        print(f"at 375 px drew a {digits[1]['label']}: the page says {phone}")
        if phone != digits[1]["label"]:
            failures.append(f"at 375 px the drawn {digits[1]['label']} was read as {phone}")
    finally:
        driver.quit()

    return exit_status(failures)


if __name__ == "__main__":
    sys.exit(main())
