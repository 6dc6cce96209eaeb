#!/usr/bin/env bash
# Where the time of one request kind goes: starts the release binary on a fresh SQLite database
# (or PostgreSQL with DB=pg), seeds it like bench/run.sh, drives PATH with wrk for DUR seconds and
# records the service with perf; prints the top of the report.
#   bench/profile.sh /events/SLUG        (the popular event's slug is put in for SLUG)
#   DB=pg bench/profile.sh /events/SLUG.ics
#   DB=pg bench/profile.sh register       (registrations through the JSON API on the popular event)
#   bench/profile.sh register-spread      (the same, going round the 100 further events)
#   bench/profile.sh drain                (the sender alone: the mails of DUR seconds of
#                                          registrations sent again to the SMTP sink)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
LIB=$HERE/lib
DUR=${DUR:-8}; CONN=${CONN:-16}; THREADS=${THREADS:-2}; SPREAD_EVENTS=${SPREAD_EVENTS:-100}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}; PG_PORT=${PG_PORT:-55434}; SMTP_PORT=${SMTP_PORT:-18126}
PORT_A=${PORT_A:-18183}; DB=${DB:-sqlite}; SVC_EXTRA_ENV=${SVC_EXTRA_ENV:-}
BIN=$ROOT/target/release/treffpunkt
# shellcheck source=lib/common.sh
source "$LIB/common.sh"
command -v perf >/dev/null || { apt-get update -qq && apt-get install -y -qq linux-perf >/dev/null; }
ensure_tools
WORK=$(mktemp -d /tmp/treffpunkt-profile-XXXXXX); chmod 711 "$WORK"; mkdir -p "$WORK/mail"
cleanup() { local p; for p in "${PIDS[@]}"; do stop_pid "$p"; done; pg_stop; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
(cd "$ROOT" && cargo build --release --quiet)
if [[ ${SINK_QUICKACK:-0} == 1 ]]; then
  PY=$(python3 -c 'import sys; print(sys.executable)')
  "$PY" "$LIB/smtp_sink.py" "$SMTP_PORT" "$WORK/smtp-count" 2>/dev/null & track $!
else
  (cd "$HERE/smtp-sink" && cargo build --release --quiet --target-dir target)
  "$HERE/smtp-sink/target/release/smtp-sink" serve "127.0.0.1:$SMTP_PORT" "$WORK/smtp-received" & track $!
fi
if [[ $DB == pg ]]; then pg_start; url=$(pg_new_db profile); else url="sqlite://$WORK/p.db?mode=rwc"; fi
svc_start "$PORT_A" "$url"; pid=$SVC_PID
seed_small "$PORT_A" "$url"
path=${1:-/events/SLUG}; path=${path//SLUG/$POP_SLUG}
memory() { echo "memory $1: $(grep -E '^(VmRSS|RssAnon|RssFile)' "/proc/$pid/status" | tr -s ' \t\n' ' ')"; }
memory "after seeding"
load() { # load ARGS...: wrk against the service for DUR + 2 seconds, in the background
  wrk -t "$THREADS" -c "$CONN" -d "$((DUR + 2))s" "$@" >"$WORK/wrk.out" 2>&1 &
  wrk_pid=$!; track "$wrk_pid"
}
case $path in
  register) load -s "$LIB/post.lua" "http://127.0.0.1:$PORT_A" -- json "p$(date +%s)" "$POP_ID" ;;
  register-spread) load -s "$LIB/post.lua" "http://127.0.0.1:$PORT_A" -- json "p$(date +%s)" "$SPREAD_IDS" ;;
  drain) load -s "$LIB/post.lua" "http://127.0.0.1:$PORT_A" -- json "p$(date +%s)" "$SPREAD_IDS" ;;
  *) load "http://127.0.0.1:$PORT_A$path" ;;
esac
if [[ $path == drain ]]; then
  # The sender alone: the registrations' mails (sent during the load) are made due again, as
  # the mail drain of run.sh does, and perf records until the outbox is empty.
  wait "$wrk_pid" || true; untrack "$wrk_pid"; sleep 2
  q "$url" "UPDATE outbox SET sent_at = NULL, failed_at = NULL, locked_until = NULL, locked_by = NULL, attempts = 0,
            payload = '{\"token\":\"00112233445566778899aabbccddeeff0011223344556677\"}' WHERE channel = 'mail'" >/dev/null
  mails=$(q "$url" "SELECT count(*) FROM outbox WHERE sent_at IS NULL")
  perf record -F 999 -g -p "$pid" -o "$WORK/perf.data" >/dev/null 2>&1 &
  perf_pid=$!
  t0=$(date +%s.%N)
  curl -fsS -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"name\":\"Mail\",\"email\":\"mail-$(date +%s%N)@example.org\",\"party_size\":1,\"language\":\"de\",\"consent\":true}" \
    "http://127.0.0.1:$PORT_A/api/v1/events/$POP_ID/registrations"
  until (($(q "$url" "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL") == 0)); do sleep 0.05; done
  t1=$(date +%s.%N)
  kill -INT "$perf_pid"; wait "$perf_pid" || true
  awk -v n="$mails" -v a="$t0" -v b="$t1" 'BEGIN { printf "Requests/sec: %d mails/s (%d mails in %.2f s)\n", n / (b - a), n, b - a }' >>"$WORK/wrk.out"
else
  sleep 1
  perf record -F 999 -g -p "$pid" -o "$WORK/perf.data" -- sleep "$DUR" >/dev/null 2>&1
  wait "$wrk_pid" || true; untrack "$wrk_pid"
fi
memory "after the load"
grep -E 'Requests/sec|RESULT' "$WORK/wrk.out"
# Where the time is spent itself, then what it is spent under (callers included). The pipes end
# early at `head`.
set +o pipefail
perf report -i "$WORK/perf.data" --no-children --sort dso,symbol --stdio 2>/dev/null | grep -v '^#' | grep -E '^ +[0-9]' | cut -c1-160 | head -n "${TOP:-40}"
echo "-- including callees --"
perf report -i "$WORK/perf.data" --children --sort symbol --stdio -g none 2>/dev/null | grep -v '^#' | grep -E '^ +[0-9]' | cut -c1-200 | head -n "${TOP:-40}"
if [[ -n ${KEEP:-} ]]; then cp "$WORK/perf.data" "$KEEP"; fi
