#!/usr/bin/env bash
# Prediction benchmark: digitnet's /predict next to a Flask + numpy service with the same network, under the same load.
#
#   bench/predict-benchmark.sh                      one run: the table below, on an otherwise idle machine
#   bench/predict-benchmark.sh --slow-clients 64    the same with 64 slow connections open against each service
#   bench/predict-benchmark.sh --both               both runs, one table each (what the README shows)
#
# Options: --duration S (default 15), --connections C (32), --threads T (2), --warmup S (5), --jit-warmup S (20),
# --no-peer, --no-build (reuse target/digitnet-*.jar). Environment: JAVA_OPTS replaces the service's JVM options (default:
# those of the README's "Memory" section, with MALLOC_ARENA_MAX=2, as the Dockerfile runs it). Needs java 17, python3, curl, jq and wrk; the peer needs Flask, numpy and gunicorn
# (Debian: apt-get install -y wrk python3-flask python3-numpy gunicorn) and is reported as skipped without them.
#
# 1. Builds the jar, starts it on a free port with a temporary data directory (datasets linked from ./data/datasets)
#    and digitnet.inference.benchmark-endpoint=true (POST /predict/echo: reads and checks a /predict body exactly like
#    /predict, computes nothing: the cost of HTTP + parsing alone).
# 2. Gets a model with H=100 (one epoch of MNIST through POST /jobs; seeded random weights if it cannot train),
#    downloads its weights.npz and starts the Flask + numpy peer on them under gunicorn, 2 workers x 8 threads
#    (bench/flask_peer.py; one BLAS thread per call, as digitnet).
# 3. The body is the first MNIST test image as a Python client sends it: json.dumps of 784 floats (bench/mnist-bodies.py).
#    Two more rows send the same image through the Open Inference Protocol's fast paths: REST with the binary tensor
#    data extension (POST /v2/models/{id}/infer, a JSON header of Inference-Header-Content-Length bytes, then 784
#    little-endian FP32; the answer binary too) and gRPC ModelInfer with raw_input_contents, driven by
#    io.digitnet.bench.GrpcLoad (src/test/java: grpc-java's async stub, C calls in flight over T connections, the
#    same warm-up and duration; a Python client would be the bottleneck).
# 4. Each row: WARMUP s of wrk, then wrk -tT -cC -dS (bench/predict-wrk.lua). With --slow-clients N, N slow
#    connections (bench/slow-clients.py: half declare 5,000 bytes and stop, half trickle a chunked body) are opened
#    against the row's service before its warm-up and kept open (reopened when closed) until its run ends. Before the
#    first row, the service gets JIT_WARMUP s of load on each of its REST rows, the same for each (the gRPC row
#    warms up for WARMUP + JIT_WARMUP s): a fresh JVM compiles the request path for about a minute on 2 busy cores, and
#    rows measured during that show the compiler.
# 5. Prints one table per run with the machine: requests/s, p50, p99, max latency, errors, the ratio to the peer and
#    the targets (issue 14: /predict >= 2x the peer's throughput with p99 < 20 ms), the service's RSS idle and after the
#    runs, and (first run) the server time of a 1,000-image batch.
#
# Adding a row: append "name|service|path|body file|content type|extra header" to ROWS below (service: digitnet, peer or
# grpc; body file under $WORK; the extra header is optional). A row measured by another tool needs only to append one line to $WORK/rows-<run>.txt in the format
# bench/predict-wrk.lua prints: RESULT name=<no spaces> requests= rps= p50_ms= p99_ms= max_ms= non2xx= connect= read=
# write= timeout=
set -euo pipefail

cd "$(dirname "$0")/.."
DURATION=15 CONNECTIONS=32 THREADS=2 WARMUP=5 JIT_WARMUP=20 SLOW=0 BOTH=0 PEER=1 BUILD=1
BATCH_RUNS=${BATCH_RUNS:-10}
DATASETS=${DATASETS:-$PWD/data/datasets}
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --threads) THREADS=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --jit-warmup) JIT_WARMUP=$2; shift ;;
    --slow-clients) SLOW=$2; shift ;;
    --both) BOTH=1 ;;
    --no-peer) PEER=0 ;;
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,42p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ "$BOTH" = 1 ] && [ "$SLOW" = 0 ] && SLOW=64

for tool in java python3 curl jq wrk; do
  command -v "$tool" >/dev/null || { echo "needs $tool (Debian: apt-get install -y wrk jq curl)" >&2; exit 1; }
done
[ -d "$DATASETS/mnist" ] || { echo "no MNIST in $DATASETS/mnist (run the tests once, or set DATASETS)" >&2; exit 1; }

if [ "$BUILD" = 1 ]; then
  echo "building the jar..."
  ./mvnw -B -ntp -q -DskipTests package
fi
JAR=$(ls target/digitnet-*.jar | grep -v plain | head -1)
# the gRPC load generator runs from the test classes with the runtime classpath
GRPC_CP= GRPC_NOTE=
if [ -f target/test-classes/io/digitnet/bench/GrpcLoad.class ]; then
  if [ "$BUILD" = 1 ] || [ ! -s target/bench-runtime-classpath.txt ]; then
    ./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=runtime \
      -Dmdep.outputFile=target/bench-runtime-classpath.txt >/dev/null
  fi
  GRPC_CP="target/test-classes:target/classes:$(cat target/bench-runtime-classpath.txt)"
else
  GRPC_NOTE="gRPC row skipped: no target/test-classes/io/digitnet/bench/GrpcLoad.class (run without --no-build)"
fi

WORK=$(mktemp -d -t digitnet-bench.XXXXXX)
mkdir -p "$WORK/data"
ln -s "$DATASETS" "$WORK/data/datasets"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
GRPC_PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
SERVER_PID= PEER_PID= SLOW_PID=
cleanup() {
  for pid in $SLOW_PID $PEER_PID $SERVER_PID; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

# the JVM options of the README's "Memory" section (and the Dockerfile's), as bench/train-benchmark.sh
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -Dorg.bytedeco.javacpp.maxbytes=1G -Dorg.bytedeco.javacpp.maxphysicalbytes=2G"}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
echo "starting $JAR on port $PORT (data in $WORK/data, log in $WORK/server.log, JVM options: $JAVA_OPTS)..."
DIGITNET_DATA_DIR="$WORK/data" java $JAVA_OPTS -jar "$JAR" --server.port="$PORT" --digitnet.grpc.port="$GRPC_PORT" \
  --digitnet.inference.benchmark-endpoint=true >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 180); do
  curl -sf "$BASE/v2/health/ready" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; echo "the service did not start" >&2; exit 1; }
  sleep 1
done
curl -sf "$BASE/v2/health/ready" >/dev/null || { echo "the service is not ready after 180 s" >&2; exit 1; }
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
START_RSS=$(rss_mb "$SERVER_PID")

# a model with H=100
MODEL= ACTIVATION=relu
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
curl -sf -o "$WORK/weights.npz" "$BASE/models/$MODEL/weights"

python3 bench/mnist-bodies.py "$DATASETS/mnist" "$WORK"
check() { # base endpoint body: must answer 200
  local status
  status=$(curl -s -o "$WORK/answer.json" -w '%{http_code}' -X POST "$1$2" -H 'Content-Type: application/json' \
    -H 'Expect:' --data-binary "@$3")
  [ "$status" = 200 ] || { echo "$1$2 answered $status: $(cat "$WORK/answer.json")" >&2; return 1; }
}
check "$BASE" /predict/echo "$WORK/single.json"
check "$BASE" /predict "$WORK/single.json"
echo "first MNIST test image: $(jq -c '{model: .model, label: .label}' "$WORK/answer.json")"
V2_INFER=/v2/models/$MODEL/infer
BINARY_HEADER="Inference-Header-Content-Length: $(cat "$WORK/single.v2bin.len")"
STATUS=$(curl -s -D "$WORK/answer.head" -o "$WORK/answer.bin" -w '%{http_code}' -X POST "$BASE$V2_INFER" -H 'Expect:' \
  -H 'Content-Type: application/octet-stream' -H "$BINARY_HEADER" --data-binary "@$WORK/single.v2bin")
[ "$STATUS" = 200 ] || { echo "$V2_INFER (binary) answered $STATUS: $(head -c 300 "$WORK/answer.bin")" >&2; exit 1; }
ANSWER_HEADER=$(sed -n 's/^inference-header-content-length: *//Ip' "$WORK/answer.head" | tr -d '\r')
echo "V2 binary tensors: $(head -c "$ANSWER_HEADER" "$WORK/answer.bin" | jq -c '{model_version, parameters}')," \
  "then $(( $(wc -c <"$WORK/answer.bin") - ANSWER_HEADER )) bytes of FP32"
IDLE_RSS=$(rss_mb "$SERVER_PID")  # after a training job and a first prediction

# the Flask + numpy peer
PEER_BASE= PEER_NOTE=
if [ "$PEER" = 1 ]; then
  PEER_PY=
  for py in python3 /usr/bin/python3; do
    if command -v "$py" >/dev/null && "$py" -c 'import flask, numpy, gunicorn' 2>/dev/null; then PEER_PY=$py; break; fi
  done
  if [ -z "$PEER_PY" ]; then
    PEER_NOTE="flask+numpy peer skipped: no python3 with flask, numpy and gunicorn (apt-get install -y python3-flask python3-numpy gunicorn)"
  else
    PEER_PORT=$(free_port)
    PEER_BASE=http://127.0.0.1:$PEER_PORT
    DIGITNET_WEIGHTS="$WORK/weights.npz" DIGITNET_ACTIVATION=$ACTIVATION DIGITNET_MODEL=$MODEL \
      OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 \
      "$PEER_PY" -m gunicorn -w 2 -k gthread --threads 8 --chdir bench -b "127.0.0.1:$PEER_PORT" \
      --log-level warning flask_peer:app >"$WORK/peer.log" 2>&1 &
    PEER_PID=$!
    for _ in $(seq 1 60); do
      curl -sf "$PEER_BASE/health" >/dev/null 2>&1 && break
      kill -0 "$PEER_PID" 2>/dev/null || break
      sleep 0.5
    done
    if check "$PEER_BASE" /predict "$WORK/single.json" 2>"$WORK/peer-check.txt"; then
      echo "flask+numpy peer on port $PEER_PORT ($("$PEER_PY" --version), gunicorn 2 workers x 8 threads):" \
        "$(jq -c '{label: .label}' "$WORK/answer.json")"
    else
      PEER_NOTE="flask+numpy peer skipped: it did not answer ($(cat "$WORK/peer-check.txt") $(tail -3 "$WORK/peer.log"))"
      kill "$PEER_PID" 2>/dev/null || true
      PEER_BASE= PEER_PID=
    fi
  fi
  [ -n "$PEER_NOTE" ] && echo "$PEER_NOTE"
fi

# name|service|path|body file|content type|extra header
ROWS=(
  "digitnet /predict|digitnet|/predict|single.json|application/json"
  "digitnet /predict/echo (parse only)|digitnet|/predict/echo|single.json|application/json"
  "digitnet V2 REST binary FP32|digitnet|$V2_INFER|single.v2bin|application/octet-stream|$BINARY_HEADER"
  "digitnet V2 gRPC raw FP32|grpc|-|single.f32|-"
  "flask+numpy /predict|peer|/predict|single.json|application/json"
)

run_wrk() { # url seconds body content-type name extra-header
  BODY_FILE="$WORK/$3" CONTENT_TYPE="$4" ROW_NAME="${5// /_}" EXTRA_HEADER="${6:-}" wrk -t"$THREADS" \
    -c"$CONNECTIONS" -d"$2"s --latency -s bench/predict-wrk.lua "$1" | grep '^RESULT' || true
}

# the gRPC path and its load generator's JVM are both cold when the row starts: the JIT warm-up is theirs too
GRPC_WARMUP=$(( WARMUP + JIT_WARMUP ))
run_grpc() { # body name: GrpcLoad with the same concurrency, connections = wrk's threads and duration
  java -cp "$GRPC_CP" io.digitnet.bench.GrpcLoad --port "$GRPC_PORT" --model "$MODEL" --image "$WORK/$1" \
    --concurrency "$CONNECTIONS" --connections "$THREADS" --warmup "$GRPC_WARMUP" --duration "$DURATION" \
    --name "${2// /_}" --server-pid "$SERVER_PID" 2>>"$WORK/grpc-load.log" | grep '^RESULT' || true
}

HZ=$(getconf CLK_TCK)
cpu_ticks() { # service: user + system CPU ticks of its processes (the peer's gunicorn master and workers)
  local pids=$SERVER_PID
  [ "$1" = peer ] && pids="$PEER_PID $(pgrep -P "$PEER_PID" | tr '\n' ' ')"
  for pid in $pids; do awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null; done | awk '{s += $1} END {print s + 0}'
}

measure() { # run slow
  local run=$1 slow=$2 row name service path body type header base port
  : >"$WORK/rows-$run.txt"
  for row in "${ROWS[@]}"; do
    IFS='|' read -r name service path body type header <<<"$row"
    case "$service" in
      digitnet) base=$BASE ;;
      grpc) base=; [ -n "$GRPC_CP" ] && base=$BASE ;;
      peer) base=$PEER_BASE ;;
      *) echo "unknown service $service in row $name" >&2; exit 1 ;;
    esac
    [ -n "$base" ] || continue
    if [ "$slow" -gt 0 ]; then
      port=${base##*:}
      # the gRPC row: the slow connections hold the service's HTTP side (/predict), as for the REST rows
      python3 bench/slow-clients.py "$slow" 127.0.0.1 "$port" "$([ "$service" = grpc ] && echo /predict || echo "$path")" \
        >"$WORK/slow.txt" 2>&1 &
      SLOW_PID=$!
    fi
    local t0 result
    if [ "$service" = grpc ]; then
      # one JVM for warm-up and run (a warm client too); it reads the service's CPU ticks around the run itself
      result=$(run_grpc "$body" "$name")
      [ -n "$result" ] && echo "$result hz=$HZ" >>"$WORK/rows-$run.txt"
    else
      run_wrk "$base$path" "$WARMUP" "$body" "$type" "$name" "$header" >/dev/null
      t0=$(cpu_ticks "$service")
      result=$(run_wrk "$base$path" "$DURATION" "$body" "$type" "$name" "$header")
      if [ -n "$result" ]; then
        echo "$result cpu_ticks=$(( $(cpu_ticks "$service") - t0 )) hz=$HZ" >>"$WORK/rows-$run.txt"
      fi
    fi
    if [ -n "$SLOW_PID" ]; then
      kill "$SLOW_PID" 2>/dev/null || true
      wait "$SLOW_PID" 2>/dev/null || true
      SLOW_PID=
      echo "SLOWROW name=${name// /_} $(grep '^SLOW open' "$WORK/slow.txt" | cut -d' ' -f2-)" >>"$WORK/rows-$run.txt"
    fi
  done
}

MACHINE="$(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM, $(java -version 2>&1 | head -1)"
table() { # run title
  python3 - "$WORK/rows-$1.txt" "$2" "$MACHINE" "$(cut -d' ' -f1-3 /proc/loadavg)" "$PEER_NOTE" "$GRPC_NOTE" <<'PY'
import sys, datetime
rows, slow = [], {}
for line in open(sys.argv[1]):
    kind, *kvs = line.split()
    kv = dict(x.split("=", 1) for x in kvs)
    if kind == "RESULT":
        rows.append(kv)
    elif kind == "SLOWROW":
        slow[kv["name"]] = "open=%s reopened=%s answers=%s" % (kv.get("open"), kv.get("reopened"), kv.get("status"))
print()
print("## %s" % sys.argv[2])
print("machine: %s; load average before the run %s; %s" % (sys.argv[3], sys.argv[4],
      datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%MZ")))
print()
print("| %-36s | %10s | %8s | %8s | %8s | %7s | %21s | %s |" % ("row", "requests/s", "p50 ms", "p99 ms", "max ms",
      "non-2xx", "socket errors c/r/w/t", "server CPU us/request"))
print("|%s|" % "|".join("-" * w for w in (38, 12, 10, 10, 10, 9, 23, 23)))
by = {}
for r in rows:
    name = r["name"].replace("_", " ")
    by[name] = r
    cpu = "-"
    if "cpu_ticks" in r and int(r["requests"]) > 0:
        cpu = "%.0f" % (1e6 * int(r["cpu_ticks"]) / int(r["hz"]) / int(r["requests"]))
    print("| %-36s | %10.0f | %8.2f | %8.2f | %8.1f | %7d | %21s | %21s |" % (name, float(r["rps"]),
          float(r["p50_ms"]), float(r["p99_ms"]), float(r["max_ms"]), int(r["non2xx"]),
          "/".join(r[k] for k in ("connect", "read", "write", "timeout")), cpu))
print()
print("server CPU us/request: CPU time of the service's processes during the run / requests answered; steadier than")
print("requests/s when other work shares the machine")
ours, peer = by.get("digitnet /predict"), by.get("flask+numpy /predict")
if ours and peer and float(peer["rps"]) > 0:
    ratio = float(ours["rps"]) / float(peer["rps"])
    print("throughput digitnet /predict : flask+numpy = %.2f   (target >= 2: %s)" % (ratio, "met" if ratio >= 2 else "NOT met"))
elif ours and peer:
    print("throughput digitnet /predict : flask+numpy = no ratio: the peer answered no request in this run "
          "(%s requests/s for digitnet)" % ours["rps"])
elif sys.argv[5]:
    print(sys.argv[5])
grpc = by.get("digitnet V2 gRPC raw FP32")
binary = by.get("digitnet V2 REST binary FP32")
if ours and float(ours["rps"]) > 0:
    for label, row in (("V2 REST binary FP32", binary), ("V2 gRPC raw", grpc)):
        if row:
            print("throughput digitnet %s : /predict JSON = %.2f" % (label, float(row["rps"]) / float(ours["rps"])))
if sys.argv[6]:
    print(sys.argv[6])
if ours:
    p99 = float(ours["p99_ms"])
    print("p99 of digitnet /predict = %.2f ms            (target < 20 ms: %s)" % (p99, "met" if p99 < 20 else "NOT met"))
    errors = int(ours["non2xx"]) + sum(int(ours[k]) for k in ("connect", "read", "write", "timeout"))
    print("errors of digitnet /predict = %d               (target 0: %s)" % (errors, "met" if errors == 0 else "NOT met"))
for name, text in slow.items():
    print("slow connections during %s: %s" % (name.replace("_", " "), text))
PY
}

if [ "$JIT_WARMUP" -gt 0 ]; then
  echo "JIT warm-up: ${JIT_WARMUP}s of each digitnet REST row..."
  for row in "${ROWS[@]}"; do
    IFS='|' read -r name service path body type header <<<"$row"
    [ "$service" = digitnet ] || continue
    run_wrk "$BASE$path" "$JIT_WARMUP" "$body" "$type" warmup "$header" >/dev/null
  done
fi
echo "rows: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s after ${WARMUP}s of warm-up (JIT warm-up before the first row:" \
  "${JIT_WARMUP}s); body $(wc -c <"$WORK/single.json") bytes"
if [ "$BOTH" = 1 ] || [ "$SLOW" = 0 ]; then
  measure plain 0
  table plain "POST /predict, one MNIST image as json.dumps writes it"
fi
if [ "$SLOW" -gt 0 ]; then
  measure slow "$SLOW"
  table slow "the same with $SLOW slow connections open against each service"
fi

# server time of a 1,000-image batch, from the service's own timer of POST /predict
timer() { curl -s "$BASE/actuator/metrics/http.server.requests?tag=uri:/predict&tag=method:POST&tag=status:200" |
  jq -r "[.measurements[] | select(.statistic == \"$1\") | .value][0]"; }
batch() { curl -s -o /dev/null -w '%{time_total}' -X POST "$BASE/predict" -H 'Content-Type: application/json' \
  -H 'Expect:' --data-binary "@$WORK/batch.json"; }
check "$BASE" /predict "$WORK/batch.json"
[ "$(jq '.predictions | length' "$WORK/answer.json")" = 1000 ] || { echo "the batch did not answer 1000" >&2; exit 1; }
for _ in 1 2 3; do batch >/dev/null; done # warm-up
COUNT0=$(timer COUNT); TOTAL0=$(timer TOTAL_TIME)
ROUND_TRIP=0
for _ in $(seq 1 "$BATCH_RUNS"); do
  ROUND_TRIP=$(python3 -c "print($ROUND_TRIP + $(batch))")
done
COUNT1=$(timer COUNT); TOTAL1=$(timer TOTAL_TIME)
python3 -c "
c0, t0, c1, t1, rt, runs, size = map(float, '$COUNT0 $TOTAL0 $COUNT1 $TOTAL1 $ROUND_TRIP $BATCH_RUNS $(wc -c <"$WORK/batch.json")'.split())
print('1,000-image batch (%.1f MB body): server time %.1f ms (mean of %d, http.server.requests), client round trip %.1f ms'
      % (size / 1e6, 1000 * (t1 - t0) / (c1 - c0), int(c1 - c0), 1000 * rt / runs))"
echo "RSS of the service: ${START_RSS} MB idle after start, ${IDLE_RSS} MB idle after the training job and a first" \
  "prediction (target < 600 MB idle), $(rss_mb "$SERVER_PID") MB after the runs"
