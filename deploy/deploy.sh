#!/usr/bin/env bash
# One-command deploy: backup → install → collectstatic → migrate → sync flags → restart →
# wait for health → smoke test. Stops at the first failure, naming the step, and records
# the run in the deployments log (admin → Operations → Deployments) either way.
#
#   deploy/deploy.sh                      # from the release checkout, with the production env
#
# Environment (besides the app's own, e.g. DATABASE_URL):
#   RESTART_COMMAND  how to restart the app   (default: sudo systemctl restart vel_tutor)
#   BASE_URL         where the app answers    (default: http://127.0.0.1:${PORT:-8000})
#   SKIP_BACKUP=1    skip the pg_dump step (SQLite or a throwaway environment only)
#   HEALTH_TIMEOUT   seconds to wait for /api/health (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
RESTART_COMMAND=${RESTART_COMMAND:-sudo systemctl restart vel_tutor}
BASE_URL=${BASE_URL:-http://127.0.0.1:${PORT:-8000}}
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-60}
STARTED_AT=$(date +%s)
COMMIT=$(git rev-parse HEAD 2>/dev/null || echo unknown)
PREVIOUS=$("$PYTHON" manage.py record_deployment --last-commit 2>/dev/null | tail -n 1 || true)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
STEP=""
SMOKE=skipped

record() {  # record <succeeded|failed>
  "$PYTHON" manage.py record_deployment --kind deploy --status "$1" --failed-step "$STEP" \
    --started-at "$STARTED_AT" --commit "$COMMIT" --previous-commit "$PREVIOUS" \
    --migrations-file "$WORK/migrations.txt" --smoke "$SMOKE" \
    --smoke-output-file "$WORK/smoke.txt" || echo "(could not record the run)" >&2
}
fail() {
  echo "DEPLOY FAILED at step: $STEP" >&2
  record failed
  exit 1
}
trap fail ERR
step() { STEP=$1; printf '\n==> [%s] %s\n' "$(date +%T)" "$1"; }

step backup
if [ "${SKIP_BACKUP:-0}" = 1 ]; then echo "skipped (SKIP_BACKUP=1)"; else deploy/backup.sh "${BACKUP_DIR:-backups}"; fi

step install
"$PYTHON" -m pip install --quiet -e .
npm ci --no-audit --no-fund --silent

step collectstatic
"$PYTHON" manage.py collectstatic --no-input -v0

step migrate
"$PYTHON" manage.py showmigrations --plan | sed -n 's/^\[ \]  *//p' > "$WORK/migrations.txt"
echo "$(wc -l < "$WORK/migrations.txt") migration(s) to apply"
"$PYTHON" manage.py migrate --no-input

step sync_flags
"$PYTHON" manage.py sync_flags

step restart
bash -c "$RESTART_COMMAND"

step wait_for_health
deadline=$(( $(date +%s) + HEALTH_TIMEOUT ))
until curl -fsS "$BASE_URL/api/health" | grep -q '"status": "ok"'; do
  if [ "$(date +%s)" -ge "$deadline" ]; then echo "no healthy answer in ${HEALTH_TIMEOUT}s" >&2; false; fi
  sleep 1
done
echo "healthy"

step smoke_test
SMOKE=failed
"$PYTHON" manage.py smoke_test --base-url "$BASE_URL" | tee "$WORK/smoke.txt"
SMOKE=passed

STEP=""
trap - ERR
record succeeded
echo "DEPLOYED $COMMIT in $(( $(date +%s) - STARTED_AT ))s"
