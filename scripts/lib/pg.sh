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
# Tests run it with fsync off; WATCHPOST_PG_SETTINGS replaces that (scripts/bench passes
# durable settings: PostgreSQL's defaults plus commit timestamps and pg_stat_statements).
watchpost_pg_start() {
    local data=$1 port=$2 bindir sockets
    bindir=$(watchpost_pg_bindir) || return 1
    sockets="$data/sockets"
    watchpost_pg_as_owner mkdir -p "$sockets"
    watchpost_pg_as_owner "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
        -o "-p $port -k $sockets -c listen_addresses=127.0.0.1 -c max_connections=1000 ${WATCHPOST_PG_SETTINGS--c fsync=off}" \
        start >/dev/null || {
        tail -n 30 "$data/server.log" >&2
        return 1
    }
}

# watchpost_pg_stop DATA_DIR [MODE]: shutdown in MODE (fast, the default, or immediate: no
# checkpoint, as a crash); quiet if the server is not running.
watchpost_pg_stop() {
    local data=$1 mode=${2:-fast} bindir
    bindir=$(watchpost_pg_bindir) || return 1
    if [ -f "$data/postmaster.pid" ]; then
        watchpost_pg_as_owner "$bindir/pg_ctl" -D "$data" -m "$mode" -w stop >/dev/null 2>&1 || true
    fi
}

# watchpost_pg_tls DATA_DIR CERT_DIR ROLE: gives a stopped cluster TLS with a private CA made in
# CERT_DIR (ca.crt; server certificate for DNS name `localhost` only; client.crt/client.key for
# ROLE), and makes ROLE log in from 127.0.0.1 only over TLS with its client certificate
# (pg_hba `cert`). For the test that `sslmode=verify-full` and client certificates work.
watchpost_pg_tls() {
    local data=$1 certs=$2 role=$3
    mkdir -p "$certs"
    (
        cd "$certs"
        openssl req -x509 -new -nodes -newkey rsa:2048 -keyout ca.key -out ca.crt -days 2 \
            -subj "/CN=Watchpost test CA" >/dev/null 2>&1
        openssl req -new -nodes -newkey rsa:2048 -keyout server.key -out server.csr -subj "/CN=localhost" >/dev/null 2>&1
        printf 'subjectAltName=DNS:localhost\n' >server.ext
        openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 \
            -extfile server.ext >/dev/null 2>&1
        openssl req -new -nodes -newkey rsa:2048 -keyout client.key -out client.csr -subj "/CN=$role" >/dev/null 2>&1
        openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out client.crt -days 2 >/dev/null 2>&1
        chmod 600 client.key
    ) || { echo "watchpost: openssl could not make the test certificates" >&2; return 1; }
    cp "$certs/server.crt" "$certs/server.key" "$certs/ca.crt" "$data/"
    chmod 600 "$data/server.key"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$data/server.crt" "$data/server.key" "$data/ca.crt"; fi
    printf "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\nssl_ca_file = 'ca.crt'\n" >>"$data/postgresql.conf"
    # The first matching line wins: ROLE only over TLS with a certificate, everyone else as before.
    { printf 'hostssl all %s 127.0.0.1/32 cert\nhost all %s 0.0.0.0/0 reject\n' "$role" "$role"; cat "$data/pg_hba.conf"; } \
        >"$data/pg_hba.conf.new"
    mv "$data/pg_hba.conf.new" "$data/pg_hba.conf"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$data/pg_hba.conf"; fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    case "${1:-}" in
        init) watchpost_pg_init "$2" ;;
        start) watchpost_pg_start "$2" "$3" ;;
        stop) watchpost_pg_stop "$2" "${3:-fast}" ;;
        tls) watchpost_pg_tls "$2" "$3" "$4" ;;
        *) echo "usage: $0 init DATA_DIR | start DATA_DIR PORT | stop DATA_DIR [fast|immediate] | tls DATA_DIR CERT_DIR ROLE" >&2; exit 2 ;;
    esac
fi
