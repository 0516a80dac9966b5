# What the load scripts share: sourced, never run. Each script keeps the pids of what it started in redis_pid,
# cluster_pids and app_pid; cleanup stops them on any exit, including a failed command under `set -e`.

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Stops one process this script started, and waits for it. Never fails: a trap that failed half-way under `set -e`
# would leave the rest running.
stop_pid() {
  if [ -n "${1:-}" ]; then
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}

# Starts (or starts again) a throwaway redis-server on 127.0.0.1:$redis_port, without persistence, and waits for it.
start_redis() {
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
    >>"$work/redis.log" 2>&1 &
  redis_pid=$!
  until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do sleep 0.05; done
}

# Starts a throwaway Redis Cluster of three masters on 127.0.0.1, without persistence, and waits until it serves every
# slot; redis_port is one of its nodes, cluster_hosts the client's hosts. A node's bus port is its port + 10000, so the
# ports stay below 55536.
start_cluster() {
  local port nodes=()
  cluster_hosts=""
  for node in 0 1 2; do
    port=$(free_port)
    while [ "$port" -gt 55000 ]; do port=$(free_port); done
    mkdir -p "$work/node-$node"
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work/node-$node" \
      --cluster-enabled yes --cluster-config-file "$work/node-$node/nodes.conf" >>"$work/redis.log" 2>&1 &
    cluster_pids+=("$!")
    until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.05; done
    nodes+=("127.0.0.1:$port")
    cluster_hosts="$cluster_hosts${cluster_hosts:+,}redis://127.0.0.1:$port"
  done
  redis_port=$port
  redis-cli --cluster create "${nodes[@]}" --cluster-yes >>"$work/redis.log" 2>&1
  until redis-cli -p "$redis_port" CLUSTER INFO | grep -q 'cluster_state:ok'; do sleep 0.1; done
}

# Starts the packaged demo ($jar) on a free port (app_port) against the throwaway Redis, with any further java options
# given, logging to $work/<name>.log, and waits until it answers; a demo that dies meanwhile ends the script.
start_app() {
  local log="$work/$1.log"
  shift
  app_port=$(free_port)
  java -Dquarkus.http.port="$app_port" -Dquarkus.redis.hosts="redis://127.0.0.1:$redis_port" "$@" -jar "$jar" \
    >"$log" 2>&1 &
  app_pid=$!
  until curl -sf "http://127.0.0.1:$app_port/random/0" >/dev/null; do
    kill -0 "$app_pid" 2>/dev/null || { cat "$log" >&2; echo "the demo application did not start" >&2; exit 1; }
    sleep 0.2
  done
}

redis_pid=""
cluster_pids=()
app_pid=""
work=$(mktemp -d)
cleanup() {
  stop_pid "$app_pid"
  stop_pid "$redis_pid"
  for node_pid in "${cluster_pids[@]}"; do
    stop_pid "$node_pid"
  done
  rm -rf "$work"
}
trap cleanup EXIT
