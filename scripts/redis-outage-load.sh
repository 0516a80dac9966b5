#!/usr/bin/env bash
# Load test of a Redis outage: the packaged demo application under a steady wrk load (loopback only, bounded in time)
# while its Redis is killed (SIGKILL) and, later, started again. Prints how many responses were not 2xx (the goal is
# 0), how many were hits, misses and bypasses, and the latency. Then a second phase, garbage under the indexes: every
# index key, the registry of namespaces and a lock per entry are overwritten with values of the wrong type and no
# TTL, and the entries deleted, under the same load; caching must resume by itself (about one miss per key). Needs redis-server and wrk (apt-get install -y
# redis-server wrk); builds the demo application if it is not built.
#
#   scripts/redis-outage-load.sh [duration-seconds (20)] [connections (32)]
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${1:-20}
connections=${2:-32}
kill_at=$((duration / 4))
restart_at=$((duration * 3 / 5))
jar=integration-tests/target/quarkus-app/quarkus-run.jar

. scripts/lib.sh

[ -f "$jar" ] || ./mvnw -B -q package -DskipTests -pl runtime,testing,deployment,integration-tests

redis_port=$(free_port)
start_redis
start_app app
# warm up: fill the entries and the JIT before measuring
wrk -t2 -c"$connections" -d3s -s scripts/redis-outage.lua "http://127.0.0.1:$app_port" >/dev/null

echo "wrk -t2 -c$connections -d${duration}s on /random/{0..199}: Redis killed at ${kill_at}s, restarted at ${restart_at}s"
wrk -t2 -c"$connections" -d"${duration}s" --timeout 5s -s scripts/redis-outage.lua \
  "http://127.0.0.1:$app_port" >"$work/wrk.out" &
wrk_pid=$!
sleep "$kill_at"
kill -9 "$redis_pid"; wait "$redis_pid" 2>/dev/null || true; redis_pid=""
echo "$(date +%T) Redis killed"
sleep $((restart_at - kill_at))
start_redis
echo "$(date +%T) Redis restarted (empty)"
wait "$wrk_pid"
cat "$work/wrk.out"
grep -q "non-2xx: 0," "$work/wrk.out"

echo "garbage under the indexes: wrk -t2 -c$connections -d10s, the garbage written at 2s"
wrk -t2 -c"$connections" -d10s --timeout 5s -s scripts/redis-outage.lua \
  "http://127.0.0.1:$app_port" >"$work/wrk-garbage.out" &
wrk_pid=$!
sleep 2
{
  for key in $(redis-cli -p "$redis_port" --scan --pattern 'response-cache#*'); do
    echo "DEL $key"; echo "HSET $key garbage 1"
  done
  for key in $(redis-cli -p "$redis_port" --scan --pattern 'response-cache:*'); do
    echo "DEL $key"; echo "RPUSH $key:lock garbage"
  done
  echo "DEL response-cache#namespaces"; echo "SET response-cache#namespaces garbage"
} >"$work/garbage.txt"
redis-cli -p "$redis_port" <"$work/garbage.txt" >/dev/null
echo "$(date +%T) garbage written: $(($(wc -l <"$work/garbage.txt") / 2)) keys"
wait "$wrk_pid"
cat "$work/wrk-garbage.out"
index_types=$(for key in $(redis-cli -p "$redis_port" --scan --pattern 'response-cache#ns*'); do
  redis-cli -p "$redis_port" TYPE "$key"; done | sort | uniq -c | tr '\n' ' ')
echo "namespace index keys by type afterwards: $index_types"
echo "application log, response cache lines:"
grep -h "responsecache" "$work/app.log" | sed 's/^/  /' || true
grep -q "non-2xx: 0," "$work/wrk-garbage.out"
# bounded: about one miss per key of the 200 (the garbage replaced them all), then hits again
read -r hits misses < <(sed -n 's/^X-Cache HIT: \([0-9]*\), MISS: \([0-9]*\).*/\1 \2/p' "$work/wrk-garbage.out")
echo "garbage phase: $misses misses for 200 keys, $hits hits"
[ "$misses" -le 400 ] && [ "$hits" -gt "$misses" ]
