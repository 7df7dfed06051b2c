#!/bin/bash
# Cluster throughput: 8 training jobs (H=50, 2 epochs, 1 native thread each) on one instance, then on two instances
# of cluster mode sharing one PostgreSQL database; prints jobs per minute for both.
#
# Usage (from anywhere): bench/cluster-benchmark.sh [--jobs N] [--workers W] [--hidden H] [--epochs E]
#   --jobs     jobs per run (default 8)
#   --workers  training workers per instance (default 1)
#   --hidden   hidden units of each job (default 50)
#   --epochs   epochs of each job (default 2)
# A reduced run only checks that the script works: bench/cluster-benchmark.sh --jobs 2 --hidden 16 --epochs 1
# Needs PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres; override with PGURL=jdbc:postgresql://host:port/
# and PGHOST/PGPORT/PGUSER for psql), java, curl, psql and python3; MNIST is provisioned into data/datasets if missing.
# Each run gets a database of its own, dropped afterwards. Logs go to target/bench/cluster-<timestamp>/.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JOBS=8 WORKERS=1 HIDDEN=50 EPOCHS=2
while [ $# -gt 0 ]; do
  case "$1" in
    --jobs) JOBS=$2; shift ;;
    --workers) WORKERS=$2; shift ;;
    --hidden) HIDDEN=$2; shift ;;
    --epochs) EPOCHS=$2; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
PGURL=${PGURL:-jdbc:postgresql://127.0.0.1:5432/}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
OUT="$ROOT/target/bench/cluster-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
JOB="{\"hiddenSize\":$HIDDEN,\"epochs\":$EPOCHS,\"seed\":1}"
for tool in java curl psql python3; do
  command -v "$tool" > /dev/null || { echo "$tool is needed" >&2; exit 2; }
done
psql -q -d postgres -c "select 1" > /dev/null || { echo "PostgreSQL does not answer on $PGHOST:$PGPORT" >&2; exit 2; }

echo "[$(date +%T)] building the class path with the Maven wrapper"
./mvnw -B -ntp -q compile dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$ROOT/target/bench-cluster-classpath.txt" || exit 1
CP="$ROOT/target/classes:$(cat "$ROOT/target/bench-cluster-classpath.txt")"
if [ ! -d "$ROOT/data/datasets/mnist" ]; then
  echo "[$(date +%T)] provisioning MNIST into data/datasets"
  java -cp "$CP" io.digitnet.datasets.ProvisionDatasets --dir "$ROOT/data/datasets" || exit 1
fi

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])'; }

start_instance() { # name database port
  java -Xmx768m -cp "$CP" io.digitnet.DigitnetApplication --server.port="$3" --digitnet.mode=cluster \
    --digitnet.instance-id="$1" --spring.datasource.url="$PGURL$2" --spring.datasource.username="$PGUSER" \
    --digitnet.jobs.workers="$WORKERS" --digitnet.jobs.threads=1 --digitnet.jobs.queue-capacity=100 \
    --digitnet.datasets.dir="$ROOT/data/datasets" --digitnet.datasets.provision-at-startup=false --digitnet.grpc.port=0 \
    --digitnet.data-dir="$OUT/$2/$1" > "$OUT/$2-$1.log" 2>&1 &
  PIDS+=($!)
}

await_ready() { # port
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "http://localhost:$1/actuator/health/readiness" 2>/dev/null && return 0
    sleep 1
  done
  echo "instance on port $1 did not become ready" >&2
  exit 1
}

run() { # instances
  local db="digitnet_bench_$1_$$" ports=() ids=()
  psql -q -d postgres -c "create database $db" || exit 1
  for i in $(seq 1 "$1"); do
    ports+=("$(free_port)")
    start_instance "i$i" "$db" "${ports[-1]}"
  done
  for port in "${ports[@]}"; do await_ready "$port"; done
  local start end
  start=$(date +%s.%N)
  for j in $(seq 1 "$JOBS"); do
    port=${ports[$(( (j - 1) % $1 ))]}
    ids+=("$(curl -fsS -X POST "http://localhost:$port/jobs" -H 'Content-Type: application/json' -d "$JOB" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')")
  done
  for id in "${ids[@]}"; do
    while true; do
      status=$(curl -fsS "http://localhost:${ports[0]}/jobs/$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
      case "$status" in SUCCEEDED) break ;; FAILED|CANCELLED) echo "job $id $status" >&2; break ;; esac
      sleep 1
    done
  done
  end=$(date +%s.%N)
  local spread
  spread=$(curl -fsS "http://localhost:${ports[0]}/jobs?size=100" | python3 -c '
import collections, json, sys
counts = collections.Counter(j.get("instance") for j in json.load(sys.stdin)["content"])
print(" ".join(f"{name}={n}" for name, n in sorted(counts.items())))')
  python3 -c "s=$end-$start; print(f'| $1 | $JOBS | {s:.1f} | {$JOBS*60/s:.2f} | $spread |')" \
    | tee -a "$OUT/summary.txt"
  cleanup
  PIDS=()
  psql -q -d postgres -c "drop database if exists $db with (force)"
}

echo "| instances | jobs | seconds | jobs/min | jobs by instance |" > "$OUT/summary.txt"
echo "|---|---|---|---|---|" >> "$OUT/summary.txt"
echo "[$(date +%T)] one instance ($WORKERS worker(s)), jobs $JOB"
run 1
echo "[$(date +%T)] two instances ($WORKERS worker(s) each)"
run 2
echo "summary ($OUT/summary.txt; $JOBS jobs $JOB, $WORKERS worker(s) of 1 native thread per instance, $(nproc) cores):"
cat "$OUT/summary.txt"
