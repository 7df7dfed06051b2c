#!/usr/bin/env python3
"""The same two-layer network in PyTorch (nn.Linear, sigmoid/ReLU, cross-entropy, torch.optim.SGD), float32, data
held as tensors, shuffled batches by index. Usage: see mnist.args(); prints RESULT {json} (timing rules: mnist.py).
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mnist  # noqa: E402  (starts the process clock, sets the BLAS threads)

a = mnist.args()
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def blas():
    with open("/proc/self/maps") as f:
        return sorted({os.path.basename(line.split()[-1]) for line in f if "blas" in line})


def main():
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x_train, t_train, x_test, t_test = (torch.from_numpy(v) for v in mnist.load(a.data))
    n = len(t_train)
    model = torch.nn.Sequential(torch.nn.Linear(784, a.hidden),
                                torch.nn.Sigmoid() if a.activation == "sigmoid" else torch.nn.ReLU(),
                                torch.nn.Linear(a.hidden, 10))
    with torch.no_grad():
        for layer in (model[0], model[2]):
            layer.weight.normal_(0.0, mnist.init_std(a.activation, layer.in_features))
            layer.bias.zero_()
    optimizer = torch.optim.SGD(model.parameters(), lr=a.lr)
    generator = torch.Generator().manual_seed(a.seed)
    epoch_seconds, epoch_cpu, accuracy = [], [], []
    for epoch, iterations in mnist.schedule(a, n):
        start, cpu = time.perf_counter(), time.process_time()
        order = torch.randperm(n, generator=generator)
        for k in range(iterations):
            idx = order[k * a.batch:(k + 1) * a.batch]
            optimizer.zero_grad(set_to_none=True)
            F.cross_entropy(model(x_train[idx]), t_train[idx]).backward()
            optimizer.step()
        with torch.inference_mode():
            accuracy.append(float((model(x_test).argmax(1) == t_test).float().mean()))
        epoch_seconds.append(time.perf_counter() - start)
        epoch_cpu.append(time.process_time() - cpu)
    mnist.report("torch", a, epoch_seconds, accuracy, {"torch": torch.__version__, "blas": blas(),
                                                        "epoch_cpu_s": epoch_cpu})


main()
