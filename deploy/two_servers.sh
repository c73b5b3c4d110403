#!/usr/bin/env bash
# Two app servers behind nginx on one PostgreSQL and Redis, with uploads in an
# S3-compatible object store: the deployment of docs/deployment.md ("Two app
# servers behind nginx"), started here on free 127.0.0.1 ports, then checked:
#   1. signed in through server A, still signed in on server B (session in Redis);
#   2. a picture uploaded through A is read through B (private bucket, download
#      view) and, once approved, from the public bucket;
#   3. 20 shoppers race for the last 5 units, half placing through each server:
#      exactly 5 orders, stock never negative, one movement per reservation;
#   4. a short wrk load through nginx, spread over both servers.
# Exits non-zero on any failure; stops everything it started, whatever happens.
#
# Needs: PostgreSQL (role ocop, as .ci/run makes it), Redis, nginx and wrk
# (Debian packages), openssl, the dev requirements (moto's S3 server).
# Environment: TWO_DB (ocop_two), TWO_REDIS_URL (redis://127.0.0.1:6379/9),
# PGHOST/PGPORT/PGUSER/PGPASSWORD for the database server (127.0.0.1:5432, ocop, ocop).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY="$ROOT/.venv/bin/python"
NGINX=${NGINX:-/usr/sbin/nginx}
WRK=${WRK:-/usr/bin/wrk}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-ocop} PGPASSWORD=${PGPASSWORD:-ocop}
DB=${TWO_DB:-ocop_two}
REDIS=${TWO_REDIS_URL:-redis://127.0.0.1:6379/9}

for tool in "$NGINX" "$WRK" "$PY"; do
  [ -x "$tool" ] || { echo "two-servers: $tool is not installed" >&2; exit 2; }
done

RUN="$ROOT/var/two-servers"
rm -rf "$RUN"
mkdir -p "$RUN/nginx" "$RUN/static"
PIDS=()
stop_all() {
  local status=$?
  # Last started first: nginx, the app servers (finishing their requests), then S3.
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill "${PIDS[i]}" 2>/dev/null || true
    wait "${PIDS[i]}" 2>/dev/null || true
  done
  if [ "$status" -ne 0 ]; then
    echo "two-servers: FAILED (exit $status); logs in $RUN" >&2
    tail -n 20 "$RUN"/*.log "$RUN"/nginx/error.log 2>/dev/null >&2 || true
  fi
  exit "$status"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_http() {  # url, pid: until it answers (any status) or the process dies
  for _ in $(seq 300); do
    curl -ks -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { echo "two-servers: process for $1 died" >&2; return 1; }
    sleep 0.2
  done
  echo "two-servers: $1 did not answer" >&2; return 1
}

S3_PORT=$(free_port); APP_A_PORT=$(free_port); APP_B_PORT=$(free_port)
HTTP_PORT=$(free_port); HTTPS_PORT=$(free_port)
S3="http://127.0.0.1:$S3_PORT"

# --- object storage (moto's S3 server) ---------------------------------------
"$ROOT/.venv/bin/moto_server" -H 127.0.0.1 -p "$S3_PORT" >"$RUN/s3.log" 2>&1 &
PIDS+=($!)
wait_http "$S3/" "${PIDS[-1]}"

# --- the environment both app servers share ----------------------------------
export DJANGO_SETTINGS_MODULE=storefront.settings.production
DJANGO_SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
export DJANGO_SECRET_KEY
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DATABASE_URL="postgres://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$DB"
export REDIS_URL="$REDIS" CACHE_KEY_PREFIX="ocop-two-$$"
export DJANGO_STATIC_ROOT="$RUN/static"
export MEDIA_S3_BUCKET=ocop-media PRIVATE_MEDIA_S3_BUCKET=ocop-private
export MEDIA_S3_ENDPOINT_URL="$S3" MEDIA_S3_REGION=us-east-1
export MEDIA_S3_ACCESS_KEY_ID=two-servers MEDIA_S3_SECRET_ACCESS_KEY=two-servers
export OCOP_TRUSTED_PROXY_COUNT=1 DJANGO_LOG_LEVEL=WARNING
# No mail server here: order emails are built and then dropped.
export DJANGO_EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
# Demo pictures are written to the bucket; nothing to the working tree.
export DJANGO_MEDIA_ROOT="$RUN/no-media" DJANGO_PRIVATE_MEDIA_ROOT="$RUN/no-private-media"

"$PY" deploy/two_servers_check.py buckets

# --- a fresh database, migrated, with the demo data; static files collected ---
started=$SECONDS
dropdb --if-exists "$DB"
"$PY" manage.py collectstatic --no-input -v 0 >"$RUN/collectstatic.log" 2>&1 &
collect=$!
# Migrating an empty database takes most of a minute; the migrated, still
# empty database is kept as a template, named after the migrations and the
# locked packages (whose migrations run too), and copied on the next run.
key=$(cat requirements/base.txt $(find catalogue cms storefront -path '*/migrations/*.py' | sort) \
  | sha1sum | cut -c1-12)
TEMPLATE="${DB}_migrated_$key"
templates=$(psql -d postgres -tAc "SELECT datname FROM pg_database WHERE datname LIKE '${DB}_migrated_%'")
if grep -qx "$TEMPLATE" <<<"$templates"; then
  createdb -T "$TEMPLATE" "$DB"
else
  for old in $templates; do dropdb --if-exists "$old"; done
  createdb "$DB"
  "$PY" manage.py migrate --no-input -v 0
  createdb -T "$DB" "$TEMPLATE"
fi
migrated=$SECONDS
"$PY" manage.py load_demo_data --force >"$RUN/demo.log"
wait "$collect"
echo "two-servers: database $DB migrated ($((migrated - started)) s), demo data loaded," \
  "static collected ($((SECONDS - started)) s in all)"

# --- two app servers ------------------------------------------------------------
for name in a b; do
  port_var="APP_${name^^}_PORT"
  "$ROOT/.venv/bin/gunicorn" storefront.wsgi --bind "127.0.0.1:${!port_var}" \
    --workers 2 --timeout 60 --graceful-timeout 5 \
    --access-logfile "$RUN/app-$name.access.log" --error-logfile - >"$RUN/app-$name.log" 2>&1 &
  PIDS+=($!)
done

# --- nginx in front, TLS with a certificate made for 127.0.0.1 ------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$RUN/tls.key" -out "$RUN/tls.crt" 2>/dev/null
export NGINX_VAR="$RUN/nginx" HTTP_PORT HTTPS_PORT SERVER_NAME=127.0.0.1
export TLS_CERT="$RUN/tls.crt" TLS_KEY="$RUN/tls.key" STATIC_ROOT="$DJANGO_STATIC_ROOT"
export APP_A="127.0.0.1:$APP_A_PORT" APP_B="127.0.0.1:$APP_B_PORT"
envsubst '${NGINX_VAR} ${HTTP_PORT} ${HTTPS_PORT} ${SERVER_NAME} ${TLS_CERT} ${TLS_KEY} ${APP_A} ${APP_B} ${STATIC_ROOT}' \
  <deploy/nginx.conf >"$RUN/nginx.conf"
# As root, nginx's workers would switch to "nobody", who may not read this
# checkout; a server uses the package's user (www-data) instead.
USER_DIRECTIVE=""
[ "$(id -u)" = 0 ] && USER_DIRECTIVE="user root;"
"$NGINX" -t -q -p "$RUN/nginx" -c "$RUN/nginx.conf" -g "daemon off; $USER_DIRECTIVE"
"$NGINX" -p "$RUN/nginx" -c "$RUN/nginx.conf" -g "daemon off; $USER_DIRECTIVE" &
PIDS+=($!)

wait_http "http://$APP_A/healthz" "${PIDS[1]}"
wait_http "http://$APP_B/healthz" "${PIDS[2]}"
wait_http "https://127.0.0.1:$HTTPS_PORT/healthz" "${PIDS[3]}"
echo "two-servers: nginx https://127.0.0.1:$HTTPS_PORT/ → $APP_A, $APP_B; S3 $S3; database $DB"

# --- checks 1–3 ---------------------------------------------------------------------
export TWO_PROXY="https://127.0.0.1:$HTTPS_PORT" TWO_PROXY_HTTP="http://127.0.0.1:$HTTP_PORT"
export TWO_APP_A="http://$APP_A" TWO_APP_B="http://$APP_B" TWO_TLS_CERT="$TLS_CERT"
"$PY" deploy/two_servers_check.py sessions media race static warm

# --- check 4: a short load through nginx, over both servers -------------------------
before_a=$(wc -l <"$RUN/app-a.access.log"); before_b=$(wc -l <"$RUN/app-b.access.log")
"$WRK" -t 2 -c 8 -d "${TWO_WRK_SECONDS:-8}s" --timeout 10s --latency "$TWO_PROXY/shop/catalogue/" | tee "$RUN/wrk.txt"
served_a=$(($(wc -l <"$RUN/app-a.access.log") - before_a))
served_b=$(($(wc -l <"$RUN/app-b.access.log") - before_b))
"$PY" deploy/two_servers_check.py load "$RUN/wrk.txt" "$served_a" "$served_b"

if grep -q "Traceback\|Internal Server Error" "$RUN"/app-*.log; then
  echo "two-servers: an app server logged an error" >&2
  exit 1
fi
echo "two-servers: all checks passed ($SECONDS s)"
