#!/usr/bin/env bash
# Latency of stale-while-revalidate under load, on the packaged demo application and a throwaway Redis, both on
# loopback: three runs of wrk on /expensive/{0..49} (300 ms per computation).
#   hits:       entries fresh for 600 s, so every response after the warm-up is a fresh hit
#   background: entries fresh for 1 s, then stale for 600 s, refreshed in the background (the default)
#   in-request: the same, with quarkus.response-cache.background-refresh.enabled=false
# Usage: scripts/stale-load.sh [seconds per run] [connections]   (defaults 10 and 16)
# Needs the packaged demo: ./mvnw -B -q package -DskipTests -pl runtime,testing,deployment,integration-tests
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${1:-10}
connections=${2:-16}
jar=integration-tests/target/quarkus-app/quarkus-run.jar
endpoint='quarkus.response-cache.endpoint."ExpensiveResource.compute"'

. scripts/lib.sh

stop_app() {
  stop_pid "$app_pid"
  app_pid=""
}

[ -f "$jar" ] || { echo "package the demo first: ./mvnw -B -q package -DskipTests" >&2; exit 1; }

redis_port=$(free_port)
start_redis

run() {
  local name=$1
  shift
  redis-cli -p "$redis_port" flushall >/dev/null
  # store timeouts with room for a machine busy with other work: a lookup that times out is a bypass, not a hit
  start_app "app-$name" -Dquarkus.response-cache.lookup-timeout=1s -Dquarkus.response-cache.write-timeout=2s "$@"
  # warm-up: every key stored (each answered from the store once), then the JIT warmed by a short run
  for id in $(seq 0 49); do
    until curl -sf -D - -o /dev/null "http://127.0.0.1:$app_port/expensive/$id" | grep -q '^X-Cache: HIT'; do
      sleep 0.1
    done
  done
  wrk -t2 -c"$connections" -d5s -s scripts/stale-load.lua "http://127.0.0.1:$app_port" >/dev/null
  echo "== $name: wrk -t2 -c$connections -d${duration}s on /expensive/{0..49}"
  wrk -t2 -c"$connections" -d"${duration}s" --timeout 5s -s scripts/stale-load.lua "http://127.0.0.1:$app_port"
  stop_app
}

run hits "-D$endpoint.expire=600s"
run background "-D$endpoint.expire=1s" "-D$endpoint.stale-while-revalidate=600s"
run in-request "-D$endpoint.expire=1s" "-D$endpoint.stale-while-revalidate=600s" \
  -Dquarkus.response-cache.background-refresh.enabled=false
