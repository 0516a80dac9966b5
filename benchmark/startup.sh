#!/usr/bin/env bash
# What adding the extension costs a one-endpoint Quarkus REST application: startup time and memory.
#
#   benchmark/startup.sh              build both applications, start each RUNS times, print the medians
#   benchmark/startup.sh --no-build   reuse the last build
#
# Two applications are built from the templates in benchmark/startup/: "plain" (quarkus-rest, one GET endpoint) and
# "cached" (the same plus this extension, the endpoint under @ResponseCache, no configuration: the memory store).
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

# $1: the application's directory name; $2: whether it has the extension
write_app() {
    local name=$1 cached=$2 dir="$work/$1" extension=""
    mkdir -p "$dir/src/main/java/org/acme/startup" "$dir/src/main/resources"
    if $cached; then
        extension="    <dependency>
      <groupId>io.quarkiverse.responsecache</groupId>
      <artifactId>quarkus-response-cache</artifactId>
      <version>$(project_version)</version>
    </dependency>"
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
    write_app plain false
    write_app cached true
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
    <module>cached</module>
  </modules>
</project>
EOF
    log "building the extension and the two applications"
    quietly "$work/build.log" ./mvnw -B -q -f "$work/pom.xml" package -DskipTests -Dformat.skip=true
fi
for name in plain cached; do
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

# $1: application; $2: run number. Appends "app,run,startup_s,rss_kib,classes,startup_classes,startup_cpu_ms" to
# results.csv.
measure() {
    local name=$1 run=$2 port out seconds rss classes startup_classes cpu_ms
    port=$(free_port)
    out="$work/$name-$run.log"
    java "${java_opts[@]}" -Dquarkus.http.port="$port" -jar "$work/$name/target/quarkus-app/quarkus-run.jar" \
        > "$out" 2>&1 &
    app_pid=$!
    await 1500 0.02 "$app_pid" grep -q 'started in' "$out" || {
        cat "$out" >&2
        echo "$name did not start" >&2
        exit 1
    }
    cpu_ms=$(cpu_millis "$app_pid")
    seconds=$(sed -n 's/.* started in \([0-9.]*\)s.*/\1/p' "$out" | head -1)
    startup_classes=$(loaded_classes "$app_pid")
    # one curl, one keep-alive connection: requests spread evenly over the URLs
    awk -v n="$requests" -v u="$urls" -v base="http://127.0.0.1:$port/items/" \
        'BEGIN { for (i = 0; i < n; i++) printf "url = \"%s%d\"\noutput = \"/dev/null\"\n", base, i % u }' \
        > "$work/urls.curl"
    curl -sf -K "$work/urls.curl" || {
        echo "requests to $name failed" >&2
        exit 1
    }
    rss=$(ps -o rss= -p "$app_pid" | tr -d ' ')
    classes=$(loaded_classes "$app_pid")
    stop
    echo "$name,$run,$seconds,$rss,${classes:-},${startup_classes:-},$cpu_ms" >> "$work/results.csv"
    log "$name #$run: started in ${seconds}s (${cpu_ms} ms CPU, ${startup_classes:-?} classes)," \
        "then RSS $((rss / 1024)) MiB (${classes:-?} classes)"
}

echo "app,run,startup_s,rss_kib,classes,startup_classes,startup_cpu_ms" > "$work/results.csv"
for run in $(seq 1 "$runs"); do
    measure plain "$run"
    measure cached "$run"
done

median() { # $1: app, $2: column
    awk -F, -v app="$1" -v col="$2" '$1 == app { print $col }' "$work/results.csv" | sort -n |
        awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

startup_plain=$(median plain 3)
startup_cached=$(median cached 3)
rss_plain=$(median plain 4)
rss_cached=$(median cached 4)
classes_plain=$(median plain 5)
classes_cached=$(median cached 5)
cpu_plain=$(median plain 7)
cpu_cached=$(median cached 7)
startup_classes_plain=$(median plain 6)
startup_classes_cached=$(median cached 6)
{
    echo "Medians of $runs starts; RSS after $requests requests to $urls URLs; $(nproc) cores, $(java -version 2>&1 | head -1)."
    echo
    echo "| | without the extension | with it (memory store) | ratio / difference |"
    echo "|---|---|---|---|"
    awk -v p="$startup_plain" -v c="$startup_cached" \
        'BEGIN { printf "| startup (Quarkus log) | %.3f s | %.3f s | %.2fx |\n", p, c, c / p }'
    awk -v p="$cpu_plain" -v c="$cpu_cached" \
        'BEGIN { printf "| CPU time until started | %d ms | %d ms | %.2fx |\n", p, c, c / p }'
    awk -v p="$rss_plain" -v c="$rss_cached" \
        'BEGIN { printf "| RSS | %.1f MiB | %.1f MiB | %+.1f MiB |\n", p / 1024, c / 1024, (c - p) / 1024 }'
    awk -v p="$startup_classes_plain" -v c="$startup_classes_cached" \
        'BEGIN { printf "| classes loaded at startup | %d | %d | %+d |\n", p, c, c - p }'
    awk -v p="$classes_plain" -v c="$classes_cached" \
        'BEGIN { printf "| classes loaded after the requests | %d | %d | %+d |\n", p, c, c - p }'
} > "$work/results.md"
echo
cat "$work/results.md"
