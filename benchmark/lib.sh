# What the benchmark scripts share: sourced, never run. Each script stops what it started, by pid, with stop_pid in
# its own EXIT trap.
# shellcheck shell=bash

bench_started=$(date +%s)

# A progress line, after the seconds since the script started.
log() { printf '[%4ds] %s\n' "$(($(date +%s) - bench_started))" "$*"; }

# The -h/--help and unknown-option cases of a script's option loop: the help is the script's header comment.
help_or_unknown() { # $1: the option
    case "$1" in
        -h | --help)
            awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
            exit 0
            ;;
        *)
            echo "unknown option: $1 (try --help)" >&2
            exit 2
            ;;
    esac
}

# A loopback port nothing listens on, probed with bash alone (no other tool to install).
free_port() {
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 30000))
        if ! (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
            echo "$port"
            return
        fi
    done
    echo "no free port found" >&2
    return 1
}

# Stops one process this script started: TERM, up to 10 s to exit, then KILL. Never fails, so that a trap goes on to
# stop the others.
stop_pid() { # $1: the pid, or empty
    local pid=${1:-}
    if [[ -n $pid ]] && kill -0 "$pid" 2> /dev/null; then
        kill "$pid" 2> /dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2> /dev/null || break
            sleep 0.2
        done
        kill -9 "$pid" 2> /dev/null || true
        wait "$pid" 2> /dev/null || true
    fi
}

# Runs a command until it succeeds, at most $1 times $2 seconds apart; fails when it never does or process $3 dies.
await() { # $1: tries; $2: seconds between them; $3: the pid of what is awaited; the rest: the command
    local tries=$1 interval=$2 pid=$3
    shift 3
    for _ in $(seq 1 "$tries"); do
        "$@" && return 0
        kill -0 "$pid" 2> /dev/null || return 1
        sleep "$interval"
    done
    return 1
}

# Runs a command in the project's root ($root) with its output in a log, shown (and the script ended) if it fails.
quietly() { # $1: the log; the rest: the command
    local log=$1
    shift
    (cd "$root" && "$@") > "$log" 2>&1 || {
        cat "$log" >&2
        exit 1
    }
}
