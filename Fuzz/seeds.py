#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora: small valid files of every format the parsers read, made
here from scratch (no downloaded data), and the malformed variants the test suite checks the
parsers' errors with (truncated, bad magic numbers, sizes that lie, and so on).

    python3 Fuzz/seeds.py OUTPUT_FOLDER    writes OUTPUT_FOLDER/<harness>/<seed>
"""
import gzip
import json
import random
import struct
import sys
import zlib
from pathlib import Path

rng = random.Random(17)


# IDX and gzip


def idx(dimensions, data=None):
    count = 1
    for size in dimensions:
        count *= size
    if data is None:
        data = bytes(rng.randrange(256) for _ in range(count))
    return bytes([0, 0, 0x08, len(dimensions)]) + b"".join(struct.pack(">I", d) for d in dimensions) + data


def gz(data, level=9):
    return gzip.compress(data, compresslevel=level, mtime=0)


def idx_seeds():
    labels = idx([10], bytes(range(10)))
    images = idx([3, 4, 4])
    return {
        "labels": labels,
        "images": images,
        "rank4": idx([2, 2, 3, 1]),
        "empty-axis": idx([0, 28, 28], b""),
        "too-short": b"\x00\x00",
        "bad-magic": b"\x01\x02" + labels[2:],
        "float-elements": labels[:2] + b"\x0d" + labels[3:],
        "rank-zero": b"\x00\x00\x08\x00",
        "truncated-header": images[:9],
        "truncated-data": images[:-5],
        "extra-data": images + b"\x07\x07",
        "huge-dimensions": idx([0xFFFFFFFF, 0xFFFFFFFF], b""),
    }


def idx_gzip_seeds():
    raw = idx_seeds()
    compressed = gz(raw["images"])
    return {
        "images.gz": compressed,
        "labels.gz": gz(raw["labels"], level=1),
        "stored.gz": gz(raw["labels"], level=0),
        "raw-images": raw["images"],
        "two-members.gz": gz(raw["images"][:20]) + gz(raw["images"][20:]),
        "truncated.gz": compressed[: len(compressed) // 2],
        "trailing-garbage.gz": compressed + b"\x00\x42",
        "bad-crc.gz": compressed[:-8] + bytes(b ^ 0xFF for b in compressed[-8:-4]) + compressed[-4:],
        "not-idx.gz": gz(b"hello, world\n"),
    }


def gzip_seeds():
    text = b"the quick brown fox jumps over the lazy dog\n" * 20
    noise = bytes(rng.randrange(256) for _ in range(300))
    compressed = gz(text)
    return {
        "text.gz": compressed,
        "noise.gz": gz(noise),
        "empty.gz": gz(b""),
        "stored.gz": gz(noise, level=0),
        "fast.gz": gz(text, level=1),
        "three-members.gz": gz(b"a") + gz(text[:50]) + gz(b""),
        "truncated.gz": compressed[:-3],
        "header-only.gz": compressed[:10],
        "trailing-garbage.gz": compressed + b"garbage",
        "bad-size.gz": compressed[:-4] + struct.pack("<I", 12345),
        "not-gzip": text[:64],
    }


# PNG


def png_chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width, height, bit_depth, colour_type, rows, extra=b""):
    """`rows`: each row's packed sample bytes, without the filter byte."""
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    filtered = b"".join(bytes([index % 5]) + row for index, row in enumerate(rows))
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + extra
        + png_chunk(b"IDAT", zlib.compress(filtered))
        + png_chunk(b"IEND", b"")
    )


def random_rows(width, height, bytes_per_pixel):
    return [bytes(rng.randrange(256) for _ in range(width * bytes_per_pixel)) for _ in range(height)]


def png_seeds():
    gray = png(6, 5, 8, 0, random_rows(6, 5, 1))
    palette = png_chunk(b"PLTE", bytes(rng.randrange(256) for _ in range(3 * 4)))
    transparency = png_chunk(b"tRNS", bytes([0, 128, 255]))
    seeds = {
        "gray8.png": gray,
        "gray1.png": png(16, 3, 1, 0, random_rows(2, 3, 1)),
        "gray16.png": png(3, 4, 16, 0, random_rows(3, 4, 2)),
        "gray-alpha.png": png(4, 4, 8, 4, random_rows(4, 4, 2)),
        "rgb.png": png(5, 3, 8, 2, random_rows(5, 3, 3)),
        "rgba.png": png(3, 3, 8, 6, random_rows(3, 3, 4)),
        "rgb16.png": png(2, 2, 16, 2, random_rows(2, 2, 6)),
        "palette.png": png(4, 4, 2, 3, [bytes([0b00011011]) for _ in range(4)], palette + transparency),
        "gamma.png": png(2, 2, 8, 0, random_rows(2, 2, 1), png_chunk(b"gAMA", struct.pack(">I", 45455))),
        "truncated.png": gray[: len(gray) - 20],
        "bad-crc.png": gray[:29] + b"\x00\x00\x00\x00" + gray[33:],
        "huge.png": png(100000, 100000, 8, 0, [b""]),
        "zero-width.png": png(0, 4, 8, 0, [b""] * 4),
        "no-iend.png": gray[:-12],
        "signature-only.png": gray[:8],
    }
    return seeds


# JPEG: a small baseline encoder (flat 8×8 blocks with one AC coefficient each, quantization
# 1, tiny Huffman tables), enough to give the fuzzer valid structure to mutate.

DC_COUNTS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
DC_SYMBOLS = list(range(12))
AC_COUNTS = [0, 2, 2] + [0] * 13
AC_SYMBOLS = [0x00, 0x01, 0x02, 0x03]  # end of block, then run 0 with sizes 1 to 3


def huffman_codes(counts, symbols):
    codes, code, index = {}, 0, 0
    for length, count in enumerate(counts, start=1):
        for _ in range(count):
            codes[symbols[index]] = (code, length)
            code += 1
            index += 1
        code <<= 1
    return codes


class BitWriter:
    def __init__(self):
        self.bits = []

    def write(self, value, length):
        self.bits += [(value >> (length - 1 - i)) & 1 for i in range(length)]

    def bytes(self):
        bits = self.bits + [1] * (-len(self.bits) % 8)
        out = bytearray()
        for at in range(0, len(bits), 8):
            byte = int("".join(map(str, bits[at : at + 8])), 2)
            out.append(byte)
            if byte == 0xFF:
                out.append(0)
        return bytes(out)


def magnitude(value):
    size = abs(value).bit_length()
    return size, value if value >= 0 else value + (1 << size) - 1


def segment(marker, body):
    return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body


def exif(orientation, big_endian=False):
    order = ">" if big_endian else "<"
    tiff = (b"MM" if big_endian else b"II") + struct.pack(order + "HI", 42, 8)
    tiff += struct.pack(order + "H", 1) + struct.pack(order + "HHIH", 0x0112, 3, 1, orientation) + b"\0\0"
    tiff += struct.pack(order + "I", 0)
    return segment(0xE1, b"Exif\0\0" + tiff)


def jpeg(width, height, sampling, extra=b""):
    """`sampling`: each component's (horizontal, vertical) factors; one component is gray."""
    dc_codes, ac_codes = huffman_codes(DC_COUNTS, DC_SYMBOLS), huffman_codes(AC_COUNTS, AC_SYMBOLS)
    max_h, max_v = max(h for h, _ in sampling), max(v for _, v in sampling)
    mcus_x, mcus_y = -(-width // (8 * max_h)), -(-height // (8 * max_v))
    frame = struct.pack(">BHHB", 8, height, width, len(sampling))
    frame += b"".join(bytes([index + 1, h << 4 | v, 0]) for index, (h, v) in enumerate(sampling))
    tables = segment(0xC4, bytes([0x00]) + bytes(DC_COUNTS) + bytes(DC_SYMBOLS))
    tables += segment(0xC4, bytes([0x10]) + bytes(AC_COUNTS) + bytes(AC_SYMBOLS))
    scan = bytes([len(sampling)]) + b"".join(bytes([index + 1, 0x00]) for index in range(len(sampling)))
    scan += bytes([0, 63, 0])
    bits, previous = BitWriter(), [0] * len(sampling)
    for _ in range(mcus_x * mcus_y):
        for component, (h, v) in enumerate(sampling):
            for _ in range(h * v):
                dc = 8 * (rng.randrange(256) - 128)
                size, value = magnitude(dc - previous[component])
                previous[component] = dc
                bits.write(*dc_codes[size])
                bits.write(value, size)
                ac = rng.choice([0, 0, 1, -2, 5, -7])
                if ac:
                    size, value = magnitude(ac)
                    bits.write(*ac_codes[size])
                    bits.write(value, size)
                bits.write(*ac_codes[0x00])
    return (
        b"\xff\xd8"
        + extra
        + segment(0xDB, bytes([0]) + bytes([1] * 64))
        + segment(0xC0, frame)
        + tables
        + segment(0xDA, scan)
        + bits.bytes()
        + b"\xff\xd9"
    )


def jpeg_seeds():
    gray = jpeg(16, 8, [(1, 1)])
    seeds = {
        "gray.jpg": gray,
        "odd-size.jpg": jpeg(13, 11, [(1, 1)]),
        "colour.jpg": jpeg(8, 8, [(1, 1), (1, 1), (1, 1)]),
        "colour-420.jpg": jpeg(16, 16, [(2, 2), (1, 1), (1, 1)]),
        "truncated.jpg": gray[: len(gray) - 6],
        "no-eoi.jpg": gray[:-2],
        "header-only.jpg": gray[:2],
        "zero-height.jpg": jpeg(8, 8, [(1, 1)]).replace(struct.pack(">BHH", 8, 8, 8), struct.pack(">BHH", 8, 0, 8)),
    }
    for orientation in (1, 3, 6, 8):
        seeds[f"exif-{orientation}.jpg"] = jpeg(16, 8, [(1, 1)], exif(orientation, big_endian=orientation > 4))
    seeds["exif-colour-5.jpg"] = jpeg(8, 16, [(1, 1), (1, 1), (1, 1)], exif(5))
    return seeds


def exif_seeds():
    seeds = {f"orientation-{o}-{'mm' if big else 'ii'}": b"\xff\xd8" + exif(o, big) for o in range(1, 9) for big in (False, True)}
    seeds["orientation-9"] = b"\xff\xd8" + exif(9)
    seeds["after-app0"] = b"\xff\xd8" + segment(0xE0, b"JFIF\0\1\1\0\0\1\0\1\0\0") + exif(6)
    seeds["fill-bytes"] = b"\xff\xd8\xff\xff" + exif(8, True)
    seeds["truncated"] = (b"\xff\xd8" + exif(6))[:-4]
    seeds["scan-first"] = b"\xff\xd8" + segment(0xDA, b"\0" * 10) + exif(6)
    seeds["whole-jpeg"] = jpeg(8, 8, [(1, 1)], exif(7))
    return seeds


# PGM and PPM


def pnm_seeds():
    gray = [rng.randrange(256) for _ in range(12)]
    colour = [rng.randrange(256) for _ in range(18)]
    plain = "P2\n# a comment\n4 3\n255\n" + " ".join(map(str, gray)) + "\n"
    binary = b"P5\n4 3\n255\n" + bytes(gray)
    return {
        "plain.pgm": plain.encode(),
        "binary.pgm": binary,
        "plain.ppm": ("P3 3 2 255\n" + "\n".join(map(str, colour)) + "\n").encode(),
        "binary.ppm": b"P6\n3 2\n255\n" + bytes(colour),
        "sixteen-bit.pgm": b"P5 2 2 65535\n" + b"".join(struct.pack(">H", v * 257) for v in gray[:4]),
        "max-15.pgm": b"P2 2 2 15 0 5 10 15",
        "truncated.pgm": binary[:-3],
        "above-maximum.pgm": b"P2 2 1 10 3 11",
        "zero-width.pgm": b"P5 0 3 255\n",
        "maximum-zero.pgm": b"P5 1 1 0\n\0",
        "huge.pgm": b"P5 999999999 999999999 255\n",
        "letters.pgm": b"P2 2 x 255\n1 2",
        "no-pixels.pgm": b"P5 2 2 255",
    }


# safetensors and model files


def safetensors(tensors, metadata=None, header_override=None):
    """`tensors`: name -> (dtype, shape, bytes), laid out in name order."""
    header, offset, data = {}, 0, b""
    for name in sorted(tensors):
        dtype, shape, payload = tensors[name]
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(payload)]}
        offset += len(payload)
        data += payload
    if metadata is not None:
        header["__metadata__"] = metadata
    text = json.dumps(header_override if header_override is not None else header, sort_keys=True).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + data


def floats(count):
    return struct.pack(f"<{count}f", *(rng.uniform(-1, 1) for _ in range(count)))


def safetensors_seeds():
    tensors = {
        "0.weight": ("F32", [3, 2], floats(6)),
        "0.bias": ("F32", [3], floats(3)),
        "ints": ("I64", [2], struct.pack("<2q", -1, 7)),
        "half": ("F16", [1, 2], b"\x00\x3c\x00\xc0"),
        "flags": ("BOOL", [3], b"\x01\x00\x01"),
        "scalar": ("U8", [], b"\x2a"),
        "empty": ("F64", [0, 4], b""),
    }
    valid = safetensors(tensors, {"format": "pt", "note": "seed"})
    header_length = struct.unpack("<Q", valid[:8])[0]
    return {
        "tensors.safetensors": valid,
        "no-tensors.safetensors": safetensors({}),
        "metadata-only.safetensors": safetensors({}, {"a": "b"}),
        "too-short": valid[:5],
        "length-beyond-file": struct.pack("<Q", 1 << 40) + valid[8:],
        "not-json": struct.pack("<Q", 8) + b"[1,2,3] ",
        "truncated-data": valid[:-3],
        "trailing-data": valid + b"\0\0\0\0",
        "wrong-byte-count": safetensors({"a": ("F32", [2], floats(1))}),
        "gap": safetensors({}, header_override={"a": {"dtype": "U8", "shape": [1], "data_offsets": [1, 2]}}) + b"\0\0",
        "overlap": safetensors(
            {},
            header_override={
                "a": {"dtype": "U8", "shape": [2], "data_offsets": [0, 2]},
                "b": {"dtype": "U8", "shape": [2], "data_offsets": [1, 3]},
            },
        )
        + b"\0\0\0",
        "bool-shape": safetensors({}, header_override={"a": {"dtype": "U8", "shape": [True], "data_offsets": [0, 1]}})
        + b"\0",
        "fraction-offsets": safetensors(
            {}, header_override={"a": {"dtype": "U8", "shape": [1], "data_offsets": [0, 1.5]}}
        )
        + b"\0",
        "unknown-dtype": safetensors({}, header_override={"a": {"dtype": "F7", "shape": [1], "data_offsets": [0, 1]}})
        + b"\0",
        "metadata-not-strings": safetensors({}, header_override={"__metadata__": {"a": 1}}),
        "header-cut": valid[: 8 + header_length // 2],
    }


def model(sizes, metadata=None, **overrides):
    tensors = {}
    for layer, (inputs, outputs) in enumerate(zip(sizes, sizes[1:])):
        tensors[f"{2 * layer}.weight"] = ("F32", [outputs, inputs], floats(inputs * outputs))
        tensors[f"{2 * layer}.bias"] = ("F32", [outputs], floats(outputs))
    tensors.update(overrides)
    if metadata is None:
        metadata = {
            "format": "swiftmnist-mlp",
            "architecture": "-".join(map(str, sizes)),
            "activation": "relu",
            "normalization_mean": "0.1307",
            "normalization_std": "0.3081",
            "epochs": "3",
        }
    return safetensors(tensors, metadata)


def model_file_seeds():
    def metadata(**changes):
        base = {
            "architecture": "784-1-10",
            "activation": "relu",
            "normalization_mean": "0.1307",
            "normalization_std": "0.3081",
        }
        base.update(changes)
        return {key: value for key, value in base.items() if value is not None}

    return {
        "one-hidden.safetensors": model([784, 1, 10]),
        "two-hidden.safetensors": model([784, 1, 1, 10]),
        "no-hidden.safetensors": model([784, 10]),
        "no-std.safetensors": model([784, 1, 10], metadata(normalization_std=None)),
        "zero-std.safetensors": model([784, 1, 10], metadata(normalization_std="0")),
        "nan-mean.safetensors": model([784, 1, 10], metadata(normalization_mean="nan")),
        "tanh.safetensors": model([784, 1, 10], metadata(activation="tanh")),
        "architecture-lies.safetensors": model([784, 1, 10], metadata(architecture="784-2-10")),
        "783-inputs.safetensors": model([783, 1, 10]),
        "nine-classes.safetensors": model([784, 1, 9]),
        "missing-bias.safetensors": model([784, 1, 10], None, **{"2.bias": ("F32", [9], floats(9))}),
        "odd-module.safetensors": model([784, 1, 10], None, **{"1.weight": ("F32", [1], floats(1))}),
        "half-weights.safetensors": model([784, 1, 10], None, **{"0.bias": ("F16", [1], b"\0" * 2)}),
    }


# mnist serve's requests: the first byte picks the parser (0 predict, 1 training, 2 report
# path), the second the Content-Type (ServerRequestProperties lists them), the rest the body.


def server_request_seeds():
    def predict(kind, body):
        return bytes([0, kind]) + body

    def training(kind, body):
        return bytes([1, kind]) + (json.dumps(body).encode() if not isinstance(body, bytes) else body)

    def canvas(width, height, pixels):
        return json.dumps({"width": width, "height": height, "pixels": pixels}).encode()

    stroke = [255 if 3 <= x <= 4 and 1 <= y <= 6 else 0 for y in range(8) for x in range(8)]
    gray_png = png(12, 12, 8, 0, [bytes(255 if 4 <= x <= 6 else 0 for x in range(12)) for _ in range(12)])
    return {
        "canvas": predict(0, canvas(8, 8, stroke)),
        "canvas-charset": predict(5, canvas(8, 8, [255 - v for v in stroke])),
        "canvas-blank": predict(0, canvas(8, 8, [0] * 64)),
        "canvas-short": predict(0, canvas(8, 8, [0, 255])),
        "canvas-level-300": predict(0, canvas(8, 8, [300] + stroke[1:])),
        "canvas-huge": predict(0, canvas(100000, 100000, [])),
        "canvas-not-json": predict(0, b"{\"width\": 8,"),
        "png": predict(1, gray_png),
        "jpeg": predict(2, jpeg(16, 16, [(1, 1)])),
        "pgm": predict(3, b"P5\n8 8\n255\n" + bytes(stroke)),
        "ppm": predict(4, b"P6\n8 8\n255\n" + bytes(v for v in stroke for _ in range(3))),
        "text": predict(6, b"7"),
        "untyped": predict(7, gray_png),
        "train": training(0, {"hidden": [128, 64], "epochs": 3, "learning_rate": 0.03, "limit": 10000}),
        "train-charset": training(1, {"hidden": [1024, 1024, 1024, 1024], "epochs": 30, "learning_rate": 1}),
        "train-too-wide": training(0, {"hidden": [1025], "epochs": 3, "learning_rate": 0.03}),
        "train-five-layers": training(0, {"hidden": [8] * 5, "epochs": 3, "learning_rate": 0.03}),
        "train-no-epochs": training(0, {"hidden": [8], "learning_rate": 0.03}),
        "train-zero-rate": training(0, {"hidden": [8], "epochs": 3, "learning_rate": 0}),
        "train-limit-zero": training(0, {"hidden": [8], "epochs": 3, "learning_rate": 0.5, "limit": 0}),
        "train-text": training(2, {"hidden": [8], "epochs": 3, "learning_rate": 0.5}),
        "train-string-epochs": training(0, b'{"hidden": [8], "epochs": "3", "learning_rate": 0.5}'),
        **{
            f"path-{index}": b"\x02" + path.encode()
            for index, path in enumerate(
                [
                    "/", "/index.html", "/a.txt", "/sub/", "/sub/b.png", "/link-in", "/link-out", "/folder-out/secret.txt",
                    "/absolute-out/secret.txt", "/sub/up", "/../secret.txt", "/%2e%2e/secret.txt", "/sub/..%2f..%2fsecret.txt",
                    "/sub\\..\\a.txt", "/a.txt%00.png", "//etc/passwd", "/folder-out/report/a.txt",
                ]
            )
        },
    }


HARNESSES = {
    "idx": idx_seeds,
    "idx-gzip": idx_gzip_seeds,
    "gzip": gzip_seeds,
    "png": png_seeds,
    "jpeg": jpeg_seeds,
    "pnm": pnm_seeds,
    "exif": exif_seeds,
    "safetensors": safetensors_seeds,
    "model-file": model_file_seeds,
    "server-request": server_request_seeds,
}


def write(output):
    """Writes every harness's seeds into `output`/<harness>/."""
    for harness, make in HARNESSES.items():
        folder = output / harness
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in make().items():
            (folder / name).write_bytes(content)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    write(Path(sys.argv[1]))


if __name__ == "__main__":
    main()
