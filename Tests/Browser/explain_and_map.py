"""Drives the page's "Why this answer" and "Where your digit lands" in a real Chromium.

Draws a test digit, then checks the saliency view (red and blue tints over what the network
saw, its legend and caption), the map of the test set (drawn, with a legend of the ten digits
and the drawn digit's cross), and that hovering with a mouse, and tapping on a 375 px wide phone
screen, over a test image's dot shows that very image. Exits non-zero on any failure.

    python explain_and_map.py --url http://127.0.0.1:PORT/ --digits digits.json [--screenshots DIR]
"""

import argparse
import json
import sys
import time

from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.actions.pointer_input import PointerInput
from selenium.webdriver.common.actions import interaction
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from draw_digits import draw, exit_status, overflowing, save_views, settled_prediction, start_browser


def tints(driver):
    """How many pixels of the saliency view lean red, and how many blue."""
    return driver.execute_script("""
        const data = document.getElementById('why').getContext('2d').getImageData(0, 0, 28, 28).data;
        let red = 0, blue = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i] > data[i + 2] + 40) red++;
          if (data[i + 2] > data[i] + 40) blue++;
        }
        return [red, blue];""")


def lonely_test_image(driver, candidates):
    """Of test images `candidates`, one whose dot has no other within 8 canvas pixels (so that
    a pointer a pixel off still picks it), and its offset from the map canvas' centre in CSS
    pixels."""
    return driver.execute_script("""
        const canvas = document.getElementById('map');
        const scale = canvas.getBoundingClientRect().width / canvas.width;
        const at = (p) => [mapLayout.x(p.x), mapLayout.y(p.y)];
        for (const index of arguments[0]) {
          const [x, y] = at(map.points[index]);
          const crowded = map.points.some((p, other) => {
            const [u, v] = at(p);
            return other !== index && (u - x) ** 2 + (v - y) ** 2 < 64;
          });
          if (!crowded) return [index, (x - canvas.width / 2) * scale, (y - canvas.height / 2) * scale];
        }
        return null;""", candidates)


def tip_shows(driver, digit, index):
    """Problems with the tip once it shows test image `index` (whose pixels are `digit`'s)."""
    try:
        WebDriverWait(driver, 10).until(
            lambda d: d.execute_script("return document.getElementById('map-tip').dataset.index") == str(index))
    except TimeoutException:
        return [f"hovering test image {index}'s dot showed no tip for it"]
    shown = driver.execute_script("""
        const data = document.getElementById('map-tip-image').getContext('2d').getImageData(0, 0, 28, 28).data;
        const pixels = []; for (let i = 0; i < data.length; i += 4) pixels.push(255 - data[i]); return pixels;""")
    text = driver.find_element(By.ID, "map-tip-text").text
    problems = []
    if shown != digit["pixels"]:
        problems.append(f"the tip of test image {index} shows other pixels than the test image")
    if not text.startswith(f"test image {index}: a {digit['label']}"):
        problems.append(f"the tip of test image {index} says '{text}'")
    return problems


def point_at(driver, element, dx, dy, kind):
    """Moves a pointer of `kind` to (dx, dy) from `element`'s centre; a touch also taps there."""
    pointer = PointerInput(kind, kind)
    actions = ActionBuilder(driver, mouse=pointer, duration=10)
    actions.pointer_action.move_to(element, round(dx), round(dy))
    if kind == interaction.POINTER_TOUCH:
        actions.pointer_action.pointer_down()
        actions.pointer_action.pointer_up()
    actions.perform()


def point_at_a_test_image(driver, map_canvas, digits, candidates, kind):
    """Points with `kind` (hover with a mouse, tap with a finger) at the dot of the first of
    test images `candidates` that stands apart; the problems with the tip that shows."""
    found = lonely_test_image(driver, list(candidates))
    if found is None:
        return ["every one of the test images given has another dot within 8 pixels"]
    index, dx, dy = found
    point_at(driver, map_canvas, dx, dy, kind)
    problems = tip_shows(driver, digits[index], index)
    width = driver.execute_script("return window.innerWidth")
    print(f"at {width} px, {kind} on test image {index}'s dot: {'the tip shows it' if not problems else problems}")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--digits", required=True, help="JSON: the first test images, [{\"label\", \"pixels\"}, ...]")
    parser.add_argument("--screenshots", help="a folder for why.png and map.png, the two views as shown")
    arguments = parser.parse_args()
    digits = json.load(open(arguments.digits))
    failures = []

    driver = start_browser(1280, 2200)
    try:
        driver.get(arguments.url)
        try:
            WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.body.dataset.map === 'drawn'"))
        except TimeoutException:
            return exit_status([f"the map was not drawn: {driver.find_element(By.ID, 'map-message').text}"])
        print(f"map: {driver.find_element(By.ID, 'map-message').text}")
        legend = driver.find_elements(By.CSS_SELECTOR, "#map-legend span")
        if len(legend) != 12:
            failures.append(f"the map's legend has {len(legend)} entries, not the ten digits, mistake and your digit")
        inked = driver.execute_script("""
            const c = document.getElementById('map'); const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0; for (let i = 0; i < data.length; i += 4) if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) n++; return n;""")
        if inked < 5000:
            failures.append(f"the map has only {inked} drawn pixels")

        pad = driver.find_element(By.ID, "pad")
        draw(driver, pad, digits[0]["pixels"], "mouse")
        predicted = settled_prediction(driver)
        try:
            WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.body.dataset.mapPoint !== undefined"))
            print(f"drew a {digits[0]['label']}, read as {predicted}; on the map at {driver.execute_script('return document.body.dataset.mapPoint')}")
        except TimeoutException:
            failures.append("the drawn digit was not placed on the map")
        red, blue = tints(driver)
        caption = driver.find_element(By.ID, "why-caption").text
        print(f"why this answer: {red} red and {blue} blue pixels; '{caption}'")
        if red == 0 or blue == 0:
            failures.append(f"the saliency view has {red} red and {blue} blue pixels")
        if f"makes it a {predicted}" not in caption:
            failures.append(f"the saliency caption does not name the answer {predicted}: {caption}")
        if not driver.find_elements(By.CSS_SELECTOR, "#why-legend svg"):
            failures.append("the saliency view has no legend")

        map_canvas = driver.find_element(By.ID, "map")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", map_canvas)
        failures += point_at_a_test_image(driver, map_canvas, digits, range(len(digits)), interaction.POINTER_MOUSE)
        if arguments.screenshots:
            save_views(driver, arguments.screenshots, {"why.png": "why-panel", "map.png": "map-panel"})

        driver.set_window_size(375, 900)
        time.sleep(0.5)
        wide = overflowing(driver)
        if wide:
            failures.append(f"at 375 px these overflow: {', '.join(wide[:8])}")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", map_canvas)
        failures += point_at_a_test_image(
            driver, map_canvas, digits, reversed(range(len(digits))), interaction.POINTER_TOUCH)
    finally:
        driver.quit()
    return exit_status(failures)


if __name__ == "__main__":
    sys.exit(main())
