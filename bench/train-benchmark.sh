#!/bin/bash
# Training benchmark: digitnet through its real API (POST /jobs -> SUCCEEDED, and the job's own seconds per epoch)
# against a numpy and a PyTorch two-layer network (bench/peers) and, when present, the fast ND4J peer of
# ../shared/peers, all with the same configuration, in one run. Prints one table (markdown) and the machine.
#
# Usage (from anywhere): bench/train-benchmark.sh [--quick] [--epochs N] [--rounds R] [--threads T]
#                                                 [--peers "numpy torch fast"]
#   --quick    3 epochs, one round (a smoke run)
#   --epochs   epochs of each s/epoch job and peer run (default 5; the median is over epochs 2..N)
#   --rounds   repeat the jobs and the peers R times, interleaved; the table shows medians (default 1)
#   --threads  BLAS threads for every implementation (default 1, digitnet's default)
# Needs Java 17 and python3. Peers: numpy (`apt-get install -y python3-numpy`) and PyTorch
# (`apt-get install -y python3-torch`); a peer that cannot run is reported as skipped. PyTorch is given OpenBLAS
# (Debian's libopenblas0-pthread, unpacked under target/bench/ when it is not installed), not the reference BLAS
# that the python3-torch package pulls in. MNIST is read from data/datasets/mnist (provisioned here if missing).
# Environment: JAVA_OPTS overrides the service's JVM options; PEERS_DIR the folder of the optional ND4J peer.
# Logs: target/bench/train-<timestamp>/ (summary.txt holds the table).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
EPOCHS=5 ROUNDS=1 THREADS=1 PEERS="numpy torch fast"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) EPOCHS=3; ROUNDS=1 ;;
    --epochs) EPOCHS=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --threads) THREADS=$2; shift ;;
    --peers) PEERS=$2; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
OUT="$ROOT/target/bench/train-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

# The service's JVM options: the same as the Dockerfile's JAVA_TOOL_OPTIONS and spring-boot:run's (pom.xml).
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -Dorg.bytedeco.javacpp.maxbytes=1G -Dorg.bytedeco.javacpp.maxphysicalbytes=2G"}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

echo "[$(date +%T)] building the service (./mvnw compile) and its classpath"
./mvnw -B -ntp -q -DskipTests compile dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$OUT/classpath.txt"
CP="$ROOT/target/classes:$(cat "$OUT/classpath.txt")"

if ! ls data/datasets/mnist/train-images-idx3-ubyte* > /dev/null 2>&1; then
  echo "[$(date +%T)] provisioning MNIST into data/datasets"
  java -cp "$CP" io.digitnet.datasets.ProvisionDatasets --dir "$ROOT/data/datasets"
fi

# PyTorch with OpenBLAS: Debian's python3-torch links libblas.so.3, the slow reference BLAS unless OpenBLAS is there
OPENBLAS=/usr/lib/x86_64-linux-gnu/openblas-pthread
if [ ! -e "$OPENBLAS/libblas.so.3" ]; then
  OPENBLAS="$ROOT/target/bench/openblas/usr/lib/x86_64-linux-gnu/openblas-pthread"
  if [ ! -e "$OPENBLAS/libblas.so.3" ] && command -v apt-get > /dev/null; then
    (mkdir -p "$ROOT/target/bench/debs" && cd "$ROOT/target/bench/debs" && apt-get download libopenblas0-pthread \
      && dpkg -x libopenblas0-pthread_*.deb "$ROOT/target/bench/openblas") > "$OUT/openblas.log" 2>&1 \
      || echo "  could not fetch OpenBLAS for PyTorch (see $OUT/openblas.log): it runs on the system's BLAS"
  fi
fi
[ -e "$OPENBLAS/libblas.so.3" ] && export TORCH_LD_LIBRARY_PATH="$OPENBLAS"

PEERS_DIR=${PEERS_DIR:-"$ROOT/../shared/peers"}
python3 "$ROOT/bench/train_benchmark.py" --classpath "$CP" --java-opts "$JAVA_OPTS" \
  --datasets "$ROOT/data/datasets" --out "$OUT" --epochs "$EPOCHS" --rounds "$ROUNDS" --threads "$THREADS" \
  --peers "$PEERS" --peers-dir "$PEERS_DIR" 2>&1 | tee "$OUT/run.log"
sed -n '/^Training benchmark,/,$p' "$OUT/run.log" > "$OUT/summary.txt"
