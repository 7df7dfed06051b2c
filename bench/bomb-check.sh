#!/usr/bin/env bash
# Decompression bombs and huge images (issue 9, item 2): how fast each is refused and what it costs the service.
#
#   bench/bomb-check.sh              build, start the service, send each payload alone then four at once
#   bench/bomb-check.sh --no-build   reuse target/classes and target/bench/bomb-classpath.txt
#
# Payloads (made by bench/bomb_check.py, in memory):
#   npz   POST /models: a ~1 MB .npz whose W1.npy declares (784, 342392) float32 and inflates to 1 GiB of zeros
#   zip   POST /datasets: a ~1 MB zip of image folders whose train/0/a.png inflates to 1 GiB of zeros
#   png   POST /predict/image: a ~10 KB PNG whose header declares 100000×100000 pixels (gray, 8 bits)
# Prints, per payload and for four at once: the status and the time to the answer (slowest of the four), the
# service's RSS before, after and at its peak (VmRSS from /proc sampled every 5 ms) and the load average.
# Environment: JAVA_OPTS replaces the service's JVM options (default: the README's "Memory" section).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=1
[ "${1:-}" = "--no-build" ] && BUILD=0
mkdir -p target/bench
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -Dorg.bytedeco.javacpp.maxbytes=1G -Dorg.bytedeco.javacpp.maxphysicalbytes=2G"}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

if [ "$BUILD" = 1 ] || [ ! -s target/bench/bomb-classpath.txt ]; then
  echo "[$(date +%T)] building the service (./mvnw compile) and its classpath"
  ./mvnw -B -ntp -q -DskipTests compile dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$ROOT/target/bench/bomb-classpath.txt"
fi
CP="$ROOT/target/classes:$(cat target/bench/bomb-classpath.txt)"
exec python3 bench/bomb_check.py --classpath "$CP" --java-opts "$JAVA_OPTS"
