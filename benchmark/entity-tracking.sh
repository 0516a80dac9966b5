#!/usr/bin/env bash
# What entity tracking (Hibernate ORM) costs, measured on the packaged demo application and its library:
#   - a miss of an endpoint that reads 20 books: /books/page (tracked) against /books/page-untracked (the same
#     query, @ResponseCache(trackEntities = false)), every request a miss that stores (Cache-Control: no-cache);
#   - a write of one book (PUT /books/1): with the cache on (its commit evicts the book's tags) against the same
#     application started with quarkus.response-cache.enabled=false.
#
#   benchmark/entity-tracking.sh              build the demo, then measure (about 3 minutes on 2 cores)
#   benchmark/entity-tracking.sh --no-build   reuse the last build
#
# It starts its own redis-server and the demo on free loopback ports, runs wrk against 127.0.0.1 only, and stops both
# when it ends. Results: benchmark/target/entity-tracking/results.md. Settings: BENCH_DURATION (10s), BENCH_RUNS (3).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=benchmark/lib.sh
source "$here/lib.sh"
out="$here/target/entity-tracking"
duration="${BENCH_DURATION:-10s}"
runs="${BENCH_RUNS:-3}"
jar="$root/integration-tests/target/quarkus-app/quarkus-run.jar"

if [[ "${1:-}" != "--no-build" ]]; then
    (cd "$root" && ./mvnw -B -q install -DskipTests)
fi
for tool in redis-server wrk curl; do
    command -v "$tool" >/dev/null || { echo "$tool is needed (Debian: apt-get install redis-server wrk curl)" >&2; exit 2; }
done
mkdir -p "$out"
rm -f "$out"/*.txt "$out"/*.log

pids=()
cleanup() { for pid in "${pids[@]}"; do stop_pid "$pid"; done; }
trap cleanup EXIT

redis_port="$(free_port)"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$out/redis.log" 2>&1 &
pids+=($!)

start_demo() { # $1: port, $2...: -D options
    local port="$1"
    shift
    java -Dquarkus.http.port="$port" -Dquarkus.redis.hosts="redis://127.0.0.1:$redis_port" "$@" -jar "$jar" \
        >"$out/demo-$port.log" 2>&1 &
    pids+=($!)
    await 300 0.1 "$!" curl -fs -o /dev/null "http://127.0.0.1:$port/books/count" || {
        echo "the demo on port $port did not start; see $out/demo-$port.log" >&2
        exit 1
    }
}

seed() { # 25 books in the instance's own in-memory database
    for i in $(seq 1 25); do
        curl -fs -H 'Content-Type: application/json' -d "{\"title\":\"book $i\",\"price\":$i}" "$1/books" >/dev/null
    done
}

port="$(free_port)"
start_demo "$port"
base="http://127.0.0.1:$port"
seed "$base"

cat >"$out/put.lua" <<'LUA'
wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, nil, nil, '{"title":"renamed ' .. counter .. '","price":7}')
end
LUA

rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
p50() { awk '/50%/ {print $2}' "$1"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# warm-up, then interleaved runs; 4 connections: the load stays below what saturates the two cores
# the JIT takes long to settle on these paths: four rounds of each before measuring
for round in 1 2 3 4; do
    for path in /books/page /books/page-untracked; do
        wrk -t1 -c4 -d5s -H 'Cache-Control: no-cache' "$base$path" >/dev/null
    done
done
wrk -t1 -c1 -d5s -s "$out/put.lua" "$base/books/1" >/dev/null
for run in $(seq 1 "$runs"); do
    for path in page page-untracked; do
        wrk -t1 -c4 -d"$duration" -H 'Cache-Control: no-cache' "$base/books/$path" >"$out/miss-$path-$run.txt"
    done
    wrk -t1 -c1 -d"$duration" --latency -s "$out/put.lua" "$base/books/1" >"$out/write-on-$run.txt"
done

off_port="$(free_port)"
start_demo "$off_port" -Dquarkus.response-cache.enabled=false
off="http://127.0.0.1:$off_port"
seed "$off"
wrk -t1 -c1 -d5s -s "$out/put.lua" "$off/books/1" >/dev/null
for run in $(seq 1 "$runs"); do
    wrk -t1 -c1 -d"$duration" --latency -s "$out/put.lua" "$off/books/1" >"$out/write-off-$run.txt"
done

tracked="$(for f in "$out"/miss-page-[0-9]*.txt; do rate "$f"; done | median)"
untracked="$(for f in "$out"/miss-page-untracked-*.txt; do rate "$f"; done | median)"
write_on="$(for f in "$out"/write-on-*.txt; do p50 "$f"; done | sed 's/ms$//;s/us$/e-3/' | median)"
write_off="$(for f in "$out"/write-off-*.txt; do p50 "$f"; done | sed 's/ms$//;s/us$/e-3/' | median)"
{
    echo "| measure | value |"
    echo "|---|---|"
    echo "| non-2xx responses (must be none) | $(cat "$out"/miss-*.txt "$out"/write-*.txt | grep -c 'Non-2xx' || true) |"
    echo "| miss reading 20 books, tracked (req/s, median of $runs) | $tracked |"
    echo "| same miss, untracked (req/s) | $untracked |"
    echo "| tracked / untracked | $(awk -v a="$tracked" -v b="$untracked" 'BEGIN {printf "%.3f", a / b}') |"
    echo "| write of one book, p50 latency with tracking (ms) | $write_on |"
    echo "| same write, cache off (ms) | $write_off |"
    echo "| added by tracking (ms) | $(awk -v a="$write_on" -v b="$write_off" 'BEGIN {printf "%.3f", a - b}') |"
} | tee "$out/results.md"
