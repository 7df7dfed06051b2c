#!/usr/bin/env bash
# Prediction benchmark: how much of a parse-only endpoint's throughput /predict keeps.
#
#   bench/predict-benchmark.sh            (from the project root; needs java 17, python3, curl, jq and wrk)
#
# 1. Builds the jar (./mvnw -B -ntp -q -DskipTests package; SKIP_BUILD=1 reuses target/digitnet-*.jar).
# 2. Starts it on a free port with a temporary data directory (datasets linked from ./data/datasets) and
#    digitnet.inference.benchmark-endpoint=true, which enables POST /predict/echo: it reads and validates a /predict
#    body exactly like /predict and answers the same shape, without resolving a model or computing anything.
# 3. Gets a model with H=100: trains one epoch on MNIST through POST /jobs (ReLU, He, SGD 0.1, batch 100), or, if
#    the service cannot train, imports seeded random weights (bench/npz-weights.py) through POST /models.
# 4. Warms both endpoints up (WARMUP seconds each), then runs wrk for DURATION seconds (default 20) with
#    CONNECTIONS connections (default 32) and THREADS wrk threads (default 2) against /predict/echo and /predict,
#    each with the first image of the real MNIST test set as {"pixels":[...784 values...]} (bench/mnist-bodies.py).
# 5. Prints requests/s, p50 and p99 latency and errors (non-2xx responses, socket errors) of both endpoints, the
#    throughput ratio /predict : echo, and the server time of a 1,000-image batch (the mean of BATCH_RUNS requests,
#    from the service's own http.server.requests timer; the client's round trip alongside).
# Targets: ratio >= 0.70, /predict p99 < 20 ms, zero errors. wrk shares the CPUs with the service, so run it on an
# otherwise idle machine; the numbers are indicative.
set -euo pipefail

cd "$(dirname "$0")/.."
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-5}
BATCH_RUNS=${BATCH_RUNS:-10}
DATASETS=${DATASETS:-$PWD/data/datasets}

for tool in java python3 curl jq wrk; do
  command -v "$tool" >/dev/null || { echo "needs $tool (wrk: apt-get install wrk)" >&2; exit 1; }
done
[ -d "$DATASETS/mnist" ] || { echo "no MNIST in $DATASETS/mnist (run the tests once, or set DATASETS)" >&2; exit 1; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building the jar..."
  ./mvnw -B -ntp -q -DskipTests package
fi
JAR=$(ls target/digitnet-*.jar | grep -v plain | head -1)

WORK=$(mktemp -d -t digitnet-bench.XXXXXX)
mkdir -p "$WORK/data"
ln -s "$DATASETS" "$WORK/data/datasets"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "starting $JAR on port $PORT (data in $WORK/data, log in $WORK/server.log)..."
DIGITNET_DATA_DIR="$WORK/data" java ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" \
  --digitnet.inference.benchmark-endpoint=true >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 180); do
  curl -sf "$BASE/v2/health/ready" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; echo "the service did not start" >&2; exit 1; }
  sleep 1
done
curl -sf "$BASE/v2/health/ready" >/dev/null || { echo "the service is not ready after 180 s" >&2; exit 1; }

# a model with H=100
MODEL=
JOB=$(curl -s -X POST "$BASE/jobs" -H 'Content-Type: application/json' -d '{"name":"benchmark","dataset":"mnist",
  "hiddenSize":100,"activation":"relu","weightInit":"he","optimizer":"sgd","learningRate":0.1,"batchSize":100,
  "epochs":1,"seed":42}' | jq -r '.id // empty' 2>/dev/null || true)
if [ -n "$JOB" ]; then
  echo "training job $JOB (H=100, one epoch)..."
  for _ in $(seq 1 600); do
    STATUS=$(curl -s "$BASE/jobs/$JOB" | jq -r .status)
    case "$STATUS" in
      SUCCEEDED) MODEL=$(curl -s "$BASE/jobs/$JOB" | jq -r .modelId); break ;;
      FAILED|CANCELLED) echo "job $STATUS: $(curl -s "$BASE/jobs/$JOB" | jq -r .error)" >&2; break ;;
    esac
    sleep 1
  done
fi
if [ -z "$MODEL" ]; then
  echo "importing seeded random weights (H=100)..."
  python3 bench/npz-weights.py 100 "$WORK/weights.npz"
  MODEL=$(curl -sf -X POST "$BASE/models" -F "weights=@$WORK/weights.npz" \
    -F 'metadata={"name":"benchmark","activation":"relu","dataset":"mnist"}' | jq -r .id)
fi
echo "model $MODEL: $(curl -s "$BASE/v2/models/$MODEL" | jq -c '{versions, inputs: .inputs[0].shape}')"

python3 bench/mnist-bodies.py "$DATASETS/mnist" "$WORK"
check() { # endpoint body: must answer 200
  local status
  status=$(curl -s -o "$WORK/answer.json" -w '%{http_code}' -X POST "$BASE$1" -H 'Content-Type: application/json' \
    --data-binary "@$2")
  [ "$status" = 200 ] || { echo "$1 answered $status: $(cat "$WORK/answer.json")" >&2; exit 1; }
}
check /predict/echo "$WORK/single.json"
check /predict "$WORK/single.json"
echo "first MNIST test image: $(jq -c '{model: .model, label: .label}' "$WORK/answer.json")"

run_wrk() { # endpoint seconds → RESULT line
  BODY_FILE="$WORK/single.json" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s --latency -s bench/predict-wrk.lua \
    "$BASE$1" | grep '^RESULT'
}
field() { sed -E "s/.* $2=([^ ]+).*/\1/" <<<"$1"; }

echo "machine: $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
echo "warming up ($WARMUP s each)..."
run_wrk /predict/echo "$WARMUP" >/dev/null
run_wrk /predict "$WARMUP" >/dev/null
echo "measuring: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, body $(wc -c <"$WORK/single.json") bytes..."
ECHO=$(run_wrk /predict/echo "$DURATION")
PREDICT=$(run_wrk /predict "$DURATION")

# server time of a 1,000-image batch, from the service's own timer of POST /predict
timer() { curl -s "$BASE/actuator/metrics/http.server.requests?tag=uri:/predict&tag=method:POST&tag=status:200" |
  jq -r "[.measurements[] | select(.statistic == \"$1\") | .value][0]"; }
batch() { curl -s -o /dev/null -w '%{time_total}' -X POST "$BASE/predict" -H 'Content-Type: application/json' \
  -H 'Expect:' --data-binary "@$WORK/batch.json"; }
check /predict "$WORK/batch.json"
[ "$(jq '.predictions | length' "$WORK/answer.json")" = 1000 ] || { echo "the batch did not answer 1000" >&2; exit 1; }
for _ in 1 2 3; do batch >/dev/null; done # warm-up
COUNT0=$(timer COUNT); TOTAL0=$(timer TOTAL_TIME)
ROUND_TRIP=0
for _ in $(seq 1 "$BATCH_RUNS"); do
  T=$(batch)
  ROUND_TRIP=$(python3 -c "print($ROUND_TRIP + $T)")
done
COUNT1=$(timer COUNT); TOTAL1=$(timer TOTAL_TIME)

python3 - "$ECHO" "$PREDICT" "$COUNT0" "$TOTAL0" "$COUNT1" "$TOTAL1" "$ROUND_TRIP" "$BATCH_RUNS" \
  "$(wc -c <"$WORK/batch.json")" <<'PY'
import sys
def parse(line):
    return {k: float(v) for k, v in (kv.split("=") for kv in line.split()[1:])}
echo, predict = parse(sys.argv[1]), parse(sys.argv[2])
c0, t0, c1, t1, rt, runs, size = map(float, sys.argv[3:10])
print()
print("%-14s %10s %9s %9s %9s %8s %s" % ("endpoint", "requests/s", "p50 ms", "p99 ms", "max ms", "non-2xx", "socket errors (connect/read/write/timeout)"))
for name, r in (("/predict/echo", echo), ("/predict", predict)):
    print("%-14s %10.0f %9.3f %9.3f %9.3f %8d %d/%d/%d/%d" % (name, r["rps"], r["p50_ms"], r["p99_ms"], r["max_ms"],
          r["non2xx"], r["connect"], r["read"], r["write"], r["timeout"]))
ratio = predict["rps"] / echo["rps"]
errors = sum(r[k] for r in (echo, predict) for k in ("non2xx", "connect", "read", "write", "timeout"))
print()
print("throughput /predict : /predict/echo = %.2f   (target >= 0.70: %s)" % (ratio, "met" if ratio >= 0.70 else "NOT met"))
print("p99 of /predict = %.2f ms            (target < 20 ms: %s)" % (predict["p99_ms"], "met" if predict["p99_ms"] < 20 else "NOT met"))
print("errors = %d                          (target 0: %s)" % (errors, "met" if errors == 0 else "NOT met"))
print("1,000-image batch (%.1f MB body): server time %.1f ms (mean of %d, http.server.requests), client round trip %.1f ms"
      % (size / 1e6, 1000 * (t1 - t0) / (c1 - c0), int(c1 - c0), 1000 * rt / runs))
PY
