#!/usr/bin/env python3
"""Sends decompression bombs and a huge-dimension PNG to a freshly started digitnet; see bench/bomb-check.sh."""
import argparse
import io
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor

GIB = 1 << 30


def npy_header(shape):
    d = "{'descr': '<f4', 'fortran_order': False, 'shape': %s, }" % shape
    pad = (64 - (10 + len(d) + 1) % 64) % 64
    h = (d + " " * pad + "\n").encode("latin1")
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(h)) + h


def deflated_zip(name, head, zeros):
    """A zip with one DEFLATED entry: head, then `zeros` zero bytes (streamed: little memory here)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open(name, "w", force_zip64=True) as entry:
            entry.write(head)
            block = bytes(1 << 20)
            for _ in range(zeros // len(block)):
                entry.write(block)
    return out.getvalue()


def huge_png(width, height, rows=100):
    """A valid PNG header declaring width×height gray pixels, then the deflated zeros of its first rows."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    raw = zlib.compressobj(9)
    row = bytes(1 + width)  # filter byte 0, then zeros
    data = b"".join(raw.compress(row) for _ in range(rows)) + raw.flush(zlib.Z_SYNC_FLUSH)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", data))


def multipart(field, filename, content, ctype="application/octet-stream"):
    boundary = "bomb-check-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\n"
            f"Content-Type: {ctype}\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Peak(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, rss_kb(pid), True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_kb(self.pid))
            time.sleep(0.005)

    def stop(self):
        self.running = False
        self.join()
        return self.peak


def post(base, path, body, ctype):
    request = urllib.request.Request(base + path, data=body, method="POST", headers={"Content-Type": ctype})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as r:
            status, text = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read()
    return status, time.perf_counter() - start, text.decode("utf-8", "replace")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--classpath", required=True)
    parser.add_argument("--java-opts", default="")
    args = parser.parse_args()

    print(f"[{time.strftime('%H:%M:%S')}] making the payloads")
    npz = deflated_zip("W1.npy", npy_header("(784, 342392)"), GIB)
    zipbomb = deflated_zip("train/0/a.png", b"\x89PNG\r\n\x1a\n", GIB)
    png = huge_png(100_000, 100_000)
    payloads = {
        "npz": ("/models", *multipart("weights", "bomb.npz", npz)),
        "zip": ("/datasets", *multipart("file", "bomb.zip", zipbomb, "application/zip")),
        "png": ("/predict/image", *multipart("image", "huge.png", png, "image/png")),
    }
    sizes = {"npz": len(npz), "zip": len(zipbomb), "png": len(png)}

    port = free_port()
    data = tempfile.mkdtemp(prefix="digitnet-bomb-")
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join("target", "bench", "bomb-service.log"), "w")
    process = subprocess.Popen(["java", *args.java_opts.split(), "-cp", args.classpath,
                                "io.digitnet.DigitnetApplication", f"--server.port={port}", "--digitnet.grpc.port=0",
                                f"--digitnet.data-dir={data}", "--digitnet.datasets.provision-at-startup=false",
                                "--digitnet.datasets.download=false"], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 600
        while True:
            if process.poll() is not None:
                raise SystemExit("the service exited; see target/bench/bomb-service.log")
            try:
                with urllib.request.urlopen(base + "/actuator/health/readiness", timeout=5) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.time() > deadline:
                raise SystemExit("the service did not become ready in 600 s")
            time.sleep(0.5)
        time.sleep(3)  # let start-up settle before the first RSS reading
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()} at start")
        print("| payload | size | requests | statuses | slowest answer | RSS before | RSS peak | RSS after | "
              "peak − before |")
        print("|---|---|---|---|---|---|---|---|---|")
        for name, (path, body, ctype) in payloads.items():
            for n in (1, 4):
                before = rss_kb(process.pid)
                peak = Peak(process.pid)
                peak.start()
                with ThreadPoolExecutor(n) as pool:
                    results = list(pool.map(lambda _: post(base, path, body, ctype), range(n)))
                top = peak.stop()
                time.sleep(0.5)
                after = rss_kb(process.pid)
                statuses = ",".join(str(s) for s, _, _ in results)
                slowest = max(t for _, t, _ in results)
                print(f"| {name} | {sizes[name] / 1e6:.2f} MB | {n} | {statuses} | {slowest * 1000:.0f} ms | "
                      f"{before / 1024:.0f} MB | {top / 1024:.0f} MB | {after / 1024:.0f} MB | "
                      f"{(top - before) / 1024:.0f} MB |", flush=True)
                if n == 1:
                    detail = results[0][2]
                    print(f"<!-- {name}: {detail[:300]} -->")
        print(f"load average at the end: {os.getloadavg()}")
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
