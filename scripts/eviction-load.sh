#!/usr/bin/env bash
# Benchmark of a large eviction: the packaged demo application on its own Redis, a tag of N entries (100,000 by
# default) written straight into Redis the way the cache writes them, then one PUT /products/{id}/name/{name} that
# evicts that tag, while wrk reads cached responses of /random/{0..199} (loopback only, bounded in time). Prints how
# long the PUT took, how many entries are left, and the readers' latency during the eviction next to a run without
# one. Needs redis-server, redis-cli, wrk, curl and python3; build the demo first
# (./mvnw -B -q -pl runtime,testing,deployment,integration-tests package -DskipTests).
#
#   scripts/eviction-load.sh [entries (100000)] [connections (16)]
set -euo pipefail
cd "$(dirname "$0")/.."

entries=${1:-100000}
connections=${2:-16}
jar=integration-tests/target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "build the demo first: $jar is missing" >&2; exit 1; }

. scripts/lib.sh

redis_port=$(free_port)
start_redis
start_app app

# N entries of the demo's products namespace, each a valid entry, all in the index of the tag product:999999
python3 - "$entries" >"$work/fill.resp" <<'PY'
import sys, time
n = int(sys.argv[1])
score = int(time.time() * 1000) + 600_000
def command(*parts):
    out = [b"*%d\r\n" % len(parts)]
    for part in parts:
        part = part if isinstance(part, bytes) else str(part).encode()
        out.append(b"$%d\r\n%s\r\n" % (len(part), part))
    return b"".join(out)
def base36(number):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, digit = divmod(number, 36)
        out = digits[digit] + out
    return out
expires = base36(score)
write = sys.stdout.buffer.write
for i in range(n):
    key = "response-cache:products:bulk-%d" % i
    body = b'{"id":999999,"name":"bulk","price":%d}' % i
    entry = b"RC2 200 " + expires.encode() + b" bulk%d %d\napplication/json\n\n" % (i, len(body)) + body
    write(command("SET", key, entry, "PX", 600_000))
    write(command("ZADD", "response-cache#tag:product:999999", score, key))
PY
redis-cli -p "$redis_port" --pipe <"$work/fill.resp" >/dev/null
echo "entries in the tag's index: $(redis-cli -p "$redis_port" ZCARD 'response-cache#tag:product:999999')"

wrk -t2 -c"$connections" -d3s -s scripts/redis-outage.lua "http://127.0.0.1:$app_port" >/dev/null
echo "readers without an eviction (wrk -t2 -c$connections -d8s, /random/{0..199}):"
wrk -t2 -c"$connections" -d8s -s scripts/redis-outage.lua "http://127.0.0.1:$app_port" | grep -E "X-Cache|latency"

echo "readers during the eviction of $entries entries:"
wrk -t2 -c"$connections" -d8s -s scripts/redis-outage.lua "http://127.0.0.1:$app_port" >"$work/wrk.out" &
wrk_pid=$!
sleep 1
curl -s -o /dev/null -X PUT -w "PUT evicting the tag: HTTP %{http_code} in %{time_total} s\n" \
  "http://127.0.0.1:$app_port/products/999999/name/renamed"
wait "$wrk_pid"
grep -E "X-Cache|latency" "$work/wrk.out"
left=0
for i in 0 1 $((entries / 2)) $((entries - 1)); do
  case "$(redis-cli -p "$redis_port" GETRANGE "response-cache:products:bulk-$i" 0 2)" in RC2) left=$((left + 1)) ;; esac
done
echo "sampled entries still stored (of 4): $left; members left in the index:" \
  "$(redis-cli -p "$redis_port" ZCARD 'response-cache#tag:product:999999')"
grep -h "responsecache" "$work/app.log" | grep -E "WARN|ERROR" | sed 's/^/  /' || true
