-- wrk script: POST one 28×28 PNG to /api/predict on every request (see docs/serve.md).
-- DIGIT_PNG names the file. Prints the latency percentiles and the error count at the end.
local file = assert(io.open(os.getenv("DIGIT_PNG") or "digit.png", "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "image/png"

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "predictions/s %.0f, p50 %.2f ms, p99 %.2f ms, max %.2f ms, errors %d (connect %d, read %d, write %d, status %d, timeout %d)\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors.connect + errors.read + errors.write + errors.status + errors.timeout,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
