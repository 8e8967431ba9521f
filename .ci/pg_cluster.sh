#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the tests:
#   .ci/pg_cluster.sh start DIR   initdb in DIR (as the postgres user), start it on
#                                 a free port, create database scenelens_test and
#                                 print its URL (postgresql://postgres@127.0.0.1:PORT/scenelens_test)
#   .ci/pg_cluster.sh stop DIR    stop it and remove DIR
#   .ci/pg_cluster.sh pause DIR   stop the server (fast shutdown), keeping its data
#   .ci/pg_cluster.sh resume DIR  start it again on the same port
set -euo pipefail
cmd=${1:?start or stop}; dir=${2:?cluster folder}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "pg_cluster: no PostgreSQL server installed (apt-get install postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
start)
    mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
        || echo $((20000 + RANDOM % 20000)))
    as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    # Loopback only; the socket goes in the cluster folder, not /var/run.
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=100" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres scenelens_test
    echo "$port" >"$dir/port"
    echo "postgresql://postgres@127.0.0.1:$port/scenelens_test"
    ;;
pause)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
resume)
    port=$(cat "$dir/port")
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=100" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    ;;
stop)
    [ -d "$dir/data" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*) echo "pg_cluster: start, stop, pause or resume" >&2; exit 2 ;;
esac
