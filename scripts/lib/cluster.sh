# Process management shared by scripts/dev and scripts/cluster: building `watchpost`, starting a
# background process in its own session with a log (and a pid file), bounded waits for a line or a
# URL, stopping by SIGTERM with a deadline, the embedded broker's address, development secrets.
# Sourced after scripts/lib/pg.sh.

# watchpost_build_binary [debug|release]: sets watchpost_bin to $WATCHPOST_BIN, or builds the
# `watchpost` product (debug by default) and sets it to the built binary.
watchpost_build_binary() {
    local configuration=${1:-debug}
    if [ -n "${WATCHPOST_BIN:-}" ]; then
        watchpost_bin=$WATCHPOST_BIN
    else
        echo "watchpost: building (the first build takes a few minutes)…"
        swift build -c "$configuration" --product watchpost 2>&1 |
            grep -Ev '^\[|^Building|^Compiling|^Write|^Linking' || true
        watchpost_bin="$(swift build -c "$configuration" --show-bin-path)/watchpost"
    fi
    [ -x "$watchpost_bin" ] || { echo "watchpost: build failed ($watchpost_bin is missing)" >&2; return 1; }
}

# watchpost_spawn OUT ERR PIDFILE COMMAND...: starts COMMAND in the background in a session of its
# own (setsid), so that a Ctrl-C in the terminal reaches only the script, which stops it in order,
# and so that it outlives a script that returns at once (scripts/cluster). Appends stdout to OUT
# and stderr to ERR (they may be the same file); stdin is /dev/null. Sets watchpost_spawned_pid.
# With PIDFILE "", the process is a child of the calling shell, which can `wait` for it: call
# this function directly then, not inside $(…). Otherwise its pid goes to PIDFILE and a small
# shell that outlives the caller waits for it and writes its exit status to PIDFILE's .exit file
# (worker-1.pid → worker-1.exit), so that whoever stops it later learns how it ended.
watchpost_spawn() {
    local out=$1 err=$2 pidfile=$3 exitfile
    shift 3
    if [ -z "$pidfile" ]; then
        if [ "$out" = "$err" ]; then
            setsid "$@" >>"$out" 2>&1 </dev/null &
        else
            setsid "$@" >>"$out" 2>>"$err" </dev/null &
        fi
        watchpost_spawned_pid=$!
        return 0
    fi
    exitfile="${pidfile%.pid}.exit"
    rm -f "$pidfile" "$exitfile"
    # shellcheck disable=SC2016 # expanded by the inner shell
    local keeper='"${@:3}" & echo $! >"$1.tmp" && mv "$1.tmp" "$1"; wait $!; echo $? >"$2"'
    if [ "$out" = "$err" ]; then
        setsid bash -c "$keeper" watchpost-keeper "$pidfile" "$exitfile" "$@" >>"$out" 2>&1 </dev/null &
    else
        setsid bash -c "$keeper" watchpost-keeper "$pidfile" "$exitfile" "$@" >>"$out" 2>>"$err" </dev/null &
    fi
    local keeper_pid=$!
    watchpost_wait 10 "" test -s "$pidfile" || {
        echo "watchpost: could not start $1 (no pid within 10 s)" >&2
        kill "$keeper_pid" 2>/dev/null || true
        return 1
    }
    watchpost_spawned_pid=$(cat "$pidfile")
}

# watchpost_exit_status PIDFILE: prints the exit status written when the process of PIDFILE ended
# (128+N for signal N), if it is known yet.
watchpost_exit_status() {
    cat "${1%.pid}.exit" 2>/dev/null
}

# watchpost_alive PID: whether PID runs (a zombie, dead but not yet reaped, does not count).
watchpost_alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [ -n "$stat" ] && [ "${stat%% *}" != Z ]
}

# watchpost_pidfile_pid PIDFILE: prints the pid in PIDFILE if that process runs and is a
# `watchpost` (so a pid reused by another program after a reboot is never signalled).
watchpost_pidfile_pid() {
    local pid
    pid=$(cat "$1" 2>/dev/null) || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    watchpost_alive "$pid" || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q watchpost || return 1
    echo "$pid"
}

# watchpost_wait SECONDS PID COMMAND...: runs COMMAND every 0.2 s until it succeeds (returns 0).
# Returns 1 after SECONDS, or 2 as soon as PID (unless "") is no longer running.
watchpost_wait() {
    local seconds=$1 pid=$2 deadline
    shift 2
    deadline=$((SECONDS + seconds))
    until "$@"; do
        if [ -n "$pid" ] && ! watchpost_alive "$pid"; then
            "$@" && return 0
            return 2
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then return 1; fi
        sleep 0.2
    done
}

# watchpost_http_ok URL: whether URL answers 2xx within a second.
watchpost_http_ok() {
    python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' "$1" 2>/dev/null
}

# watchpost_broker_bootstrap OUT LOG PID SECONDS: waits until the `watchpost dev-broker` with
# pid PID has printed its `bootstrap=HOST:PORT` line to OUT and sets watchpost_bootstrap; if it
# does not within SECONDS, prints why with the end of LOG (its stderr) and returns 1.
watchpost_broker_bootstrap() {
    local out=$1 log=$2 pid=$3 seconds=$4
    watchpost_wait "$seconds" "$pid" grep -q '^bootstrap=' "$out" || true
    watchpost_bootstrap=$(sed -n 's/^bootstrap=//p' "$out" 2>/dev/null | head -n 1)
    if [ -z "$watchpost_bootstrap" ]; then
        echo "watchpost: the embedded broker did not start (no bootstrap= line within $seconds s)" >&2
        tail -n 20 "$log" >&2
        return 1
    fi
}

# watchpost_dev_secrets FILE [--fill]: development secrets (WATCHPOST_EVENT_KEYS,
# WATCHPOST_LINK_SECRET), random, written once to FILE (readable by its owner only) so that links
# survive a restart, then exported: all of them, or with --fill only those not set already.
watchpost_dev_secrets() {
    local file=$1 mode=${2:-} name value
    if [ ! -s "$file" ]; then
        (
            umask 077
            {
                echo "WATCHPOST_EVENT_KEYS=dev-1:$(head -c 32 /dev/urandom | base64 | tr -d '\n/+=')"
                echo "WATCHPOST_LINK_SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '\n/+=')"
            } >"$file"
        )
    fi
    while IFS='=' read -r name value; do
        [ -n "$name" ] || continue
        if [ "$mode" = --fill ] && [ -n "${!name:-}" ]; then continue; fi
        export "$name=$value"
    done <"$file"
}

# watchpost_stop SECONDS NAME:PID[:PIDFILE]...: SIGTERM to all at once, then up to SECONDS for each
# to exit; one that does not is killed (SIGKILL). Prints `NAME stopped (exit N)` when the exit
# status is known (a child of this shell, or a PIDFILE from watchpost_spawn), else `NAME stopped`.
# Returns 1 if one had to be killed or exited with a non-zero status, else 0.
watchpost_stop() {
    local seconds=$1 entry name pid pidfile code deadline status=0 children=" "
    shift
    for pid in $(jobs -p); do children+="$pid "; done
    for entry in "$@"; do
        pid=${entry#*:}
        kill -TERM "${pid%%:*}" 2>/dev/null || true
    done
    for entry in "$@"; do
        name=${entry%%:*}
        pid=${entry#*:}
        pidfile=""
        if [[ "$pid" == *:* ]]; then
            pidfile=${pid#*:}
            pid=${pid%%:*}
        fi
        deadline=$((SECONDS + seconds))
        while watchpost_alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
        if watchpost_alive "$pid"; then
            echo "watchpost:   $name did not stop within $seconds s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
            status=1
        fi
        code=""
        if [[ "$children" == *" $pid "* ]]; then
            code=0
            wait "$pid" 2>/dev/null || code=$?
        else
            deadline=$((SECONDS + 10))
            while watchpost_alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
            if [ -n "$pidfile" ]; then
                watchpost_wait 10 "" test -s "${pidfile%.pid}.exit" || true
                code=$(watchpost_exit_status "$pidfile" || true)
            fi
        fi
        if [ -n "$code" ]; then
            echo "watchpost:   $name stopped (exit $code)"
            [ "$code" -eq 0 ] || status=1
        else
            echo "watchpost:   $name stopped"
        fi
    done
    return "$status"
}
