#!/usr/bin/env bash
# A throwaway local PostgreSQL cluster, without Docker, for scripts/run.sh and the tests.
#
#   scripts/postgres.sh start DIR PORT   create the cluster in DIR if needed, start it on 127.0.0.1:PORT,
#                                        create the database "agora" if missing, print its JDBC URL on stdout
#   scripts/postgres.sh stop DIR         stop it (fast shutdown); does nothing if it is not running
#   scripts/postgres.sh crash DIR        stop it like a crash (pg_ctl stop -m immediate: no checkpoint, clients cut
#                                        off); the next start recovers from the WAL. For scripts/reliability.sh.
#   scripts/postgres.sh status DIR       exit 0 and print its port if it is running, else exit 1
#
# The cluster trusts every local connection (user "postgres", any password): it is for development and tests only.
# Layout: DIR/data (the cluster), DIR/postgres.log (its log), DIR/socket (its Unix socket, when the path is short
# enough). As root, the server runs as the "postgres" user (initdb refuses root), so DIR is handed to that user.
# Progress goes to stderr; only the JDBC URL goes to stdout.
set -euo pipefail

die() { echo "postgres.sh: $*" >&2; exit 1; }
say() { echo "postgres.sh: $*" >&2; }

usage() {
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
    exit 2
}

# The PostgreSQL server binaries: pg_config's, else the newest of /usr/lib/postgresql/*/bin (15 first).
find_bindir() {
    local dir
    if [[ -n "${AGORA_PG_BINDIR:-}" ]]; then
        [[ -x "$AGORA_PG_BINDIR/initdb" ]] || die "AGORA_PG_BINDIR=$AGORA_PG_BINDIR has no initdb"
        echo "$AGORA_PG_BINDIR"; return
    fi
    if command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null || true)
        if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; return; fi
    fi
    # shellcheck disable=SC2012  # version folders are plain numbers
    for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5nr); do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; return; fi
    done
    die "PostgreSQL server binaries (initdb, pg_ctl) not found. Install them with: sudo apt-get install postgresql
             (or point AGORA_PG_BINDIR at the folder that holds initdb and pg_ctl)"
}

# Run a server command as the owner of the cluster: the postgres user when we are root, ourselves otherwise.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# As root, the postgres user must be able to reach DIR: give every parent folder it cannot enter the
# search (x) bit for others - it lets postgres pass through, not list or read anything.
make_reachable_for_postgres() {
    local path="" part changed=()
    local -a parts
    IFS=/ read -ra parts <<<"$(dirname "$1")"
    for part in "${parts[@]}"; do     # from / downwards, so that each test sees its parents fixed already
        [[ -n "$part" ]] || continue
        path="$path/$part"
        if ! runuser -u postgres -- test -x "$path"; then
            chmod o+x "$path"
            changed+=("$path")
        fi
    done
    if [[ ${#changed[@]} -gt 0 ]]; then
        say "let the postgres user pass through (chmod o+x): ${changed[*]}"
    fi
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

is_running() {
    local data=$1
    [[ -f "$data/postmaster.pid" ]] || return 1
    as_owner "$BINDIR/pg_ctl" -D "$data" status >/dev/null 2>&1
}

running_port() {
    # line 4 of postmaster.pid is the port
    sed -n 4p "$1/postmaster.pid" 2>/dev/null || true
}

cmd_start() {
    [[ $# -eq 2 ]] || usage
    local dir=$1 port=$2
    [[ "$port" =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$port'"
    BINDIR=$(find_bindir)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd -P)
    local data="$dir/data" log="$dir/postgres.log" sockdir="$dir/socket"
    local is_root=false
    [[ $(id -u) -eq 0 ]] && is_root=true

    if $is_root; then
        id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' user (apt-get install postgresql creates it)"
        make_reachable_for_postgres "$dir"
        chown -R postgres: "$dir"
    fi

    if ! is_running "$data" && port_in_use "$port"; then
        die "port $port is already taken on 127.0.0.1; choose another one"
    fi

    if [[ ! -f "$data/PG_VERSION" ]]; then
        local locale=C.UTF-8
        if ! locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale=C; fi
        say "creating a cluster in $data ($("$BINDIR/postgres" --version))"
        rm -rf "$data"
        as_owner "$BINDIR/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale="$locale" >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; die "initdb failed (see above)"; }
    fi

    if is_running "$data"; then
        local current
        current=$(running_port "$data")
        [[ "$current" == "$port" ]] || die "the cluster in $data is already running on port $current, not $port; stop it first: $0 stop $dir"
        say "already running on 127.0.0.1:$port"
    else
        # A Unix socket path must stay under ~107 bytes; with a deep DIR we go without a socket (TCP is all we use).
        local sockets="$sockdir"
        if (( ${#sockdir} + 20 > 100 )); then sockets=""; else mkdir -p "$sockdir"; fi
        $is_root && chown -R postgres: "$dir"
        say "starting on 127.0.0.1:$port (log: $log)"
        if ! as_owner "$BINDIR/pg_ctl" -D "$data" -l "$log" -w -t 60 \
                -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$sockets'" start >/dev/null; then
            tail -n 30 "$log" >&2 2>/dev/null || true
            die "PostgreSQL did not start (log above: $log)"
        fi
    fi

    for _ in $(seq 1 100); do
        "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres && break
        sleep 0.1
    done
    "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres || die "PostgreSQL on port $port does not accept connections (log: $log)"

    if [[ -z $("$BINDIR/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -XtAc "select 1 from pg_database where datname = 'agora'") ]]; then
        "$BINDIR/createdb" -h 127.0.0.1 -p "$port" -U postgres agora
        say "created database agora"
    fi
    echo "jdbc:postgresql://127.0.0.1:$port/agora"
}

cmd_stop() {
    [[ $# -eq 1 ]] || usage
    local dir=$1
    if [[ ! -d "$dir/data" ]]; then
        say "no cluster in $dir; nothing to stop"
        return 0
    fi
    BINDIR=$(find_bindir)
    dir=$(cd "$dir" && pwd -P)
    if is_running "$dir/data"; then
        as_owner "$BINDIR/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
        say "stopped the cluster in $dir"
    else
        say "the cluster in $dir is not running"
    fi
}

cmd_crash() {
    [[ $# -eq 1 ]] || usage
    local dir=$1
    BINDIR=$(find_bindir)
    dir=$(cd "$dir" && pwd -P)
    is_running "$dir/data" || die "the cluster in $dir is not running"
    as_owner "$BINDIR/pg_ctl" -D "$dir/data" -m immediate -w -t 60 stop >/dev/null
    say "crashed (immediate stop) the cluster in $dir"
}

cmd_status() {
    [[ $# -eq 1 ]] || usage
    [[ -d "$1/data" ]] || return 1
    BINDIR=$(find_bindir)
    is_running "$1/data" || return 1
    running_port "$1/data"
}

[[ $# -ge 1 ]] || usage
command=$1; shift
case "$command" in
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    crash) cmd_crash "$@" ;;
    status) cmd_status "$@" ;;
    *) usage ;;
esac
