#!/usr/bin/env bash
# Pre-Phase 2 backup (checklist Step 1), verified by restoring it.
#
#   DATABASE_URL=postgres://user@host:5432/veltutor deploy/backup.sh [OUTPUT_DIR]
#
# Writes OUTPUT_DIR/pre_phase2_YYYYMMDD_HHMMSS.dump (pg_dump custom format, no owner;
# OUTPUT_DIR defaults to backups/), then verifies it: non-empty, `pg_restore --list` reads
# it and lists the Phase 1 tables (those the source has; a fresh database has none), and a restore into a scratch database
# veltutor_verify_<timestamp> on the same server has the same row counts as the source.
# The scratch database is always dropped. Exits non-zero with a message on any failure.
set -euo pipefail

die() {
    echo "backup.sh: error: $*" >&2
    exit 1
}

[[ -n "${DATABASE_URL:-}" ]] || die "DATABASE_URL is not set"

url="$DATABASE_URL"
case "$url" in
    ecto://*) url="postgresql://${url#ecto://}" ;;
    postgres://*) url="postgresql://${url#postgres://}" ;;
    postgresql://*) ;;
    *) die "DATABASE_URL must start with postgres://, postgresql:// or ecto://" ;;
esac
if [[ "$url" =~ ^(postgresql://[^/]*)/([^?]+)(\?.*)?$ ]]; then
    server="${BASH_REMATCH[1]}"
    source_db="${BASH_REMATCH[2]}"
    query="${BASH_REMATCH[3]:-}"
else
    die "DATABASE_URL has no database name"
fi

output_dir="${1:-backups}"
mkdir -p "$output_dir" || die "cannot create output directory $output_dir"
stamp="$(date +%Y%m%d_%H%M%S)"
dump_file="$output_dir/pre_phase2_${stamp}.dump"
scratch_db="veltutor_verify_${stamp}_$$"
scratch_created=0

cleanup() {
    if [[ "$scratch_created" == 1 ]]; then
        psql --no-psqlrc -q -d "$server/postgres$query" \
            -c "DROP DATABASE IF EXISTS \"$scratch_db\"" >/dev/null 2>&1 ||
            echo "backup.sh: warning: could not drop scratch database $scratch_db" >&2
    fi
}
trap cleanup EXIT

count_rows() { # DB_URL TABLE -> row count, or "absent"
    local exists
    exists="$(psql --no-psqlrc -tAX -v ON_ERROR_STOP=1 -d "$1" \
        -c "SELECT to_regclass('public.$2') IS NOT NULL")" || return 1
    if [[ "$exists" == "t" ]]; then
        psql --no-psqlrc -tAX -v ON_ERROR_STOP=1 -d "$1" -c "SELECT COUNT(*) FROM public.\"$2\""
    else
        echo absent
    fi
}

echo "Dumping $source_db to $dump_file ..."
pg_dump --format=custom --no-owner --file="$dump_file" "$url" ||
    die "pg_dump failed for database $source_db"

[[ -s "$dump_file" ]] || die "dump file $dump_file is empty"

listing="$(pg_restore --list "$dump_file")" || die "pg_restore --list cannot read $dump_file"
# Every Phase 1 table the source has must be in the dump. A fresh, never-migrated
# database (first deploy) has none: that is reported, not an error.
phase1_found=0
for table in accounts_user learning_subject learning_skill learning_question \
    learning_learningsession; do
    in_source="$(psql --no-psqlrc -tAX -v ON_ERROR_STOP=1 -d "$url" \
        -c "SELECT to_regclass('public.$table') IS NOT NULL")" ||
        die "cannot inspect database $source_db"
    [[ "$in_source" == t ]] || continue
    phase1_found=$((phase1_found + 1))
    grep -Eq "TABLE public $table " <<<"$listing" ||
        die "dump does not contain Phase 1 table $table"
done
if [[ "$phase1_found" == 0 ]]; then
    echo "Note: $source_db has no Phase 1 tables yet (fresh database)."
else
    echo "Dump lists all $phase1_found Phase 1 tables."
fi

echo "Verifying by restoring into scratch database $scratch_db ..."
psql --no-psqlrc -q -v ON_ERROR_STOP=1 -d "$server/postgres$query" \
    -c "CREATE DATABASE \"$scratch_db\"" >/dev/null ||
    die "cannot create scratch database $scratch_db"
scratch_created=1
scratch_url="$server/$scratch_db$query"
pg_restore --no-owner --exit-on-error --dbname="$scratch_url" "$dump_file" ||
    die "restoring $dump_file into $scratch_db failed"

for table in accounts_user learning_question learning_learningsession user_rewards; do
    source_count="$(count_rows "$url" "$table")" || die "cannot count $table in $source_db"
    scratch_count="$(count_rows "$scratch_url" "$table")" ||
        die "cannot count $table in $scratch_db"
    [[ "$source_count" == "$scratch_count" ]] ||
        die "row count mismatch for $table: source $source_count, restored $scratch_count"
    if [[ "$source_count" == absent ]]; then
        echo "  $table: absent in source and restore"
    else
        echo "  $table: $source_count rows"
    fi
done

size="$(du -h "$dump_file" | cut -f1)"
echo "Backup $dump_file ($size, $(wc -c <"$dump_file") bytes) verified."
