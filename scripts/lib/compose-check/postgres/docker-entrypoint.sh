#!/usr/bin/env bash
# The official postgres image's entrypoint contract, for the compose check's stand-in:
# - POSTGRES_PASSWORD (required), POSTGRES_USER (default postgres), POSTGRES_DB (default: the
#   user), POSTGRES_INITDB_ARGS (extra initdb arguments), POSTGRES_HOST_AUTH_METHOD (default
#   scram-sha-256) and PGDATA (default /var/lib/postgresql/data);
# - the data folder is initialised on the first start only (when it has no PG_VERSION), with the
#   scripts in /docker-entrypoint-initdb.d (*.sh, *.sql) run once against a socket-only server;
# - connections over the socket are trusted, every TCP connection needs the password
#   (`host all all all scram-sha-256`), and the server listens on every interface at 5432;
# - the command is `postgres` with its options (`postgres -c max_connections=200`); a command
#   starting with `-` gets `postgres` put in front; any other command is run as it is.
set -Eeuo pipefail

if [ "${1:0:1}" = '-' ]; then
    set -- postgres "$@"
fi

# As root: own the data and socket folders, then run this script again as postgres.
if [ "$1" = postgres ] && [ "$(id -u)" = 0 ]; then
    mkdir -p "$PGDATA" /var/run/postgresql
    chown postgres:postgres "$PGDATA" /var/run/postgresql
    chmod 700 "$PGDATA"
    exec setpriv --reuid=postgres --regid=postgres --init-groups "$BASH_SOURCE" "$@"
fi

init_database() {
    local user=${POSTGRES_USER:-postgres}
    local db=${POSTGRES_DB:-$user}
    local auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
    if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != trust ]; then
        echo "error: database is uninitialized and POSTGRES_PASSWORD is not specified" >&2
        exit 1
    fi
    echo "initialising $PGDATA (user $user, database $db)"
    # POSTGRES_INITDB_ARGS is split into words, as the official image does.
    # shellcheck disable=SC2086
    initdb --username="$user" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD:-}") \
        ${POSTGRES_INITDB_ARGS:-} -D "$PGDATA"
    printf '\nhost all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"
    printf "\nlisten_addresses = '*'\n" >>"$PGDATA/postgresql.conf"

    pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w start
    local psql=(psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$user" --dbname postgres)
    if [ "$db" != postgres ]; then
        "${psql[@]}" --set db="$db" <<<'CREATE DATABASE :"db";'
    fi
    local file
    for file in /docker-entrypoint-initdb.d/*; do
        case "$file" in
            *.sh) echo "running $file"; . "$file" ;;
            *.sql) echo "running $file"; "${psql[@]}" --dbname "$db" -f "$file" ;;
            *) ;;
        esac
    done
    pg_ctl -D "$PGDATA" -m fast -w stop
    echo "PostgreSQL init process complete; ready for start up."
}

if [ "$1" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
    init_database
fi
exec "$@"
