#!/usr/bin/env bash
# Issue 4 benchmark: GET /api/v1/assets/{symbol} with JWT authentication + Redis rate limiting + OpenAPI validation
# against GET /health/live on the same server in the same run (wrk, 2 threads, 32 connections, alternating rounds).
# Usage: [TIER=professional|enterprise] bench/api-load.sh [seconds per round] [rounds]   (needs wrk: apt-get install wrk)
# professional: the rate limiter takes a token from Redis on every request; enterprise: unlimited, no limiter call.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-15}
ROUNDS=${2:-3}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
LOG=$(mktemp)
"$JAVA_HOME/bin/java" -Xmx1g -cp bench/target/benchmarks.jar io.rwaprime.bench.ApiLoadServer 18080 2 "${TIER:-professional}" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do grep -q '^TOKEN=' "$LOG" && break; sleep 1; done
grep '^LOGIN' "$LOG"
TOKEN=$(sed -n 's/^TOKEN=//p' "$LOG")
for r in $(seq 1 "$ROUNDS"); do
  for target in live asset; do
    if [ $target = live ]; then
      out=$(wrk -t2 -c32 -d"${SECS}s" --latency http://127.0.0.1:18080/health/live)
    else
      out=$(wrk -t2 -c32 -d"${SECS}s" --latency -H "Authorization: Bearer $TOKEN" http://127.0.0.1:18080/api/v1/assets/PAXG)
    fi
    rps=$(echo "$out" | sed -n 's/^Requests\/sec: *//p')
    p99=$(echo "$out" | awk '$1=="99%"{print $2}')
    non2xx=$(echo "$out" | sed -n 's/.*Non-2xx or 3xx responses: *//p')
    echo "round=$r target=$target req_per_s=$rps p99=$p99 non2xx=${non2xx:-0}"
  done
done
