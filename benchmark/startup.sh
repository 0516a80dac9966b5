#!/usr/bin/env bash
# What adding the extension costs a one-endpoint Quarkus REST application: startup time and memory.
#
#   benchmark/startup.sh              build the applications, start each RUNS times, print the medians
#   benchmark/startup.sh --no-build   reuse the last build
#
# After the timed starts, each application is started once more with the JVM's native memory tracking on, sent the
# same requests, and its memory read by area (metaspace, JIT code, symbols, heap in use...): where the RSS difference
# goes. That start is not part of the medians (tracking costs a little time and memory of its own).
#
# Three applications are built from the templates in benchmark/startup/: "plain" (quarkus-rest, one GET endpoint),
# "cached" (the same plus this extension, the endpoint under @ResponseCache, no configuration: the memory store), and
# "redis-client" (plain plus quarkus-redis-client, unused: the part of "cached" that is the Redis client's, which the
# extension depends on whatever the store).
# They are built in one reactor with the extension's modules, so nothing is installed. Each is packaged as a fast-jar
# and started RUNS times, alternately, on a free loopback port; each start records the "started in" time Quarkus
# logs, the CPU time and the classes loaded by then, then sends REQUESTS requests over URLS distinct URLs (one curl,
# one connection), then reads the process's RSS and the classes loaded. Results: benchmark/target/startup/results.md
# and results.csv.
#
# Settings (environment): RUNS (5), REQUESTS (2000), URLS (200), JAVA_OPTS (none: the JVM's defaults).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=benchmark/lib.sh
source "$here/lib.sh"
work="$here/target/startup"
runs="${RUNS:-5}"
requests="${REQUESTS:-2000}"
urls="${URLS:-200}"
read -r -a java_opts <<< "${JAVA_OPTS:-}"
build=true
apps=(plain redis-client cached)

for arg in "$@"; do
    case "$arg" in
        --no-build) build=false ;;
        *) help_or_unknown "$arg" ;;
    esac
done

for tool in java jcmd curl; do
    command -v "$tool" > /dev/null || {
        echo "missing: $tool" >&2
        exit 1
    }
done

# --- build: the extension's modules and both applications in one reactor

project_version() {
    sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -1
}
quarkus_version() {
    sed -n 's:.*<quarkus.version>\(.*\)</quarkus.version>.*:\1:p' "$root/pom.xml" | head -1
}

# $1: the application's directory name, which says what it adds to quarkus-rest (see above)
write_app() {
    local name=$1 dir="$work/$1" extension=""
    mkdir -p "$dir/src/main/java/org/acme/startup" "$dir/src/main/resources"
    case "$name" in
        cached) extension="    <dependency>
      <groupId>io.quarkiverse.responsecache</groupId>
      <artifactId>quarkus-response-cache</artifactId>
      <version>$(project_version)</version>
    </dependency>" ;;
        redis-client) extension="    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-redis-client</artifactId>
    </dependency>" ;;
    esac
    if [[ $name == cached ]]; then
        cp "$here/startup/ItemResource.java" "$dir/src/main/java/org/acme/startup/"
    else
        grep -v '// CACHED' "$here/startup/ItemResource.java" > "$dir/src/main/java/org/acme/startup/ItemResource.java"
    fi
    awk -v artifact="startup-$name" -v quarkus="$(quarkus_version)" -v extension="$extension" '
        /@EXTENSION@/ { if (extension != "") print extension; next }
        { gsub(/@ARTIFACT@/, artifact); gsub(/@QUARKUS_VERSION@/, quarkus); print }
    ' "$here/startup/app-pom.xml" > "$dir/pom.xml"
    : > "$dir/src/main/resources/application.properties"
}

if $build; then
    rm -rf "$work"
    mkdir -p "$work"
    for name in "${apps[@]}"; do
        write_app "$name"
    done
    cat > "$work/pom.xml" << EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.quarkiverse.responsecache.startup</groupId>
  <artifactId>startup-reactor</artifactId>
  <version>1.0.0-SNAPSHOT</version>
  <packaging>pom</packaging>
  <modules>
    <module>../../../runtime</module>
    <module>../../../deployment</module>
    <module>../../../testing</module>
    <module>plain</module>
    <module>redis-client</module>
    <module>cached</module>
  </modules>
</project>
EOF
    log "building the extension and the ${#apps[@]} applications"
    quietly "$work/build.log" ./mvnw -B -q -f "$work/pom.xml" package -DskipTests -Dformat.skip=true
fi
for name in "${apps[@]}"; do
    [[ -f $work/$name/target/quarkus-app/quarkus-run.jar ]] || {
        echo "no $work/$name/target/quarkus-app/quarkus-run.jar: run without --no-build" >&2
        exit 1
    }
done

# --- what is started here is stopped here, by pid

app_pid=""
stop() {
    stop_pid "$app_pid"
    app_pid=""
}
trap stop EXIT
trap 'exit 130' INT TERM

# CPU time (user + system) the process has used, in ms: on a loaded machine a steadier measure of startup work than
# the wall-clock time Quarkus logs
cpu_millis() { # $1: pid
    awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$1/stat"
}

loaded_classes() { # $1: pid
    jcmd "$1" PerfCounter.print 2> /dev/null | sed -n 's/^java.cls.loadedClasses=//p'
}

# $1: application; $2: its log; the rest: more JVM options. Starts it on a free loopback port (app_port) and waits
# until Quarkus logs that it started; app_pid is set before anything can fail, so that stop() stops it.
start_app() {
    local name=$1 out=$2
    shift 2
    app_port=$(free_port)
    java "${java_opts[@]}" "$@" -Dquarkus.http.port="$app_port" -jar "$work/$name/target/quarkus-app/quarkus-run.jar" \
        > "$out" 2>&1 &
    app_pid=$!
    await 1500 0.02 "$app_pid" grep -q 'started in' "$out" || {
        cat "$out" >&2
        echo "$name did not start" >&2
        exit 1
    }
}

# $1: application; $2: its port. One curl, one keep-alive connection: REQUESTS requests spread evenly over URLS URLs.
send_requests() {
    awk -v n="$requests" -v u="$urls" -v base="http://127.0.0.1:$2/items/" \
        'BEGIN { for (i = 0; i < n; i++) printf "url = \"%s%d\"\noutput = \"/dev/null\"\n", base, i % u }' \
        > "$work/urls.curl"
    curl -sf -K "$work/urls.curl" || {
        echo "requests to $1 failed" >&2
        exit 1
    }
}

# $1: application; $2: run number. Appends "app,run,startup_s,rss_kib,classes,startup_classes,startup_cpu_ms" to
# results.csv.
measure() {
    local name=$1 run=$2 out="$work/$1-$2.log" seconds rss classes startup_classes cpu_ms
    start_app "$name" "$out"
    cpu_ms=$(cpu_millis "$app_pid")
    seconds=$(sed -n 's/.* started in \([0-9.]*\)s.*/\1/p' "$out" | head -1)
    startup_classes=$(loaded_classes "$app_pid")
    send_requests "$name" "$app_port"
    rss=$(ps -o rss= -p "$app_pid" | tr -d ' ')
    classes=$(loaded_classes "$app_pid")
    stop
    echo "$name,$run,$seconds,$rss,${classes:-},${startup_classes:-},$cpu_ms" >> "$work/results.csv"
    log "$name #$run: started in ${seconds}s (${cpu_ms} ms CPU, ${startup_classes:-?} classes)," \
        "then RSS $((rss / 1024)) MiB (${classes:-?} classes)"
}

# "$1,<KiB>": the heap's used part, summed over its generations (one line for G1, two for the serial collector)
heap_used() {
    jcmd "$app_pid" GC.heap_info | awk -v label="$1" '
        match($0, /total [0-9]+K, used [0-9]+K/) { split(substr($0, RSTART, RLENGTH), f, /[ K,]+/); used += f[4] }
        END { print label "," used }'
}

# $1: application. Starts it with native memory tracking, sends the requests, and writes "area,kib" lines to
# $work/$1-memory.csv: the RSS, the committed memory of each area the JVM tracks, the heap in use (live objects and
# the garbage since the last collection: the pages the RSS counts) and, read last, the heap still in use after a full
# collection (what the application keeps).
memory_by_area() {
    local name=$1
    start_app "$name" "$work/$name-memory.log" -XX:NativeMemoryTracking=summary
    send_requests "$name" "$app_port"
    {
        echo "RSS,$(ps -o rss= -p "$app_pid" | tr -d ' ')"
        heap_used "Java heap in use"
        jcmd "$app_pid" VM.native_memory summary |
            sed -n 's/^- *\([A-Za-z][A-Za-z ]*[a-z]\) *(reserved=[0-9]*KB, committed=\([0-9]*\)KB.*/\1,\2/p' |
            grep -v '^Java Heap,'
        jcmd "$app_pid" GC.run > /dev/null
        heap_used "Java heap live (after a full GC)"
    } > "$work/$name-memory.csv"
    stop
}

echo "app,run,startup_s,rss_kib,classes,startup_classes,startup_cpu_ms" > "$work/results.csv"
for run in $(seq 1 "$runs"); do
    for name in "${apps[@]}"; do
        measure "$name" "$run"
    done
done

log "one more start of each with native memory tracking"
for name in "${apps[@]}"; do
    memory_by_area "$name"
done

median() { # $1: app, $2: column
    awk -F, -v app="$1" -v col="$2" '$1 == app { print $col }' "$work/results.csv" | sort -n |
        awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# $1: column of results.csv; $2: printf format of a value; $3: "x" for ratios, "d" for differences (of "cached" to
# "plain" and to "redis-client")
row() {
    local p r c
    p=$(median plain "$1")
    r=$(median redis-client "$1")
    c=$(median cached "$1")
    awk -v p="$p" -v r="$r" -v c="$c" -v f="$2" -v kind="$3" 'BEGIN {
        printf "| " f " | " f " | " f, p, r, c
        if (kind == "x") printf " | %.2fx | %.2fx |\n", c / p, c / r
        else printf " | %+d | %+d |\n", c - p, c - r }'
}
{
    echo "Medians of $runs starts; RSS after $requests requests to $urls URLs; $(nproc) cores, $(java -version 2>&1 | head -1)."
    echo
    echo "| | plain | + quarkus-redis-client | + the extension (memory store) | extension / plain |" \
        "extension / redis-client |"
    echo "|---|---:|---:|---:|---:|---:|"
    printf '| startup (Quarkus log, s) '
    row 3 "%.3f" x
    printf '| CPU time until started (ms) '
    row 7 "%d" x
    printf '| RSS (KiB) '
    row 4 "%d" d
    printf '| classes loaded at startup '
    row 6 "%d" d
    printf '| classes loaded after the requests '
    row 5 "%d" d
    echo
    echo "Where the memory goes, one more start of each with native memory tracking (committed KiB by area; the heap"
    echo "in use and live, not committed; areas where the extension differs from plain by less than 256 KiB left out):"
    echo
    echo "| area | plain | + quarkus-redis-client | + the extension | extension - plain | extension - redis-client |"
    echo "|---|---:|---:|---:|---:|---:|"
    awk -F, 'FILENAME ~ /plain-memory/ { plain[$1] = $2; next }
        FILENAME ~ /redis-client-memory/ { redis[$1] = $2; next }
        { diff = $2 - plain[$1]; if (diff >= 256 || diff <= -256 || $1 == "RSS")
            printf "| %s | %d | %d | %d | %+d | %+d |\n", $1, plain[$1], redis[$1], $2, diff, $2 - redis[$1] }' \
        "$work/plain-memory.csv" "$work/redis-client-memory.csv" "$work/cached-memory.csv"
} > "$work/results.md"
echo
cat "$work/results.md"
