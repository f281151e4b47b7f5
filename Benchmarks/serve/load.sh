#!/usr/bin/env bash
# The load run of docs/serve.md: `mnist serve` on loopback, wrk with 8 connections for 10 s
# posting a 28×28 PNG of an MNIST test digit to /api/predict, and the server's resident memory
# sampled each second. Usage: Benchmarks/serve/load.sh MNIST MODEL [MNIST_DATA_DIR]
set -euo pipefail
mnist=$1 model=$2 data=${3:-data/mnist}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

# The first test digit as an 8-bit gray PNG, with nothing but Python's standard library.
python3 - "$data" "$work/digit.png" <<'PY'
import gzip, os, struct, sys, zlib
folder, out = sys.argv[1], sys.argv[2]
path = os.path.join(folder, "t10k-images-idx3-ubyte")
raw = open(path, "rb").read() if os.path.exists(path) else gzip.open(path + ".gz").read()
pixels = raw[16:16 + 784]
chunk = lambda kind, body: struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
rows = b"".join(b"\0" + pixels[r * 28:(r + 1) * 28] for r in range(28))
open(out, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 28, 28, 8, 0, 0, 0, 0))
                      + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
PY

"$mnist" serve --model "$model" --port 0 > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "http://" "$work/serve.log" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$work/serve.log")
echo "server: $(head -1 "$work/serve.log")"
curl -sf -X POST -H 'Content-Type: image/png' --data-binary @"$work/digit.png" "${url}api/predict" >/dev/null

rss() { awk '/VmRSS/ {print $2}' /proc/$server/status; }
(for second in $(seq 0 10); do echo "rss at ${second} s: $(rss) kB"; sleep 1; done) > "$work/rss.log" &
sampler=$!
# The server's CPU time (user + system, in clock ticks) over the run, per prediction: what the
# requests cost whatever else the machine is doing.
ticks() { awk '{print $14 + $15}' /proc/$server/stat; }
before=$(ticks)
DIGIT_PNG="$work/digit.png" wrk -t2 -c8 -d10s -s "$here/predict.lua" "${url}api/predict" | tee "$work/wrk.log"
after=$(ticks)
wait $sampler
cat "$work/rss.log"
requests=$(awk '/requests in/ {print $1}' "$work/wrk.log")
hertz=$(getconf CLK_TCK)
echo "server CPU: $(( (after - before) * 1000 / hertz )) ms for $requests predictions," \
  "$(( (after - before) * 1000000 / hertz / requests )) µs per prediction; load average $(cut -d' ' -f1-3 /proc/loadavg)"
kill -INT $server
wait $server && echo "server stopped, exit status 0"
