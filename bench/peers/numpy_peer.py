#!/usr/bin/env python3
"""The notebook's two-layer network in numpy, book style (Affine -> sigmoid/ReLU -> Affine -> SoftmaxWithLoss),
float32, plain SGD, shuffled batches. Usage: see mnist.args(); prints RESULT {json} (see mnist.py for the timing rules).
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mnist  # noqa: E402  (starts the process clock, sets the BLAS threads)

a = mnist.args()
import numpy as np  # noqa: E402


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, dout):
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dout @ self.W.T


class Sigmoid:
    def forward(self, x):
        self.y = 1 / (1 + np.exp(-x))
        return self.y

    def backward(self, dout):
        return dout * self.y * (1 - self.y)


class Relu:
    def forward(self, x):
        self.mask = x <= 0
        y = x.copy()
        y[self.mask] = 0
        return y

    def backward(self, dout):
        dout[self.mask] = 0
        return dout


class SoftmaxWithLoss:
    def forward(self, s, t):
        s = s - s.max(axis=1, keepdims=True)
        e = np.exp(s)
        self.y, self.t = e / e.sum(axis=1, keepdims=True), t
        return -np.log(self.y[np.arange(len(t)), t] + 1e-7).mean()

    def backward(self):
        d = self.y.copy()
        d[np.arange(len(self.t)), self.t] -= 1
        return d / len(self.t)


def main():
    rng = np.random.default_rng(a.seed)
    x_train, t_train, x_test, t_test = mnist.load(a.data)
    n = len(t_train)
    W1 = (rng.standard_normal((784, a.hidden)) * mnist.init_std(a.activation, 784)).astype(np.float32)
    W2 = (rng.standard_normal((a.hidden, 10)) * mnist.init_std(a.activation, a.hidden)).astype(np.float32)
    layers = [Affine(W1, np.zeros(a.hidden, np.float32)), Sigmoid() if a.activation == "sigmoid" else Relu(),
              Affine(W2, np.zeros(10, np.float32))]
    last = SoftmaxWithLoss()

    def predict(x):
        for layer in layers:
            x = layer.forward(x)
        return x

    lr = np.float32(a.lr)
    epoch_seconds, epoch_cpu, accuracy = [], [], []
    for epoch, iterations in mnist.schedule(a, n):
        start, cpu = time.perf_counter(), time.process_time()
        order = rng.permutation(n)
        for k in range(iterations):
            idx = order[k * a.batch:(k + 1) * a.batch]
            last.forward(predict(x_train[idx]), t_train[idx])
            d = last.backward()
            for layer in reversed(layers):
                d = layer.backward(d)
            for layer in (layers[0], layers[2]):
                layer.W -= lr * layer.dW
                layer.b -= lr * layer.db
        accuracy.append(float((predict(x_test).argmax(axis=1) == t_test).mean()))
        epoch_seconds.append(time.perf_counter() - start)
        epoch_cpu.append(time.process_time() - cpu)
    mnist.report("numpy", a, epoch_seconds, accuracy, {"numpy": np.__version__, "epoch_cpu_s": epoch_cpu})


main()
