# A private PostgreSQL cluster: its own data folder, port and socket folder, on 127.0.0.1 only.
# Sourced by scripts; also runnable as `scripts/lib/pg.sh init|start|stop DATA_DIR [PORT]`,
# which the outage tests use to create a cluster of their own and stop and start it under a
# running worker.

watchpost_pg_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$dir" ]; then
        echo "watchpost: no PostgreSQL server found under /usr/lib/postgresql" >&2
        return 1
    fi
    echo "$dir"
}

# Runs a PostgreSQL server binary as the `postgres` user when we are root (initdb refuses root).
watchpost_pg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

watchpost_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# watchpost_pg_init DATA_DIR: creates the cluster once (trust auth on loopback; private to this machine).
watchpost_pg_init() {
    local data=$1 bindir
    bindir=$(watchpost_pg_bindir) || return 1
    mkdir -p "$data"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$data"; fi
    chmod 700 "$data"
    if [ ! -f "$data/PG_VERSION" ]; then
        watchpost_pg_as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust \
            --encoding=UTF8 --locale=C.UTF-8 >"$data.initdb.log" 2>&1 || {
            cat "$data.initdb.log" >&2
            return 1
        }
    fi
}

# watchpost_pg_start DATA_DIR PORT: starts the server and waits until it accepts connections.
watchpost_pg_start() {
    local data=$1 port=$2 bindir sockets
    bindir=$(watchpost_pg_bindir) || return 1
    sockets="$data/sockets"
    watchpost_pg_as_owner mkdir -p "$sockets"
    watchpost_pg_as_owner "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
        -o "-p $port -k $sockets -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" \
        start >/dev/null || {
        tail -n 30 "$data/server.log" >&2
        return 1
    }
}

# watchpost_pg_stop DATA_DIR: fast shutdown; quiet if the server is not running.
watchpost_pg_stop() {
    local data=$1 bindir
    bindir=$(watchpost_pg_bindir) || return 1
    if [ -f "$data/postmaster.pid" ]; then
        watchpost_pg_as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    case "${1:-}" in
        init) watchpost_pg_init "$2" ;;
        start) watchpost_pg_start "$2" "$3" ;;
        stop) watchpost_pg_stop "$2" ;;
        *) echo "usage: $0 init DATA_DIR | start DATA_DIR PORT | stop DATA_DIR" >&2; exit 2 ;;
    esac
fi
