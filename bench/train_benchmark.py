#!/usr/bin/env python3
"""Training benchmark: digitnet through its real API against the numpy and PyTorch peers of bench/peers (and the
fast ND4J peer of ../shared/peers when it is there), side by side in one run. Run it through bench/train-benchmark.sh,
which builds the service and passes --classpath; see bench/README.md.

What is measured (the same configuration everywhere: batch 100, SGD lr 0.1, float32, one BLAS thread unless
--threads says otherwise; sigmoid with std init 0.01, ReLU with He init):
- s/epoch: digitnet's is the job's own `seconds` per epoch in its history (training + test-set accuracy, with the
  default running train metrics); a peer's is its epoch's training plus its test-set accuracy. Median of epochs 2..N.
- the notebook's reference run (H=50 sigmoid, 10,000 iterations): digitnet from POST /jobs to the SUCCEEDED event
  (model stored), in a service that has already trained once (datasets in memory; the first job after start is
  reported apart); a peer's whole process, start to exit, as the shell sees it.
- RSS of the service: idle after start, peak while training (sampled every 50 ms), idle after the jobs.
"""
import argparse
import gzip
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
FINAL = {"SUCCEEDED", "FAILED", "CANCELLED"}
REFERENCE = {"hidden": 50, "activation": "sigmoid", "iterations": 10_000}


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message} (load {os.getloadavg()[0]:.1f})", flush=True)


# ---------------------------------------------------------------- the service
class Service:
    def __init__(self, java_opts, classpath, datasets, out):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.data = tempfile.mkdtemp(prefix="digitnet-bench-")
        self.log_path = os.path.join(out, "service.log")
        command = ["java", *java_opts.split(), "-cp", classpath, "io.digitnet.DigitnetApplication",
                   f"--server.port={self.port}", f"--digitnet.data-dir={self.data}",
                   f"--digitnet.datasets.dir={datasets}", "--digitnet.datasets.download=false",
                   "--digitnet.datasets.provision-at-startup=false"]
        with open(os.path.join(out, "service.command"), "w") as f:
            f.write(" ".join(command) + "\n")
        self.process = subprocess.Popen(command, stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT)
        self.pid = self.process.pid

    def wait_ready(self, timeout=600):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the service exited with {self.process.returncode}: see {self.log_path}")
            try:
                with urllib.request.urlopen(self.base + "/actuator/health/readiness", timeout=5) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        raise RuntimeError(f"the service was not ready after {timeout} s: see {self.log_path}")

    def blas_kernels(self):
        """The OpenBLAS kernels the service runs, as its start-up log names them (BlasKernels), or None."""
        with open(self.log_path, errors="replace") as f:
            match = re.search(r"OpenBLAS kernels (\w+)", f.read())
        return match.group(1) if match else None

    def rss_mb(self):
        return status_kb(self.pid, "VmRSS") / 1024

    def cpu_seconds(self):
        with open(f"/proc/{self.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def train(self, body):
        """Submits a job and follows its event stream to the end; returns the final job, the wall time from the
        POST to the final status event, the peak RSS meanwhile and the service's CPU seconds."""
        peak = [self.rss_mb()]
        done = threading.Event()

        def sample():
            while not done.is_set():
                try:
                    peak[0] = max(peak[0], self.rss_mb())
                except OSError:
                    return
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        cpu0 = self.cpu_seconds()
        start = time.perf_counter()
        request = urllib.request.Request(self.base + "/jobs", data=json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as r:
            job = json.load(r)
        final = self.follow(job["id"])
        seconds = time.perf_counter() - start
        cpu = self.cpu_seconds() - cpu0
        done.set()
        sampler.join()
        return final, seconds, peak[0], cpu

    def follow(self, job_id):
        with urllib.request.urlopen(self.base + f"/jobs/{job_id}/events", timeout=3600) as stream:
            event = None
            for raw in stream:
                line = raw.decode().rstrip("\r\n")
                if line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:") and event == "status":
                    job = json.loads(line[5:])
                    if job["status"] in FINAL:
                        return job
        with urllib.request.urlopen(self.base + f"/jobs/{job_id}") as r:  # the stream ended early
            return json.load(r)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.data, ignore_errors=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status_kb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def job_body(hidden, activation, epochs=None, iterations=None, seed=1):
    body = {"hiddenSize": hidden, "activation": activation, "weightInit": "std" if activation == "sigmoid" else "he",
            "optimizer": "sgd", "learningRate": 0.1, "batchSize": 100, "seed": seed}
    body["epochs" if epochs else "iterations"] = epochs or iterations
    return body


# ---------------------------------------------------------------- the peers
def python_with(module):
    """A python3 that can import the module: the one on PATH first, then Debian's."""
    for python in ("python3", "/usr/bin/python3"):
        exe = shutil.which(python)
        if exe and subprocess.run([exe, "-c", f"import {module}"], capture_output=True).returncode == 0:
            return exe
    return None


def run_python_peer(name, python, mnist, threads, hidden, activation, epochs=None, iterations=None, out=None):
    script = os.path.join(HERE, "peers", f"{name}_peer.py")
    command = [python, script, "--data", mnist, "--hidden", str(hidden), "--activation", activation,
               "--threads", str(threads), "--seed", "1"]
    command += ["--epochs", str(epochs)] if epochs else ["--iterations", str(iterations)]
    env = dict(os.environ)
    if name == "torch" and os.environ.get("TORCH_LD_LIBRARY_PATH"):
        env["LD_LIBRARY_PATH"] = os.environ["TORCH_LD_LIBRARY_PATH"]
    start = time.perf_counter()
    p = subprocess.run(command, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    if out:
        with open(os.path.join(out, f"{name}-H{hidden}-{activation}-{epochs or iterations}.log"), "a") as f:
            f.write(p.stdout + p.stderr)
    for line in p.stdout.splitlines():
        if line.startswith("RESULT "):
            result = json.loads(line[7:])
            result["wall_s"] = wall
            return result
    raise RuntimeError(f"{name} peer failed (exit {p.returncode}): {p.stderr.strip()[-500:]}")


def run_fast_peer(peers_dir, threads, specs, mnist, out, kernels=None):
    """The fast ND4J peer of ../shared/peers (copied to a temporary folder first, as its README asks). It loads the
    same OpenBLAS 0.3.19 as the service, whose CPU detection may fall back to slow generic kernels; it is given the
    kernels the service runs (`kernels`, as OPENBLAS_CORETYPE) unless the environment names some already."""
    work = tempfile.mkdtemp(prefix="digitnet-peers-")
    try:
        copy = os.path.join(work, "peers")
        shutil.copytree(peers_dir, copy)
        build = subprocess.run([os.path.join(copy, "java", "build.sh")], capture_output=True, text=True,
                               cwd=os.path.join(copy, "java"))
        if build.returncode != 0:
            raise RuntimeError("its build failed: " + build.stdout[-300:] + build.stderr[-300:])
        raw = mnist
        if not os.path.exists(os.path.join(mnist, "train-images-idx3-ubyte")):  # it reads raw IDX files only
            raw = os.path.join(work, "mnist")
            os.makedirs(raw)
            for name in os.listdir(mnist):
                if name.endswith(".gz"):
                    with gzip.open(os.path.join(mnist, name)) as src, open(os.path.join(raw, name[:-3]), "wb") as dst:
                        shutil.copyfileobj(src, dst)
        env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads), MNIST_DIR=raw)
        if kernels and "OPENBLAS_CORETYPE" not in os.environ:
            env["OPENBLAS_CORETYPE"] = kernels
        p = subprocess.run([os.path.join(copy, "java", "run_java.sh"), "FastNd4jPeer", "--", "--tag", "bench", *specs],
                           capture_output=True, text=True, env=env, cwd=copy)
        with open(os.path.join(out, "fast.log"), "a") as f:
            f.write(p.stdout + p.stderr)
        results = {}
        for line in p.stdout.splitlines():
            if line.startswith("RESULT "):
                r = json.loads(line[7:])
                if "H" in r and "median_epoch_s" in r:
                    results[(r["H"], r["act"])] = r["median_epoch_s"]
        if not results:
            lines = (p.stdout + p.stderr).strip().splitlines()
            cause = next((line for line in lines if "Exception" in line or "Error" in line), lines[-1] if lines else "")
            raise RuntimeError(f"no results (exit {p.returncode}): {cause.strip()[:200]}; see fast.log")
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------- the run
def median_epochs(seconds):
    rest = seconds[1:] if len(seconds) > 1 else seconds
    return statistics.median(rest)


def machine():
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem = status_like("/proc/meminfo", "MemTotal") / 1024 / 1024
    return f"{model}, {os.cpu_count()} CPUs, {mem:.0f} GB RAM, {platform.system()} {platform.release()}"


def status_like(path, key):
    with open(path) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--classpath", required=True)
    p.add_argument("--java-opts", default="")
    p.add_argument("--datasets", required=True, help="the folder holding mnist/")
    p.add_argument("--out", required=True)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--rounds", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--peers", default="numpy torch fast")
    p.add_argument("--peers-dir", default="")
    a = p.parse_args()
    mnist = os.path.join(a.datasets, "mnist")
    os.makedirs(a.out, exist_ok=True)
    speed = [(100, "sigmoid"), (100, "relu"), (50, "sigmoid")]
    ours = {key: [] for key in speed}
    ours_cpu = {key: [] for key in speed}
    reference, reference_job_s, reference_cpu, reference_acc = [], [], [], []
    peers = {}        # name -> {key -> [s/epoch]}
    peers_cpu = {}    # name -> {key -> [CPU s/epoch]}
    peer_ref = {}     # name -> [whole-run wall s]
    peer_ref_cpu = {}
    skipped = {}
    load_before = os.getloadavg()

    log(f"machine: {machine()}")
    log("starting the service")
    service = Service(a.java_opts, a.classpath, a.datasets, a.out)
    try:
        t0 = time.perf_counter()
        service.wait_ready()
        started_s = time.perf_counter() - t0
        time.sleep(2)
        idle_rss = service.rss_mb()
        kernels = service.blas_kernels()
        log(f"service ready in {started_s:.1f} s, idle RSS {idle_rss:.0f} MB, OpenBLAS kernels {kernels}")
        peak_rss = {}
        job, first_s, rss, cpu = service.train(job_body(REFERENCE["hidden"], REFERENCE["activation"],
                                                        iterations=REFERENCE["iterations"]))
        peak_rss["H=50"] = rss
        log(f"first job after start (reference run, dataset loaded on demand): {first_s:.2f} s, {job['status']}")
        for r in range(1, a.rounds + 1):
            for key in speed:
                job, wall, rss, cpu = service.train(job_body(key[0], key[1], epochs=a.epochs))
                check(job)
                seconds = [h["seconds"] for h in job["history"]]
                ours[key].append(median_epochs(seconds))
                ours_cpu[key].append(cpu / len(seconds))
                peak_rss[f"H={key[0]}"] = max(peak_rss.get(f"H={key[0]}", 0), rss)
                log(f"round {r} digitnet H={key[0]} {key[1]}: {ours[key][-1]:.3f} s/epoch {seconds}")
            job, wall, rss, cpu = service.train(job_body(REFERENCE["hidden"], REFERENCE["activation"],
                                                         iterations=REFERENCE["iterations"]))
            check(job)
            reference.append(wall)
            reference_job_s.append(sum(h["seconds"] for h in job["history"]))
            reference_cpu.append(cpu)
            reference_acc.append(job["history"][-1]["testAccuracy"])
            log(f"round {r} digitnet reference run: {wall:.2f} s submit->SUCCEEDED, test accuracy "
                f"{reference_acc[-1]}")
            for name in a.peers.split():
                if name in skipped:
                    continue
                try:
                    if name in ("numpy", "torch"):
                        python = python_with(name)
                        if python is None:
                            raise RuntimeError(f"no python3 here can import {name} (Debian: apt-get install -y "
                                               + ("python3-numpy" if name == "numpy" else "python3-torch") + ")")
                        for key in speed:
                            res = run_python_peer(name, python, mnist, a.threads, key[0], key[1], epochs=a.epochs,
                                                  out=a.out)
                            peers.setdefault(name, {}).setdefault(key, []).append(median_epochs(res["epoch_s"]))
                            peers_cpu.setdefault(name, {}).setdefault(key, []).append(
                                median_epochs(res["epoch_cpu_s"]))
                            log(f"round {r} {name} H={key[0]} {key[1]}: {peers[name][key][-1]:.3f} s/epoch")
                        res = run_python_peer(name, python, mnist, a.threads, REFERENCE["hidden"],
                                              REFERENCE["activation"], iterations=REFERENCE["iterations"], out=a.out)
                        peer_ref.setdefault(name, []).append(res["wall_s"])
                        peer_ref_cpu.setdefault(name, []).append(res["process_cpu_s"])
                        log(f"round {r} {name} reference run: {res['wall_s']:.2f} s, test accuracy "
                            f"{res['test_acc'][-1]}" + (f", BLAS {res['blas']}" if "blas" in res else ""))
                    elif name == "fast":
                        if not a.peers_dir or not os.path.isdir(a.peers_dir):
                            raise RuntimeError("optional: no ../shared/peers next to the repository")
                        specs = [f"{h}:{act}:f32:ep{a.epochs}" for h, act in speed]
                        for key, value in run_fast_peer(a.peers_dir, a.threads, specs, mnist, a.out,
                                                         kernels).items():
                            peers.setdefault("fast", {}).setdefault(key, []).append(value)
                        log(f"round {r} fast ND4J peer: {peers.get('fast')}")
                    else:
                        raise RuntimeError("unknown peer")
                except Exception as e:  # a peer that cannot run is reported, not fatal
                    skipped[name] = str(e)
                    log(f"{name} skipped: {e}")
        time.sleep(5)
        idle_after = service.rss_mb()
        service_hwm = status_kb(service.pid, "VmHWM") / 1024
    finally:
        service.stop()

    names = [n for n in ("torch", "numpy", "fast") if n in a.peers.split()]
    titles = {"torch": "PyTorch", "numpy": "numpy", "fast": "fast ND4J peer"}
    med = statistics.median
    print()
    print(f"Training benchmark, {time.strftime('%Y-%m-%d %H:%M %Z')}; machine: {machine()}; load average before "
          f"{load_before[0]:.1f}, after {os.getloadavg()[0]:.1f}; {a.threads} BLAS thread(s); "
          f"{a.rounds} round(s), medians over rounds")
    print()
    print("| measured | digitnet | " + " | ".join(titles[n] for n in names) + " |")
    print("|---|---|" + "---|" * len(names))

    def cell(name, value, ours_value):
        if value is None:
            return "skipped" if name in skipped else "–"
        return f"{value:.3f} ({value / ours_value:.2f}×)"

    for key in speed:
        o = med(ours[key])
        row = [cell(n, med(peers[n][key]) if key in peers.get(n, {}) else None, o) for n in names]
        print(f"| s/epoch, H={key[0]} {key[1]}, batch 100 (digitnet: the job's `seconds`) | **{o:.3f}** | "
              + " | ".join(row) + " |")
    for key in speed:
        o = med(ours_cpu[key])
        row = [cell(n, med(peers_cpu[n][key]) if key in peers_cpu.get(n, {}) else None, o) for n in names]
        print(f"| CPU s/epoch, H={key[0]} {key[1]} (digitnet: the service process, averaged over the job) | {o:.3f} | "
              + " | ".join(row) + " |")
    ro = med(reference)
    row = [cell(n, med(peer_ref[n]) if n in peer_ref else None, ro) for n in names]
    print(f"| reference run (H=50, 10,000 iterations): submit → `SUCCEEDED` / the peer's whole run, s | **{ro:.2f}** | "
          + " | ".join(row) + " |")
    print()
    print("(×) = peer / digitnet: above 1 means digitnet is faster. Targets: PyTorch ≥ 1.2× on s/epoch, fast ND4J "
          "peer ≥ 0.95× (within 1.05×), reference run faster than PyTorch and numpy.")
    print(f"digitnet reference run: the job's own seconds {med(reference_job_s):.2f} s, test accuracy "
          f"{reference_acc}, service CPU {med(reference_cpu):.2f} s"
          + "".join(f"; {titles[n]} CPU {med(peer_ref_cpu[n]):.2f} s" for n in names if n in peer_ref_cpu)
          + f"; first job after start (dataset read on demand) {first_s:.2f} s")
    print(f"digitnet service CPU s/epoch: " + ", ".join(f"H={k[0]} {k[1]} {med(ours_cpu[k]):.3f}" for k in speed))
    print(f"service RSS: idle after start {idle_rss:.0f} MB (ready in {started_s:.0f} s); peak while training "
          + ", ".join(f"{k} {v:.0f} MB" for k, v in peak_rss.items()) + f" (VmHWM {service_hwm:.0f} MB); "
          f"idle after the jobs {idle_after:.0f} MB. Targets: < 1,000 MB while training H=100, < 600 MB idle.")
    for name, why in skipped.items():
        print(f"{titles.get(name, name)} skipped: {why}")
    print(f"OpenBLAS kernels: the service's {kernels or 'unknown'} (BlasKernels); the fast ND4J peer ran with "
          f"{os.environ.get('OPENBLAS_CORETYPE') or kernels or 'its own detection'}")
    print(f"JVM options of the service: {a.java_opts or '(none)'}; logs in {a.out}")


def check(job):
    if job["status"] != "SUCCEEDED":
        raise RuntimeError(f"job {job['id']} ended {job['status']}: {job.get('error')}")


if __name__ == "__main__":
    main()
