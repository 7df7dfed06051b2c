"""What the training peers share: MNIST loading, the run's configuration and its timing rules.

Timing rules (the same as digitnet's job history): an epoch's seconds are its training iterations plus the
accuracy over the test set at its end; the process's own wall time covers everything (start, imports, data, all
epochs, the final evaluation). Every peer prints one line `RESULT {json}` at its end.
"""
import argparse
import gzip
import json
import os
import sys
import time

START = time.perf_counter()


def _threads():
    argv = sys.argv
    return argv[argv.index("--threads") + 1] if "--threads" in argv[:-1] else "1"


# the BLAS libraries read their thread count when they load: before numpy (and torch) are imported
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = _threads()

import numpy as np  # noqa: E402


def args():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True, help="folder with the four MNIST IDX files (raw or .gz)")
    p.add_argument("--hidden", type=int, default=100)
    p.add_argument("--activation", choices=["sigmoid", "relu"], default="sigmoid")
    p.add_argument("--epochs", type=int, default=0)
    p.add_argument("--iterations", type=int, default=0)
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    if (a.epochs > 0) == (a.iterations > 0):
        p.error("give exactly one of --epochs and --iterations")
    return a


def _idx(folder, name):
    for path, opener in ((os.path.join(folder, name), open), (os.path.join(folder, name + ".gz"), gzip.open)):
        if os.path.exists(path):
            with opener(path, "rb") as f:
                data = f.read()
            ndim = data[3]
            dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
            return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)
    raise FileNotFoundError(os.path.join(folder, name))


def load(folder):
    """x_train [60000, 784] float32 in [0, 1], t_train [60000] int64, x_test, t_test."""
    def images(name):
        return (_idx(folder, name).reshape(-1, 784).astype(np.float32) / np.float32(255.0))
    return (images("train-images-idx3-ubyte"), _idx(folder, "train-labels-idx1-ubyte").astype(np.int64),
            images("t10k-images-idx3-ubyte"), _idx(folder, "t10k-labels-idx1-ubyte").astype(np.int64))


def init_std(activation, fan_in):
    """The job's weight init: 'std' (0.01) for sigmoid, He (sqrt(2 / fan_in)) for ReLU."""
    return 0.01 if activation == "sigmoid" else float(np.sqrt(2.0 / fan_in))


def schedule(a, n):
    """(epoch, iterations in it) for the whole run; the last epoch of an iteration count may be partial."""
    per_epoch = (n + a.batch - 1) // a.batch
    total = a.epochs * per_epoch if a.epochs else a.iterations
    out, done, epoch = [], 0, 0
    while done < total:
        epoch += 1
        k = min(per_epoch, total - done)
        out.append((epoch, k))
        done += k
    return out


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024.0, 1)
    return None


def report(peer, a, epoch_seconds, test_accuracy, extra=None):
    r = {"peer": peer, "H": a.hidden, "act": a.activation, "batch": a.batch, "lr": a.lr,
         "epochs": a.epochs or None, "iterations": a.iterations or None, "epoch_s": [round(s, 4) for s in epoch_seconds],
         "test_acc": [round(x, 4) for x in test_accuracy], "process_s": round(time.perf_counter() - START, 3),
         "process_cpu_s": round(time.process_time(), 3),
         "peak_rss_mb": rss_mb()}
    r.update(extra or {})
    print("RESULT " + json.dumps(r), flush=True)
    sys.stdout.flush()
