"""Compares two training runs on `mnist serve`'s page in a real Chromium (headless, through
Selenium), as a person would: the form as the page fills it in, with only the epochs and the
number of training images made small; a run; Adam chosen (the learning rate must follow to
Adam's default, which the server states); a second run. Checks that the comparison chart then
shows both runs, labelled by what differed, with the runs' table; that nothing overflows at
375 px; and that "Forget earlier runs" forgets them. While the second run streams, Chromium's
trace of the page's main thread is recorded and its longest task printed (not judged: a
machine's load is no test). Exits non-zero on any failure.

    python compare_runs.py --url http://127.0.0.1:PORT/ [--epochs 1 --limit 2000] [--screenshots DIR]
"""

import argparse
import json
import sys

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from draw_digits import exit_status, overflowing, save_views, start_browser
from train_from_the_page import api, invalid_controls, message, wait_for_message


def set_field(driver, field, value):
    element = driver.find_element(By.ID, field)
    element.clear()
    element.send_keys(str(value))


def train(driver, timeout):
    """Presses Start training and waits for the run's end; its final message."""
    driver.find_element(By.ID, "train-start").click()
    try:
        return wait_for_message(driver, ["Done:", "Cancelled", "error", "must"], timeout)
    except TimeoutException:
        return message(driver)


def longest_tasks(entries, start, end):
    """The main thread's tasks in a performance log between the page's `console.timeStamp`s
    `start` and `end`: how many, the longest in milliseconds, how many ran the page's script
    (a function call, a script evaluation, a timer or an event in them), the longest of those,
    and how many of those took over 50 ms."""
    trace = [event["params"] for event in (json.loads(entry["message"])["message"] for entry in entries)
             if event.get("method") == "Tracing.dataCollected"]
    main = {(e["pid"], e["tid"]) for e in trace
            if e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"}
    stamps = {e["args"]["data"].get("message"): e["ts"] for e in trace
              if e.get("name") == "TimeStamp" and "data" in e.get("args", {})}
    begin, finish = stamps.get(start, 0), stamps.get(end, float("inf"))
    on_main = [e for e in trace if (e.get("pid"), e.get("tid")) in main and e.get("ph") == "X" and "dur" in e
               and begin <= e["ts"] <= finish]
    tasks = [e for e in on_main if e["name"] == "RunTask"]
    scripts = [e["ts"] for e in on_main if e["name"] in ("FunctionCall", "EvaluateScript", "TimerFire", "EventDispatch",
                                                         "FireAnimationFrame", "v8.callFunction", "RunMicrotasks",
                                                         "v8.run_microtasks", "V8.RunMicrotasks")]
    script_tasks = [t for t in tasks if any(t["ts"] <= ts < t["ts"] + t["dur"] for ts in scripts)]
    longest = max(tasks, key=lambda t: t["dur"], default={"ts": 0, "dur": 0})
    inside = sorted((e for e in on_main if e is not longest and longest["ts"] <= e["ts"] < longest["ts"] + longest["dur"]),
                    key=lambda e: -e["dur"])
    longest_script = max((t["dur"] for t in script_tasks), default=0) / 1000
    over = sum(1 for t in script_tasks if t["dur"] > 50000)
    what = ", ".join(f"{e['name']} {e['dur'] / 1000:.1f}" for e in inside[:6])
    return len(tasks), longest["dur"] / 1000, what, len(script_tasks), longest_script, over


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--limit", type=int, default=2000, help="training images of each run")
    parser.add_argument("--timeout", type=float, default=300, help="seconds a run may take")
    parser.add_argument("--screenshots", help="a folder for curves.png and compare.png, the second run's curves and the comparison")
    arguments = parser.parse_args()
    failures = []
    choices = api(arguments.url, "/api/model")["training"]["choices"]
    default_rate = {o["name"]: o["default_learning_rate"] for o in choices["optimizers"]}

    driver = start_browser(1280, 2400, trace=True)
    try:
        driver.get(arguments.url)
        WebDriverWait(driver, 15).until(lambda d: d.find_element(By.ID, "train-form").is_displayed())
        invalid = invalid_controls(driver)
        failures += [f"invalid with its default: {control}" for control in invalid]
        optimizer = Select(driver.find_element(By.ID, "train-optimizer"))
        rate = float(driver.find_element(By.ID, "train-lr").get_attribute("value") or "nan")
        chosen = optimizer.first_selected_option.get_attribute("value")
        print(f"the form starts with optimizer {chosen}, learning rate {rate}, schedule "
              f"{Select(driver.find_element(By.ID, 'train-schedule')).first_selected_option.text}, augmentation "
              f"{Select(driver.find_element(By.ID, 'train-augment')).first_selected_option.text}")
        if chosen != choices["defaults"]["optimizer"] or rate != default_rate[chosen]:
            failures.append(f"the form starts with {chosen} at {rate}, not the server's defaults")

        set_field(driver, "train-epochs", arguments.epochs)
        set_field(driver, "train-limit", arguments.limit)
        first = train(driver, arguments.timeout)
        print(f"first run: {first}")
        if not first.startswith("Done:"):
            failures.append(f"the first run did not succeed: {first}")
        if not driver.find_element(By.ID, "compare").get_attribute("hidden"):
            failures.append("the comparison is shown after a single run")

        optimizer.select_by_value("adam")
        rate = float(driver.find_element(By.ID, "train-lr").get_attribute("value") or "nan")
        print(f"chose Adam: the learning rate is now {rate}")
        if rate != default_rate["adam"]:
            failures.append(f"the learning rate did not follow Adam's default {default_rate['adam']}: {rate}")

        # From the press of Start to the run's done event (the model and the map of the test set
        # that the page then loads for the new model are not the stream).
        driver.execute_script("""
            window.longTasks = [];
            new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration)))
                .observe({type: 'longtask'});
            const message = document.getElementById('train-message');
            new MutationObserver((changes, observer) => {
                if (!message.textContent.startsWith('Done:')) return;
                console.timeStamp('second run done');
                window.longTasksStreaming = window.longTasks.slice();
                observer.disconnect();
            }).observe(message, {childList: true, characterData: true, subtree: true});
            console.timeStamp('second run');""")
        second = train(driver, arguments.timeout)
        print(f"second run: {second}")
        if not second.startswith("Done:"):
            failures.append(f"the second run did not succeed: {second}")
        task_count, longest, what, script_count, longest_script, over = longest_tasks(
            driver.get_log("performance"), "second run", "second run done")
        long_tasks = driver.execute_script("return window.longTasksStreaming || window.longTasks;")
        print(f"while the run streamed: {task_count} main-thread tasks, the longest {longest:.1f} ms ({what}); "
              f"{script_count} ran the page's script, the longest {longest_script:.1f} ms, {over} over 50 ms; "
              f"the Long Tasks API saw {len(long_tasks)} over 50 ms {long_tasks}")

        labels = ["SGD+momentum, lr 0.03", "Adam, lr 0.001"]
        try:
            WebDriverWait(driver, 15).until(lambda d: d.find_element(By.ID, "compare").is_displayed()
                                            and len(d.find_elements(By.CSS_SELECTOR, "#compare-chart > svg")) == 1)
        except TimeoutException:
            failures.append("the comparison chart is not shown after two runs")
        texts = driver.execute_script(
            "return [...document.querySelectorAll('#compare-chart svg text')].map((t) => t.textContent);")
        rows = driver.execute_script(
            "return [...document.querySelectorAll('#runs tbody tr')].map((r) => [...r.cells].map((c) => c.textContent));")
        lines = driver.execute_script("return document.querySelectorAll('#compare-chart svg polyline').length;")
        print(f"the comparison: legend {[t for t in texts if t in labels]}, {lines} lines; runs {rows}")
        if [t for t in texts if t in labels] != labels:
            failures.append(f"the comparison chart's legend is not {labels}: {texts}")
        if lines != 4:
            failures.append(f"the comparison chart has {lines} lines, not a loss and an accuracy line per run")
        if [row[0] for row in rows] != labels or any(row[1] != "done" for row in rows):
            failures.append(f"the runs' table is not the two runs done: {rows}")
        if not any("log scale" in text for text in texts):
            failures.append("the comparison's loss is not on a log axis")

        if arguments.screenshots:
            save_views(driver, arguments.screenshots, {"curves.png": "train-charts", "compare.png": "compare"})
        driver.set_window_size(375, 2400)
        driver.execute_script("document.getElementById('compare').scrollIntoView();")
        wide = overflowing(driver)
        print(f"at 375 px: {'nothing overflows' if not wide else 'overflowing: ' + ', '.join(wide[:8])}")
        if wide:
            failures.append(f"at 375 px these overflow: {', '.join(wide[:8])}")

        driver.find_element(By.ID, "runs-forget").click()
        try:
            WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.body.dataset.runs === '0'"))
            print("Forget earlier runs: the comparison is gone")
        except TimeoutException:
            failures.append("Forget earlier runs left runs behind")
        if driver.find_element(By.ID, "compare").is_displayed() or api(arguments.url, "/api/train/runs")["runs"]:
            failures.append("the comparison is still shown after forgetting the runs")
    finally:
        driver.quit()

    return exit_status(failures)


if __name__ == "__main__":
    sys.exit(main())
