#!/usr/bin/env bash
# Issue 5 benchmark: the fanout's SockJS bridge and /api/v1/stream against an unbatched raw WebSocket broadcast of the
# same ticks, N clients each, every scenario against a fresh server JVM (io.rwaprime.bench.fanout.FanoutLoad).
# Usage: bench/fanout-load.sh [--clients 1000,5000,10000] [--rate 1000] [--warmup 5] [--seconds 15]
#                             [--scenarios fanout-sockjs,fanout-stream,baseline-raw-broadcast] [--addresses 8]
#                             [--server-jvm "-Xmx2g"]
# Prints a progress log, then one markdown table and the fanout/baseline ratios. Builds the jar first when a source
# of bench or of the fanout is newer than it.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=bench/target/benchmarks.jar
if [ ! -f "$JAR" ] || [ -n "$(find bench/src bench/pom.xml verticles/fanout/src -newer "$JAR" -print -quit)" ]; then
  mvn -o -q -pl bench -am package -DskipTests
fi
# 10 k clients are 10 k sockets in this process and 10 k in the server's (the SockJS bridge holds more per client)
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "open files per process: $(ulimit -n); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "$JAR" io.rwaprime.bench.fanout.FanoutLoad "$@"
