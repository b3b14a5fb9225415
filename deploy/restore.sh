#!/usr/bin/env bash
# Restore a deploy/backup.sh dump into a named database on the DATABASE_URL server.
#
#   DATABASE_URL=postgres://user@host:5432/anydb deploy/restore.sh DUMP_FILE TARGET_DB [--force]
#
# Only the server part of DATABASE_URL (user, host, port, options) is used. The target
# database is created if missing. If it exists and already has tables, the script refuses
# unless --force, which DROPS and recreates it (fails if someone is connected to it).
# Prints the row counts of the main tables afterwards.
set -euo pipefail

die() {
    echo "restore.sh: error: $*" >&2
    exit 1
}

usage() {
    echo "usage: restore.sh DUMP_FILE TARGET_DB_NAME [--force]" >&2
    exit 2
}

force=0
positional=()
for arg in "$@"; do
    case "$arg" in
        --force) force=1 ;;
        -h | --help) usage ;;
        -*) die "unknown option $arg" ;;
        *) positional+=("$arg") ;;
    esac
done
[[ "${#positional[@]}" == 2 ]] || usage
dump_file="${positional[0]}"
target_db="${positional[1]}"

[[ -s "$dump_file" ]] || die "dump file $dump_file is missing or empty"
[[ "$target_db" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "invalid database name $target_db"
[[ -n "${DATABASE_URL:-}" ]] || die "DATABASE_URL is not set"

url="$DATABASE_URL"
case "$url" in
    ecto://*) url="postgresql://${url#ecto://}" ;;
    postgres://*) url="postgresql://${url#postgres://}" ;;
    postgresql://*) ;;
    *) die "DATABASE_URL must start with postgres://, postgresql:// or ecto://" ;;
esac
if [[ "$url" =~ ^(postgresql://[^/?]*)(/[^?]*)?(\?.*)?$ ]]; then
    server="${BASH_REMATCH[1]}"
    query="${BASH_REMATCH[3]:-}"
else
    die "cannot parse DATABASE_URL"
fi
admin_url="$server/postgres$query"
target_url="$server/$target_db$query"

sql() { # DB_URL SQL
    psql --no-psqlrc -tAX -v ON_ERROR_STOP=1 -d "$1" -c "$2"
}

pg_restore --list "$dump_file" >/dev/null || die "pg_restore cannot read $dump_file"

exists="$(sql "$admin_url" "SELECT 1 FROM pg_database WHERE datname = '$target_db'")" ||
    die "cannot connect to the server"
if [[ "$exists" == 1 ]]; then
    tables="$(sql "$target_url" \
        "SELECT COUNT(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")" ||
        die "cannot inspect $target_db"
    if [[ "$tables" != 0 ]]; then
        [[ "$force" == 1 ]] ||
            die "database $target_db exists and has $tables tables; use --force to replace it"
        echo "Dropping existing database $target_db (--force) ..."
        sql "$admin_url" "DROP DATABASE \"$target_db\"" >/dev/null ||
            die "cannot drop $target_db (is something connected to it?)"
        exists=""
    fi
fi
if [[ "$exists" != 1 ]]; then
    sql "$admin_url" "CREATE DATABASE \"$target_db\"" >/dev/null ||
        die "cannot create database $target_db"
fi

echo "Restoring $dump_file into $target_db ..."
pg_restore --no-owner --exit-on-error --dbname="$target_url" "$dump_file" ||
    die "pg_restore into $target_db failed"

echo "Restored into $target_db. Row counts:"
for table in accounts_user learning_subject learning_skill learning_question \
    learning_learningsession user_rewards; do
    present="$(sql "$target_url" "SELECT to_regclass('public.$table') IS NOT NULL")"
    if [[ "$present" == t ]]; then
        echo "  $table: $(sql "$target_url" "SELECT COUNT(*) FROM public.\"$table\"")"
    else
        echo "  $table: (absent)"
    fi
done
