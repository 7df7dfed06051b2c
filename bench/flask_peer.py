"""The Flask + numpy serving peer of bench/predict-benchmark.sh: the same two-layer network as a digitnet model,
served the way a small Python service would serve it.

    DIGITNET_WEIGHTS=weights.npz DIGITNET_ACTIVATION=relu \
        gunicorn -w 2 -k gthread --threads 8 --chdir bench flask_peer:app

POST /predict {"pixels": [784 numbers in [0, 1]]} answers {"model", "label", "probabilities"} like digitnet's
/predict, and checks the input as digitnet does (784 finite values in range; 400 otherwise). weights.npz is the file
GET /models/{id}/weights serves (W1 [784, H], b1 [H], W2 [H, 10], b2 [10], float32).
"""
import os

import numpy as np
from flask import Flask, jsonify, request

_weights = np.load(os.environ["DIGITNET_WEIGHTS"])
W1, B1, W2, B2 = (_weights[k].astype(np.float32) for k in ("W1", "b1", "W2", "b2"))
ACTIVATION = os.environ.get("DIGITNET_ACTIVATION", "relu")
MODEL = os.environ.get("DIGITNET_MODEL", "flask-peer")

app = Flask(__name__)


def bad_request(detail):
    return jsonify(status=400, title="Invalid input", detail=detail), 400


@app.post("/predict")
def predict():
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("pixels"), list):
        return bad_request('send {"pixels": [...784 numbers...]}')
    try:
        x = np.asarray(body["pixels"], dtype=np.float32)
    except (TypeError, ValueError):
        return bad_request("pixels must be numbers")
    if x.shape != (784,):
        return bad_request("pixels has %d values; an image needs exactly 784" % x.size)
    if not np.all((x >= 0) & (x <= 1)):  # NaN fails too
        return bad_request("pixels must be in [0, 1]")
    h = x @ W1 + B1
    h = np.maximum(h, 0) if ACTIVATION == "relu" else 1 / (1 + np.exp(-h))
    s = h @ W2 + B2
    e = np.exp(s - s.max())
    p = e / e.sum()
    return jsonify(model=MODEL, label=int(p.argmax()), probabilities=p.tolist())


@app.get("/health")
def health():
    return "ok"
