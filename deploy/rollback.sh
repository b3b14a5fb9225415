#!/usr/bin/env bash
# One-command rollback: stop → unapply Phase 2 migrations → check out the previous release
# → restart → verify (health ok, Phase 2 routes 404). Records the run either way.
#
#   deploy/rollback.sh [PREVIOUS_RELEASE]   # a git ref; default: the last deploy's previous commit
#
# The Phase 2 migrations are unapplied *before* the checkout, while this release's code
# still knows them (the previous release has no Phase 2 migrations to unapply).
# Environment: STOP_COMMAND (default: sudo systemctl stop vel_tutor), RESTART_COMMAND
# (default: sudo systemctl start vel_tutor), BASE_URL, HEALTH_TIMEOUT, SKIP_CHECKOUT=1.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
STOP_COMMAND=${STOP_COMMAND:-sudo systemctl stop vel_tutor}
RESTART_COMMAND=${RESTART_COMMAND:-sudo systemctl start vel_tutor}
BASE_URL=${BASE_URL:-http://127.0.0.1:${PORT:-8000}}
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-60}
STARTED_AT=$(date +%s)
COMMIT=$(git rev-parse HEAD 2>/dev/null || echo unknown)
TARGET=${1:-$(git rev-parse HEAD~1 2>/dev/null || echo "")}
STEP=""

record() {
  "$PYTHON" manage.py record_deployment --kind rollback --status "$1" --failed-step "$STEP" \
    --started-at "$STARTED_AT" --commit "$TARGET" --previous-commit "$COMMIT" --rolled-back \
    || echo "(could not record the run)" >&2
}
fail() { echo "ROLLBACK FAILED at step: $STEP" >&2; record failed; exit 1; }
trap fail ERR
step() { STEP=$1; printf '\n==> [%s] %s\n' "$(date +%T)" "$1"; }

step stop
bash -c "$STOP_COMMAND"

step phase2_rollback
"$PYTHON" manage.py phase2_rollback --yes

step checkout
if [ "${SKIP_CHECKOUT:-0}" = 1 ]; then echo "skipped (SKIP_CHECKOUT=1)"; else git checkout --quiet "$TARGET"; fi

step restart
bash -c "$RESTART_COMMAND"

step verify
deadline=$(( $(date +%s) + HEALTH_TIMEOUT ))
until curl -fsS "$BASE_URL/api/health" | grep -q '"status": "ok"'; do
  if [ "$(date +%s)" -ge "$deadline" ]; then echo "no healthy answer in ${HEALTH_TIMEOUT}s" >&2; false; fi
  sleep 1
done
for path in /challenge/test-token-12345 /rally/test-token-67890 /dashboard/phase2; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE_URL$path")
  echo "$path → $code"
  [ "$code" = 404 ]
done

STEP=""
trap - ERR
record succeeded
echo "ROLLED BACK to $TARGET in $(( $(date +%s) - STARTED_AT ))s"
