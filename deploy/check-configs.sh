#!/usr/bin/env bash
# Lint the deployment files with their own tools: bash -n + shellcheck for the scripts,
# systemd-analyze for the units, nginx -t for the site, promtool for the alert rules.
# Missing tools are installed by `make ops-tools` (Debian packages); CI runs both.
set -euo pipefail
cd "$(dirname "$0")/.."

for script in deploy/*.sh; do bash -n "$script"; done
shellcheck deploy/*.sh
echo "scripts: ok"

# The units name production paths that do not exist here; everything else must verify.
for unit in deploy/systemd/*.service deploy/systemd/*.timer; do
  output=$(systemd-analyze verify "$unit" 2>&1 | grep -v 'is not executable\|No such file or directory' || true)
  if [ -n "$output" ]; then echo "$output"; exit 1; fi
done
echo "systemd units: ok"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/live/vel-tutor.com"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=vel-tutor.com \
  -keyout "$work/live/vel-tutor.com/privkey.pem" -out "$work/live/vel-tutor.com/fullchain.pem" \
  2>/dev/null
sed "s#/etc/letsencrypt/live#$work/live#" deploy/nginx/vel_tutor.conf > "$work/site.conf"
printf 'pid %s/nginx.pid;\nerror_log %s/error.log;\nevents {}\nhttp { include %s/site.conf; }\n' \
  "$work" "$work" "$work" > "$work/nginx.conf"
nginx -t -q -c "$work/nginx.conf"
echo "nginx site: ok"

promtool check rules deploy/alerts.yml
echo "alert rules: ok"
