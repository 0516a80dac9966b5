#!/usr/bin/env bash
# Benchmark of a large eviction: the packaged demo application on its own Redis, a tag of N entries (100,000 by
# default) written straight into Redis the way the cache writes them, then one PUT /products/{id}/name/{name} that
# evicts that tag, while wrk reads cached responses of /random/{0..199} (loopback only, bounded in time). Prints how
# long the PUT took, how many entries are left, and the readers' latency during the eviction next to a run without
# one. With --cluster, on a Redis Cluster of three masters instead of a single Redis. Needs redis-server, redis-cli,
# wrk, curl and python3; build the demo first
# (./mvnw -B -q -pl runtime,testing,deployment,integration-tests package -DskipTests).
#
#   scripts/eviction-load.sh [--cluster] [entries (100000)] [connections (16)]
set -euo pipefail
cd "$(dirname "$0")/.."

cluster=""
if [ "${1:-}" = "--cluster" ]; then
  cluster=yes
  shift
fi
entries=${1:-100000}
connections=${2:-16}
jar=integration-tests/target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "build the demo first: $jar is missing" >&2; exit 1; }

. scripts/lib.sh

if [ -n "$cluster" ]; then
  start_cluster
  start_app app -Dquarkus.redis.client-type=cluster -Dquarkus.redis.hosts="$cluster_hosts"
  redis-cli -p "$redis_port" CLUSTER NODES >"$work/nodes.txt"
else
  redis_port=$(free_port)
  start_redis
  start_app app
  echo "- 127.0.0.1:$redis_port@0 master - 0 0 0 connected 0-16383" >"$work/nodes.txt"
fi

# N entries of the demo's products namespace, each a valid entry, all in the index of the tag product:999999
# (on a cluster each command goes to the master of its key's slot, since redis-cli --pipe follows no redirection)
python3 - "$entries" "$work" <<'PY'
import sys, time
n, work = int(sys.argv[1]), sys.argv[2]
score = int(time.time() * 1000) + 600_000
def crc16(data):
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021 if crc & 0x8000 else crc << 1) & 0xFFFF
    return crc
masters = []  # (first slot, last slot, port), from CLUSTER NODES
for line in open(work + "/nodes.txt"):
    fields = line.split()
    if "master" in fields[2].split(","):
        port = fields[1].split("@")[0].rsplit(":", 1)[1]
        for served in fields[8:]:
            if not served.startswith("["):
                first, _, last = served.partition("-")
                masters.append((int(first), int(last or first), port))
outputs = {}
def out(key):
    slot = crc16(key.encode()) % 16384  # no key here has a hash tag
    port = next(port for first, last, port in masters if first <= slot <= last)
    if port not in outputs:
        outputs[port] = open("%s/fill-%s.resp" % (work, port), "wb")
    return outputs[port]
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
index = "response-cache#tag:product:999999"
for i in range(n):
    key = "response-cache:products:bulk-%d" % i
    body = b'{"id":999999,"name":"bulk","price":%d}' % i
    entry = b"RC2 200 " + expires.encode() + b" bulk%d %d\napplication/json\n\n" % (i, len(body)) + body
    out(key).write(command("SET", key, entry, "PX", 600_000))
    out(index).write(command("ZADD", index, score, key))
for output in outputs.values():
    output.close()
PY
for fill in "$work"/fill-*.resp; do
  port=${fill##*/fill-}
  redis-cli -p "${port%.resp}" --pipe <"$fill" >/dev/null
done
echo "entries in the tag's index: $(redis-cli -c -p "$redis_port" ZCARD 'response-cache#tag:product:999999')"

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
  case "$(redis-cli -c -p "$redis_port" GETRANGE "response-cache:products:bulk-$i" 0 2)" in RC2) left=$((left + 1)) ;; esac
done
echo "sampled entries still stored (of 4): $left; members left in the index:" \
  "$(redis-cli -c -p "$redis_port" ZCARD 'response-cache#tag:product:999999')"
grep -h "responsecache" "$work/app.log" | grep -E "WARN|ERROR" | sed 's/^/  /' || true
