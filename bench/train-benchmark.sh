#!/bin/bash
# Training benchmark on the real MNIST: digitnet and, side by side in the same run, the peers of ../shared/peers
# (numpy, PyTorch, DL4J MultiLayerNetwork, hand-written ND4J plain and fast), all with the same thread count.
#
# Usage (from anywhere): bench/train-benchmark.sh [--quick] [--epochs N] [--threads T] [--rounds R]
#                                                   [--peers "torch numpy fast hand dl4j" | --no-peers]
#   --quick    3 epochs, peers torch/numpy/fast only (a smoke run of a few minutes)
#   --epochs   epochs per speed configuration (default 5; s/epoch is the median over epochs 2..N)
#   --threads  BLAS/OpenMP threads for every implementation (default 1)
#   --rounds   repeat the whole set R times, interleaved, to see the noise of a shared machine (default 1)
# Needs data/datasets/mnist/ (provisioned by ./mvnw test or ProvisionDatasets). The PyTorch peer needs
# `apt-get install -y python3-torch`; a peer that cannot run is reported as skipped.
# Logs go to target/bench/<timestamp>/; the last lines are the summary (bench/summarize.py).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
EPOCHS=5 THREADS=1 ROUNDS=1 QUICK=0 PEERS="torch numpy fast hand dl4j"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1; EPOCHS=3; PEERS="torch numpy fast" ;;
    --epochs) EPOCHS=$2; shift ;;
    --threads) THREADS=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --peers) PEERS=$2; shift ;;
    --no-peers) PEERS="" ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
OUT="$ROOT/target/bench/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
DATA="$ROOT/data/datasets/mnist"

echo "[$(date +%T)] building the test classpath with the Maven wrapper"
./mvnw -B -ntp -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$ROOT/target/bench-classpath.txt" || exit 1
CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/bench-classpath.txt")"

# the peers read raw IDX files from MNIST_DIR: use ours, or gunzip them into the log folder
MNIST_RAW="$DATA"
if [ ! -f "$DATA/train-images-idx3-ubyte" ]; then
  MNIST_RAW="$OUT/mnist"; mkdir -p "$MNIST_RAW"
  for f in "$DATA"/*.gz; do gunzip -c "$f" > "$MNIST_RAW/$(basename "$f" .gz)"; done
fi

PEERS_DIR=""
if [ -n "$PEERS" ] && [ -d "$ROOT/../shared/peers" ]; then
  # the peer scripts write results and unpack OpenBLAS beside themselves: run a copy
  PEERS_TMP="$(mktemp -d)"
  trap 'rm -rf "$PEERS_TMP"' EXIT
  PEERS_DIR="$PEERS_TMP/peers"
  cp -r "$ROOT/../shared/peers" "$PEERS_DIR"
  rm -rf "$PEERS_DIR/results"
elif [ -n "$PEERS" ]; then
  echo "no ../shared/peers next to the repository: peers skipped"; PEERS=""
fi

SPECS="50:sigmoid:f32:ep$EPOCHS 100:sigmoid:f32:ep$EPOCHS 100:relu:f32:ep$EPOCHS"
export OPENBLAS_NUM_THREADS=$THREADS OMP_NUM_THREADS=$THREADS MNIST_DIR="$MNIST_RAW"

run() { # name command...
  local name=$1; shift
  echo "[$(date +%T)] $name (load $(cut -d' ' -f1 /proc/loadavg))"
  "$@" > "$OUT/$name.log" 2>&1 || echo "  $name failed or was skipped (exit $?): see $OUT/$name.log"
}

ours() {
  local q=""; [ "$QUICK" = 1 ] && q="--quick"
  /usr/bin/time -f "PROCESS wall_s=%e maxrss_kb=%M" java -Xms256m -Xmx1g -cp "$CP" io.digitnet.bench.TrainBenchmark \
    --epochs "$EPOCHS" --threads "$THREADS" --data "$DATA" $q
}

peer() { # round name
  local r=$1 p=$2
  case "$p" in
    torch)
      if /usr/bin/python3 -c "import torch" 2>/dev/null; then
        run "r${r}_torch" "$PEERS_DIR/run_torch.sh" --tag bench --threads "$THREADS" --config $SPECS
      else echo "  torch skipped: /usr/bin/python3 has no torch (apt-get install -y python3-torch)"; fi ;;
    numpy) run "r${r}_numpy" "$PEERS_DIR/run_numpy.sh" --tag bench --config $SPECS ;;
    fast) run "r${r}_fast" "$PEERS_DIR/java/run_java.sh" FastNd4jPeer -- --tag bench $SPECS ;;
    hand) run "r${r}_hand" "$PEERS_DIR/java/run_java.sh" HandNd4jPeer -Dvariant=inplace -Dmm=gemm -- --tag bench $SPECS ;;
    dl4j) run "r${r}_dl4j" "$PEERS_DIR/java/run_java.sh" Dl4jPeer -- --tag bench $SPECS ;;
    *) echo "unknown peer $p" >&2 ;;
  esac
}

if [ -n "$PEERS_DIR" ] && echo "$PEERS" | grep -qE "fast|hand|dl4j"; then
  echo "[$(date +%T)] building the Java peers"
  "$PEERS_DIR/java/build.sh" > "$OUT/peers-build.log" 2>&1 || echo "  Java peers' build failed: see $OUT/peers-build.log"
fi

for r in $(seq 1 "$ROUNDS"); do
  run "r${r}_digitnet" ours
  # the readable report only: not the JSON lines nor ND4J's start-up log
  grep -vE '^(INFO|RESULT) | INFO |^ *(GCC|STD version|DEFAULT_ENGINE|HAVE_)' "$OUT/r${r}_digitnet.log" | sed 's/^/  /'
  for p in $PEERS; do peer "$r" "$p"; done
done

python3 "$ROOT/bench/summarize.py" "$OUT" | tee "$OUT/summary.txt"
