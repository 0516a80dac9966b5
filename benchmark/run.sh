#!/usr/bin/env bash
# Load benchmark of the response cache, plus JMH benchmarks of a hit's own work.
#
#   benchmark/run.sh              build, measure, print the table (about 9 minutes on 2 cores)
#   benchmark/run.sh --quick      a smoke run: 1 short wrk run per endpoint, short JMH
#   benchmark/run.sh --no-jmh     the load benchmark only
#   benchmark/run.sh --jmh-only   the JMH benchmarks only
#   benchmark/run.sh --no-build   reuse the last build
#
# It starts its own redis-server, the packaged benchmark application (three times: as it is, with the near cache, and
# built with quarkus.http.enable-compression) and, when Debian's nginx is installed, an nginx proxy_cache in front of
# the near-cache application, all on free loopback ports; runs wrk against 127.0.0.1 only, and stops them all when it
# ends. Results: benchmark/target/benchmark-results/ (results.md, results.csv, jmh-results.csv, benchmark.png, and
# every tool's raw output).
#
# Settings (environment): BENCH_THREADS (1), BENCH_CONNECTIONS (32), BENCH_DURATION (5s), BENCH_RUNS (3),
# BENCH_WARMUP (2s), BENCH_ROWS (a space-separated subset of the rows, e.g. "near.response-cache-hit nginx.plain"),
# BENCH_JMH_ARGS (JMH options, default "-f 1 -wi 2 -w 1s -i 3 -r 1s").
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=benchmark/lib.sh
source "$here/lib.sh"
out="$here/target/benchmark-results"

threads="${BENCH_THREADS:-1}"
connections="${BENCH_CONNECTIONS:-32}"
duration="${BENCH_DURATION:-5s}"
runs="${BENCH_RUNS:-3}"
warmup="${BENCH_WARMUP:-2s}"
jmh_args="${BENCH_JMH_ARGS:--f 1 -wi 2 -w 1s -i 3 -r 1s}"
load=true
jmh=true
build=true

for arg in "$@"; do
    case "$arg" in
        --quick)
            duration="${BENCH_DURATION:-3s}"
            runs="${BENCH_RUNS:-1}"
            warmup="${BENCH_WARMUP:-2s}"
            jmh_args="${BENCH_JMH_ARGS:--f 1 -wi 1 -w 1s -i 2 -r 1s}"
            ;;
        --no-jmh) jmh=false ;;
        --jmh-only) load=false ;;
        --no-build) build=false ;;
        *) help_or_unknown "$arg" ;;
    esac
done

# The order of the table; run.sh measures them interleaved, one run of each in turn.
endpoints=(plain redis-get response-cache-hit cacheresult-hit cacheresult-uni-hit expensive-uncached expensive-cached
    plain-64k redis-get-64k redis-get-64k-buffer response-cache-hit-64k)
# The same application started a second time with the near cache on, against the same Redis: its rows are named
# near.<endpoint>, and compare a near-cache hit with the uncached endpoint of the same process. bare-route is a Vert.x
# route of that process answering the same bytes without Quarkus REST: the ceiling of anything the application answers.
near_endpoints=(near.plain near.response-cache-hit near.plain-64k near.response-cache-hit-64k near.bare-route
    near.bare-route-64k)
# nginx proxy_cache in front of the near-cache application: nginx.<endpoint> is a cache hit of nginx for <endpoint>.
nginx_endpoints=(nginx.plain nginx.plain-64k)
# The application built with quarkus.http.enable-compression, every request with Accept-Encoding: gzip: a hit that
# sends the entry's stored gzip form, and the same hit compressed per request (as every hit was before entries kept
# that form); then nginx serving the same 64 KiB as a precompressed file (gzip_static).
gzip_endpoints=(gzip.response-cache-hit-json-64k gzip.recompressed-json-64k)
nginx_gzip_endpoints=(nginx.gzip-static-json-64k)

# --- tools: install from the distribution only what is missing

need_packages=()
command -v java > /dev/null || need_packages+=(openjdk-17-jdk-headless)
command -v curl > /dev/null || need_packages+=(curl)
if $load; then
    command -v wrk > /dev/null || need_packages+=(wrk)
    command -v redis-server > /dev/null || need_packages+=(redis-server)
    command -v redis-cli > /dev/null || need_packages+=(redis-tools)
fi
if ((${#need_packages[@]} > 0)); then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get > /dev/null; then
        log "installing ${need_packages[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" > /dev/null
    else
        echo "missing: ${need_packages[*]} (install them, e.g. with apt-get)" >&2
        exit 1
    fi
fi

# --- build: the extension and the benchmark module in one reactor, nothing installed

if $build; then
    log "building the extension and the benchmark module"
    mkdir -p "$here/target"
    build_log="$here/target/build.log"
    quietly "$build_log" ./mvnw -B -q -Pbenchmark -pl benchmark -am package -DskipTests
    # quarkus.http.enable-compression is fixed at build time: the compressing application is a build of its own
    log "building the benchmark application with quarkus.http.enable-compression=true"
    quietly "$build_log" ./mvnw -B -q -Pbenchmark -pl benchmark -am package -DskipTests \
        -Dquarkus.http.enable-compression=true -Dquarkus.package.output-directory=gzip-build
fi
app_jar="$here/target/quarkus-app/quarkus-run.jar"
gzip_app_jar="$here/target/gzip-build/quarkus-run.jar"
tools_cp="$here/target/test-classes:$(cat "$here/target/tools-classpath.txt")"
[[ -f $app_jar ]] || {
    echo "no $app_jar: run without --no-build" >&2
    exit 1
}

rm -rf "$out"
mkdir -p "$out/raw"

# --- what is started here is stopped here, by pid

redis_pid=""
app_pid=""
near_app_pid=""
gzip_app_pid=""
nginx_pid=""
stop() {
    local pid
    for pid in "$nginx_pid" "$app_pid" "$near_app_pid" "$gzip_app_pid" "$redis_pid"; do
        stop_pid "$pid"
    done
    app_pid=""
    near_app_pid=""
    gzip_app_pid=""
    nginx_pid=""
    redis_pid=""
}
trap stop EXIT
trap 'exit 130' INT TERM

# Starts the benchmark application against the benchmark's Redis and waits until it answers. $1 and $2 name the
# variables that get its pid (app_pid or near_app_pid, which stop() stops, set before anything can fail) and its base
# URL; $3 names its log; $4 says what it is in messages; $5 is its jar; the rest are java options.
start_app() {
    local pid_variable=$1 base_variable=$2 name=$3 what=$4 jar=$5 port url
    shift 5
    port=$(free_port)
    url="http://127.0.0.1:$port/bench"
    log "starting the benchmark application ${what}on 127.0.0.1:$port"
    java -Xms1g -Xmx1g \
        -Dquarkus.http.port="$port" -Dquarkus.redis.hosts="redis://127.0.0.1:$redis_port" \
        -Dquarkus.redis.quarkus-cache.hosts="redis://127.0.0.1:$redis_port" \
        "$@" -jar "$jar" > "$out/$name.log" 2>&1 &
    printf -v "$pid_variable" '%s' "$!"
    printf -v "$base_variable" '%s' "$url"
    await 150 0.2 "${!pid_variable}" curl -sf -o /dev/null "$url/plain" || {
        cat "$out/$name.log" >&2
        echo "the application ${what}did not start" >&2
        exit 1
    }
}

# a row's application and URL: near.<endpoint> is <endpoint> of the application with the near cache, nginx.<endpoint>
# the same through nginx, gzip.<endpoint> of the application built with compression on
base_of() {
    case "$1" in
        near.* | nginx.*) echo "$near_base" ;;
        gzip.*) echo "$gzip_base" ;;
        *) echo "$base" ;;
    esac
}
url_of() {
    case "$1" in
        nginx.gzip-static-*) echo "$nginx_url/static/${1#nginx.gzip-static-}.json" ;;
        nginx.*) echo "$nginx_url/bench/${1#nginx.}" ;;
        *) echo "$(base_of "$1")/${1#*.}" ;;
    esac
}
# the request header of a row's requests
headers_of() {
    case "$1" in
        gzip.* | nginx.gzip-*) echo "Accept-Encoding: gzip" ;;
        *) echo "X-Bench: 1" ;;
    esac
}

# nginx (Debian's package) with proxy_cache in front of the near-cache application, as one would put it there: 2
# workers, keepalive to the application, hits from a disk cache in the page cache, no access log. It also serves the
# 64 KiB JSON body as a precompressed file (gzip_static).
start_nginx() {
    local dir="$out/nginx" port upstream
    port=$(free_port)
    upstream=${near_base#http://}
    upstream=${upstream%/bench}
    mkdir -p "$dir/cache" "$dir/tmp" "$dir/www/static"
    curl -sf "$near_base/json-64k" > "$dir/www/static/json-64k.json"
    gzip -6 -k -n -f "$dir/www/static/json-64k.json"
    cat > "$dir/nginx.conf" << CONF
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    default_type application/json;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    proxy_cache_path $dir/cache levels=1:2 keys_zone=bench:10m max_size=256m inactive=60m use_temp_path=off;
    upstream app {
        server $upstream;
        keepalive 32;
    }
    server {
        listen 127.0.0.1:$port;
        location /bench/ {
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_cache bench;
            proxy_cache_valid 200 10m;
            proxy_cache_lock on;
            add_header X-Nginx-Cache \$upstream_cache_status;
        }
        location /static/ {
            root $dir/www;
            gzip_static on;
        }
    }
}
CONF
    log "starting nginx (proxy_cache in front of the near-cache application) on 127.0.0.1:$port"
    nginx -c "$dir/nginx.conf" -p "$dir" -g 'daemon off;' > "$dir/nginx.out" 2>&1 &
    nginx_pid=$!
    nginx_url="http://127.0.0.1:$port"
    await 50 0.1 "$nginx_pid" curl -sf -o /dev/null "$nginx_url/bench/plain" || {
        cat "$dir/nginx.out" "$dir/error.log" >&2
        echo "nginx did not start" >&2
        exit 1
    }
}

machine_cpus=$(nproc)
machine_cpu=$(grep -m1 'model name' /proc/cpuinfo 2> /dev/null | sed 's/.*: //' || true)
machine_mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo 2> /dev/null || true)
machine_os=$(. /etc/os-release 2> /dev/null && echo "$PRETTY_NAME" || uname -s)
machine_java=$(java -version 2>&1 | head -1 | sed 's/"//g')
machine_wrk=$(wrk --version 2>&1 | head -1 | awk '{print $1, $2}' || true)
machine_redis=$(redis-server --version 2> /dev/null | awk '{print $3}' | sed 's/v=//' || true)
{
    echo "threads=$threads"
    echo "connections=$connections"
    echo "duration=$duration"
    echo "runs=$runs"
    echo "machine.cpus=$machine_cpus"
    echo "machine.short=$machine_cpus cores, $machine_os, $machine_java"
    echo "machine.description=$machine_cpus cores ($machine_cpu), $machine_mem RAM, $machine_os, $machine_java, Redis $machine_redis, $machine_wrk; app, Redis and wrk share the machine"
} > "$out/run.properties"

if $load; then
    redis_port=$(free_port)
    log "starting redis-server on 127.0.0.1:$redis_port"
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
        --logfile "$out/redis.log" &
    redis_pid=$!
    await 50 0.1 "$redis_pid" redis-cli -p "$redis_port" ping > /dev/null 2>&1 || {
        echo "redis-server did not start, see $out/redis.log" >&2
        exit 1
    }

    start_app app_pid base app "" "$app_jar"
    start_app near_app_pid near_base near-app "with the near cache " "$app_jar" \
        -Dquarkus.response-cache.near-cache.enabled=true
    # with the near cache too: what is compared is the compression, not the Redis client's cost of a 64 KiB value
    start_app gzip_app_pid gzip_base gzip-app "with compression on " "$gzip_app_jar" \
        -Dquarkus.response-cache.near-cache.enabled=true
    endpoints+=("${near_endpoints[@]}" "${gzip_endpoints[@]}")
    if command -v nginx > /dev/null; then
        start_nginx
        endpoints+=("${nginx_endpoints[@]}" "${nginx_gzip_endpoints[@]}")
    else
        log "no nginx: its rows are skipped (install Debian's package nginx to compare with it)"
    fi
    if [[ -n ${BENCH_ROWS:-} ]]; then
        chosen=()
        for endpoint in "${endpoints[@]}"; do
            [[ " $BENCH_ROWS " == *" $endpoint "* ]] && chosen+=("$endpoint")
        done
        endpoints=("${chosen[@]}")
    fi

    # fill the caches, then check every cached endpoint answers from its cache
    for endpoint in "${endpoints[@]}"; do
        curl -sf -o /dev/null -H "$(headers_of "$endpoint")" "$(url_of "$endpoint")"
    done
    for endpoint in response-cache-hit expensive-cached response-cache-hit-64k; do
        [[ " ${endpoints[*]} " == *" $endpoint "* ]] || continue
        status=$(curl -sf -D - -o /dev/null "$base/$endpoint" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-cache" {print $2}')
        [[ $status == HIT ]] || {
            echo "$endpoint answered X-Cache: '$status', not HIT: nothing to measure" >&2
            exit 1
        }
    done

    for endpoint in near.response-cache-hit near.response-cache-hit-64k "${gzip_endpoints[@]}"; do
        [[ " ${endpoints[*]} " == *" $endpoint "* ]] || continue
        for _ in $(seq 1 100); do
            status=$(curl -sf -D - -o /dev/null -H "$(headers_of "$endpoint")" "$(url_of "$endpoint")" | tr -d '\r' \
                | awk -F': ' 'tolower($1) == "cache-status" {print $2}')
            [[ $status == *detail=near* ]] && break
            sleep 0.1
        done
        [[ $status == *detail=near* ]] || {
            echo "$endpoint answered Cache-Status: '$status', not a near-cache hit: nothing to measure" >&2
            exit 1
        }
    done

    for endpoint in nginx.plain nginx.plain-64k; do
        [[ " ${endpoints[*]} " == *" $endpoint "* ]] || continue
        status=$(curl -sf -D - -o /dev/null "$(url_of "$endpoint")" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-nginx-cache" {print $2}')
        [[ $status == HIT ]] || {
            echo "$endpoint answered X-Nginx-Cache: '$status', not HIT: nothing to measure" >&2
            exit 1
        }
    done
    for endpoint in "${gzip_endpoints[@]}" "${nginx_gzip_endpoints[@]}"; do
        [[ " ${endpoints[*]} " == *" $endpoint "* ]] || continue
        encoding=$(curl -sf -D - -o /dev/null -H 'Accept-Encoding: gzip' "$(url_of "$endpoint")" | tr -d '\r' \
            | awk -F': ' 'tolower($1) == "content-encoding" {print $2}')
        [[ $encoding == gzip ]] || {
            echo "$endpoint answered Content-Encoding: '$encoding', not gzip: nothing to measure" >&2
            exit 1
        }
    done

    log "warming up: wrk -d$warmup on each endpoint"
    for endpoint in "${endpoints[@]}"; do
        timeout 120 wrk -t"$threads" -c"$connections" -d"$warmup" -H "$(headers_of "$endpoint")" \
            "$(url_of "$endpoint")" > /dev/null
    done

    printf '%s\n' "${endpoints[@]}" > "$out/endpoints.txt"
    for endpoint in "${endpoints[@]}"; do
        mkdir -p "$out/raw/$endpoint"
    done
    # heap allocated per request: a cost that, unlike requests/s, does not depend on how busy the machine is
    mkdir -p "$out/allocation"
    for run in $(seq 1 "$runs"); do
        for endpoint in "${endpoints[@]}"; do
            log "run $run/$runs: $endpoint (wrk -t$threads -c$connections -d$duration)"
            allocated_before=$(curl -sf "$(base_of "$endpoint")/allocated-bytes")
            timeout 300 wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "$(headers_of "$endpoint")" \
                "$(url_of "$endpoint")" > "$out/raw/$endpoint/run-$run.txt"
            allocated_after=$(curl -sf "$(base_of "$endpoint")/allocated-bytes")
            requests=$(awk '/requests in/ {print $1}' "$out/raw/$endpoint/run-$run.txt")
            echo "$(((allocated_after - allocated_before) / (requests > 0 ? requests : 1)))" \
                > "$out/allocation/$endpoint-run-$run.txt"
        done
    done

    # what Redis itself serves for a 64 KiB value, with as many connections as wrk uses. "-t set,get": with "-t get"
    # alone, redis-benchmark reads a key nobody wrote and measures 5-byte nil replies, whatever -d says.
    log "redis-benchmark -t set,get -d 65536 -c $connections"
    redis-benchmark -p "$redis_port" -t set,get -d 65536 -c "$connections" -n 50000 --csv 2> /dev/null \
        | awk -F'"' '$2 == "GET" {print "redis-benchmark.get.64k=" $4}' >> "$out/run.properties"

    # what one entry costs in Redis beyond its body
    body=$(curl -sf "$base/response-cache-hit" | wc -c)
    entry_key=$(redis-cli -p "$redis_port" --scan --pattern 'response-cache:bench-small:*' | head -1)
    cacheresult_key=$(redis-cli -p "$redis_port" --scan --pattern '*bench-small:*' | grep -v '^response-cache:' | head -1 || true)
    {
        echo "entry.body=$body"
        echo "entry.key.pattern=response-cache:bench-small:<hash>"
        echo "entry.strlen=$(redis-cli -p "$redis_port" strlen "$entry_key")"
        echo "entry.memory=$(redis-cli -p "$redis_port" memory usage "$entry_key")"
        if [[ -n $cacheresult_key ]]; then
            echo "cacheresult.key.pattern=$cacheresult_key"
            echo "cacheresult.strlen=$(redis-cli -p "$redis_port" strlen "$cacheresult_key")"
            echo "cacheresult.memory=$(redis-cli -p "$redis_port" memory usage "$cacheresult_key")"
        fi
        echo "raw.key=bench:raw"
        echo "raw.strlen=$(redis-cli -p "$redis_port" strlen bench:raw)"
        echo "raw.memory=$(redis-cli -p "$redis_port" memory usage bench:raw)"
    } >> "$out/run.properties"
    redis-cli -p "$redis_port" --no-raw get "$entry_key" > "$out/entry.txt"

    log "stopping the application and redis-server"
    stop
fi

if $jmh; then
    log "JMH: HitPathBenchmark $jmh_args -prof gc"
    # shellcheck disable=SC2086 # jmh_args is a list of options
    java -Duser.language=en -Duser.country=US -cp "$tools_cp" org.openjdk.jmh.Main HitPathBenchmark \
        $jmh_args -foe true -prof gc -rf csv -rff "$out/jmh.csv" > "$out/jmh.txt" 2>&1 || {
        tail -40 "$out/jmh.txt" >&2
        exit 1
    }
fi

java -Duser.language=en -cp "$tools_cp" io.quarkiverse.responsecache.benchmark.report.BenchmarkReport "$out"
log "done in $(($(date +%s) - bench_started)) s; results in benchmark/target/benchmark-results/"
