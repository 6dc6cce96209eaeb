#!/usr/bin/env bash
# Where the time of one request kind goes: starts the release binary on a fresh SQLite database
# (or PostgreSQL with DB=pg), seeds it like bench/run.sh, drives PATH with wrk for DUR seconds and
# records the service with perf; prints the top of the report.
#   bench/profile.sh /events/SLUG        (the popular event's slug is put in for SLUG)
#   DB=pg bench/profile.sh /events/SLUG.ics
#   DB=pg bench/profile.sh register       (registrations through the JSON API on the popular event)
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
if [[ $path == register ]]; then
  wrk -t "$THREADS" -c "$CONN" -d "$((DUR + 2))s" -s "$LIB/post.lua" "http://127.0.0.1:$PORT_A" \
    -- json "p$(date +%s)" "$POP_ID" >"$WORK/wrk.out" 2>&1 &
else
  wrk -t "$THREADS" -c "$CONN" -d "$((DUR + 2))s" "http://127.0.0.1:$PORT_A$path" >"$WORK/wrk.out" 2>&1 &
fi
wrk_pid=$!; track "$wrk_pid"
sleep 1
perf record -F 999 -g -p "$pid" -o "$WORK/perf.data" -- sleep "$DUR" >/dev/null 2>&1
wait "$wrk_pid" || true; untrack "$wrk_pid"
memory "after the load"
grep -E 'Requests/sec|RESULT' "$WORK/wrk.out"
# Where the time is spent itself, then what it is spent under (callers included). The pipes end
# early at `head`.
set +o pipefail
perf report -i "$WORK/perf.data" --no-children --sort dso,symbol --stdio 2>/dev/null | grep -v '^#' | grep -E '^ +[0-9]' | cut -c1-160 | head -n "${TOP:-40}"
echo "-- including callees --"
perf report -i "$WORK/perf.data" --children --sort symbol --stdio -g none 2>/dev/null | grep -v '^#' | grep -E '^ +[0-9]' | cut -c1-200 | head -n "${TOP:-40}"
if [[ -n ${KEEP:-} ]]; then cp "$WORK/perf.data" "$KEEP"; fi
