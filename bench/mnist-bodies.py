#!/usr/bin/env python3
"""Writes the request bodies of bench/predict-benchmark.sh from the real MNIST test set (standard library only),
as a Python client writes them: json.dumps of lists of floats (byte / 255 at full double precision, ~5-6 KB an image).

usage: mnist-bodies.py <mnist dir> <out dir>
  single.json      {"pixels": [...784 values in [0, 1]...]}   the first test image
  batch.json       {"instances": [[...784...], ...]}          the first 1,000 test images
  single.f32       the first test image as 784 little-endian FP32 values (gRPC raw_input_contents)
  single.v2bin     a V2 infer body with the binary tensor data extension, as Triton's client sends it: a JSON header
                   (binary_data_size on the input, binary_data_output) then the FP32 tensor
  single.v2bin.len the JSON header's length: the Inference-Header-Content-Length header
"""
import gzip
import json
import os
import struct
import sys


def test_images(mnist_dir, count):
    raw = os.path.join(mnist_dir, "t10k-images-idx3-ubyte")
    if os.path.exists(raw):
        data = open(raw, "rb").read()
    else:
        data = gzip.open(raw + ".gz", "rb").read()
    if int.from_bytes(data[0:4], "big") != 2051:
        sys.exit(raw + " is not an idx3 image file")
    return [data[16 + n * 784:16 + (n + 1) * 784] for n in range(count)]


def unit(image):
    # the network's own scaling (byte / 255), as a client computes it in Python
    return [b / 255 for b in image]


def main():
    mnist_dir, out = sys.argv[1], sys.argv[2]
    images = test_images(mnist_dir, 1000)
    with open(os.path.join(out, "single.json"), "w") as f:
        f.write(json.dumps({"pixels": unit(images[0])}))
    with open(os.path.join(out, "batch.json"), "w") as f:
        f.write(json.dumps({"instances": [unit(i) for i in images]}))
    tensor = struct.pack("<784f", *unit(images[0]))
    with open(os.path.join(out, "single.f32"), "wb") as f:
        f.write(tensor)
    header = json.dumps({"inputs": [{"name": "pixels", "shape": [1, 784], "datatype": "FP32",
                                     "parameters": {"binary_data_size": len(tensor)}}],
                         "parameters": {"binary_data_output": True}}, separators=(",", ":")).encode()
    with open(os.path.join(out, "single.v2bin"), "wb") as f:
        f.write(header + tensor)
    with open(os.path.join(out, "single.v2bin.len"), "w") as f:
        f.write(str(len(header)))


if __name__ == "__main__":
    main()
