# Helpers of bench/run.sh: processes, databases, the load client, checks. Sourced, not run.
# Every process started here is recorded by PID and stopped by PID in cleanup.

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Installs what the benchmarks need on a Debian machine, only where it is missing.
ensure_tools() {
  local need=()
  command -v wrk >/dev/null || need+=(wrk)
  command -v curl >/dev/null || need+=(curl)
  command -v python3 >/dev/null || need+=(python3)
  command -v psql >/dev/null || need+=(postgresql-client)
  command -v pgbench >/dev/null || need+=(postgresql-client)
  [[ -x $PGBIN/initdb ]] || need+=(postgresql)
  if ((${#need[@]})); then
    log "installing ${need[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  command -v cargo >/dev/null || die "cargo is needed (rustup); the toolchain is pinned in rust-toolchain.toml"
  id postgres >/dev/null 2>&1 || die "the postgres system user is missing (package postgresql)"
}

# ---------------------------------------------------------------- processes
PIDS=()
track() { PIDS+=("$1"); }
untrack() { local p keep=(); for p in "${PIDS[@]}"; do [[ $p == "$1" ]] || keep+=("$p"); done; PIDS=("${keep[@]}"); }

stop_pid() { # stop_pid PID: SIGTERM, wait up to 10 s, then SIGKILL
  local pid=$1 i
  [[ -n $pid ]] || return 0
  kill -TERM "$pid" 2>/dev/null || { untrack "$pid"; return 0; }
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
  untrack "$pid"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() { # wait_port PORT PID: until something listens on the port
  local i
  for ((i = 0; i < 100; i++)); do
    port_free "$1" || return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

wait_http() { # wait_http URL PID
  local i
  for ((i = 0; i < 300; i++)); do
    curl -fs -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# rss_sampler PID FILE: a line "UNIX-TIME<TAB>VmRSS in kB" every second while the process lives.
# Builtins only (no process per sample), so the sampling does not add to the load it watches.
rss_sampler() {
  local pid=$1 file=$2 key value _
  while [[ -r /proc/$pid/status ]]; do
    while read -r key value _; do
      [[ $key == VmRSS: ]] && { printf '%(%s)T\t%s\n' -1 "$value"; break; }
    done <"/proc/$pid/status"
    sleep 1
  done >"$file"
}

rss_mb() { # rss_mb PID[,PID...]: resident memory in MB, the largest of the processes
  local p m best=NA
  for p in ${1//,/ }; do
    m=$(awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$p/status" 2>/dev/null) || continue
    [[ $best == NA ]] || awk -v a="$m" -v b="$best" 'BEGIN { exit !(a > b) }' || continue
    best=$m
  done
  echo "$best"
}

# ---------------------------------------------------------------- PostgreSQL
# A throw-away cluster with PostgreSQL's default durability, the same kind the ceiling scripts
# measure; or an existing server when PGURL_BASE is set (postgres://user@host:port).
PG_PID=
pg_start() {
  if [[ -n ${PGURL_BASE:-} ]]; then PG_BASE=$PGURL_BASE; return; fi
  local dir=$WORK/pg
  mkdir -p "$dir" && chown postgres "$dir"
  runuser -u postgres -- "$PGBIN/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-h 127.0.0.1 -p $PG_PORT -k $dir -c max_connections=200" start >/dev/null
  PG_PID=$(head -n 1 "$dir/data/postmaster.pid")
  PG_BASE="postgres://postgres@127.0.0.1:$PG_PORT"
}
pg_stop() {
  [[ -n $PG_PID ]] || return 0
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1 || kill -INT "$PG_PID" 2>/dev/null
  PG_PID=
}
pg_new_db() { # pg_new_db NAME -> URL
  psql "$PG_BASE/postgres" -XAtq -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
  echo "$PG_BASE/$1"
}
pg_drop_db() { psql "$PG_BASE/postgres" -XAtq -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null; }

q() { # q DBURL SQL: rows, columns separated by |
  case $1 in
    sqlite:*) python3 "$LIB/sq.py" "$1" "$2" ;;
    postgres:*) psql "$1" -XAtq -v ON_ERROR_STOP=1 -c "$2" ;;
  esac
}
q_file() { # q_file DBURL FILE
  case $1 in
    sqlite:*) python3 "$LIB/sq.py" "$1" "$(cat "$2")" ;;
    postgres:*) psql "$1" -XAtq -v ON_ERROR_STOP=1 -f "$2" ;;
  esac
}

# ---------------------------------------------------------------- the service
svc_env() { # svc_env PORT DBURL: the environment of one instance
  printf '%s\n' \
    "TREFFPUNKT__SERVER__ADDR=127.0.0.1:$1" \
    "TREFFPUNKT__SERVER__PUBLIC_URL=http://127.0.0.1:$1" \
    "TREFFPUNKT__DATABASE__URL=$2" \
    "TREFFPUNKT__LIMITS__PUBLIC_PER_MINUTE=100000000" \
    "TREFFPUNKT__MAIL__SMTP_URL=smtp://127.0.0.1:$SMTP_PORT" \
    "TREFFPUNKT__MAIL__FILE_DIR=$WORK/mail" \
    "TREFFPUNKT__JOBS__OUTBOX_INTERVAL=${OUTBOX_INTERVAL:-10s}" \
    $SVC_EXTRA_ENV
}
tp() { # tp PORT DBURL ARGS...: runs the CLI with the instance's environment
  local port=$1 url=$2; shift 2
  (cd "$ROOT" && env $(svc_env "$port" "$url") "$BIN" "$@" 2>>"$WORK/cli.log")
}
SVC_PID=
svc_start() { # svc_start PORT DBURL -> SVC_PID
  local port=$1 url=$2
  port_free "$port" || die "port $port is in use"
  (cd "$ROOT" && exec env $(svc_env "$port" "$url") "$BIN" serve) >>"$WORK/service-$port.log" 2>&1 &
  SVC_PID=$!
  track "$SVC_PID"
  wait_http "http://127.0.0.1:$port/healthz" "$SVC_PID" || die "the service on $port did not start: $(tail -n 5 "$WORK/service-$port.log")"
}

# Staff account, API token, the popular event and SPREAD_EVENTS further events, all published.
# Sets TOKEN, POP_ID, POP_SLUG, SPREAD_IDS (comma list).
seed_small() { # seed_small PORT DBURL
  local port=$1 url=$2 base="http://127.0.0.1:$1" i id ids=() body
  echo "bench-password-123" | tp "$port" "$url" staff add --email bench@example.org --name Bench --role admin >/dev/null
  TOKEN=$(tp "$port" "$url" token create --email bench@example.org --label bench | tail -n 1)
  create_event() { # title starts ends -> "id slug"
    curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d "{\"kind\":\"info_day\",\"title\":\"$1\",\"starts_at\":\"$2\",\"ends_at\":\"$3\",\"venue\":{\"name\":\"Bürgerhaus\",\"city\":\"Köln\"},\"capacity\":null,\"double_opt_in\":false}" \
      "$base/api/v1/events" | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e["id"], e["slug"])'
  }
  read -r POP_ID POP_SLUG < <(create_event "Infotag Ausbildung" 2027-03-12T18:00 2027-03-12T20:00)
  curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" "$base/api/v1/events/$POP_ID/publish"
  for ((i = 1; i <= SPREAD_EVENTS; i++)); do
    local day; day=$(date -u -d "2027-04-01 + $i days" +%F)
    read -r id _ < <(create_event "Sprechstunde $i" "${day}T10:00" "${day}T12:00")
    curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" "$base/api/v1/events/$id/publish"
    ids+=("$id")
  done
  SPREAD_IDS=$(IFS=,; echo "${ids[*]}")
}

# ---------------------------------------------------------------- load and results
# record GROUP NAME RPS P50 P99 RSS NOTE  -> a row of the results file of this round
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$ROUND" "$@" >>"$RESULTS"; }

json_field() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d[sys.argv[2]])' "$1" "$2"; }

# wrk_get GROUP NAME URL PID [ETAG] : a GET benchmark; the service's RSS after it
wrk_get() { # wrk_get GROUP NAME URL PID [ETAG] [ACCEPT-ENCODING]
  local group=$1 name=$2 url=$3 pid=$4 etag=${5:-} encoding=${6:-} out res rps
  out=$(wrk -t "$THREADS" -c "$CONN" -d "${DUR}s" --timeout 10s -s "$LIB/get.lua" "$url" -- "$etag" "$encoding" 2>&1) || die "wrk failed: $out"
  res=$(grep '^RESULT ' <<<"$out" | cut -d' ' -f2-)
  [[ -n $res ]] || die "wrk gave no result: $out"
  local bad; bad=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["bad_status"]+d["socket_errors"]+d["timeouts"])' "$res")
  rps=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(round(d["requests"]/d["seconds"]))' "$res")
  record "$group" "$name" "$rps" "$(json_field "$res" p50_ms)" "$(json_field "$res" p99_ms)" "$(rss_mb "$pid")" \
    "errors=$bad bytes/req=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["bytes"]//max(1,d["requests"]))' "$res")"
  log "  $group $name: $rps/s p99 $(json_field "$res" p99_ms) ms (errors $bad)"
}

# count_rows DBURL -> "registrations outbox seats_sum"
count_rows() { q "$1" "SELECT (SELECT count(*) FROM registration), (SELECT count(*) FROM outbox), (SELECT coalesce(sum(seats_taken),0) FROM event)" | tr '|' ' '; }

# check_invariants DBURL BEFORE(count_rows) OK_ANSWERS IN_FLIGHT LABEL -> 0 if they hold
# - every event's seats_taken equals the party sizes of its pending and confirmed registrations;
# - no address twice among an event's active registrations;
# - new registrations are at least the successful answers and at most those plus the requests
#   still in flight when the client stopped (the server may have committed them);
# - every new registration queued exactly one mail.
check_invariants() {
  local url=$1 before=$2 ok=$3 inflight=$4 label=$5 after bad dup r0 o0 r1 o1 new newo
  bad=$(q "$url" "SELECT count(*) FROM event e WHERE e.seats_taken <> (SELECT coalesce(sum(r.party_size),0) FROM registration r WHERE r.event_id = e.id AND r.status IN ('pending','confirmed'))")
  dup=$(q "$url" "SELECT count(*) FROM (SELECT event_id, email FROM registration WHERE status <> 'cancelled' GROUP BY event_id, email HAVING count(*) > 1) d")
  after=$(count_rows "$url")
  read -r r0 o0 _ <<<"$before"; read -r r1 o1 _ <<<"$after"
  new=$((r1 - r0)); newo=$((o1 - o0))
  local verdict=ok
  ((bad == 0)) || verdict="FAILED: $bad events whose seats_taken differs from their registrations"
  ((dup == 0)) || verdict="FAILED: $dup addresses registered twice"
  ((new >= ok && new <= ok + inflight)) || verdict="FAILED: $ok successful answers, $inflight in flight, but $new new rows"
  ((newo == new)) || verdict="FAILED: $new new registrations but $newo new outbox rows"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$ROUND" "$label" "$ok" "$inflight" "$new" "$newo" "$verdict" >>"$CHECKS"
  log "  check $label: answers $ok, in flight $inflight, rows $new, outbox $newo: $verdict"
  [[ $verdict == ok ]]
}

# post_results FILE... : the outputs of post.lua's wrk processes summed up, one line:
# "rps p50 p99 2xx 3xx 4xx 5xx 409 in-flight errors" (p50 and p99 the largest of the processes).
post_results() {
  python3 - "$@" <<'PY'
import json, sys
rs = []
for f in sys.argv[1:]:
    line = [l for l in open(f) if l.startswith("RESULT ")]
    if not line: sys.exit("no result in " + open(f).read())
    rs.append(json.loads(line[0][7:]))
s = lambda k: sum(r[k] for r in rs)
secs = max(r["seconds"] for r in rs)
print(round(s("requests") / secs), max(r["p50_ms"] for r in rs), max(r["p99_ms"] for r in rs),
      s("s2xx"), s("s3xx"), s("s4xx"), s("s5xx"), s("s409"), s("sent") - s("answered"),
      s("socket_errors") + s("timeouts"))
PY
}

# wrk_post GROUP NAME MODE TARGETS DBURL PID URLBASE... : one wrk process per base URL (instance),
# the connections shared out; then the invariants.
wrk_post() {
  local group=$1 name=$2 mode=$3 targets=$4 url=$5 pid=$6; shift 6
  local bases=("$@") n=$# before tag i outs=() files=()
  before=$(count_rows "$url")
  tag=$(date +%s%N | tail -c 10)
  for ((i = 0; i < n; i++)); do
    files+=("$WORK/wrk-$i.out")
    wrk -t "$(((THREADS + n - 1) / n))" -c "$((CONN / n))" -d "${DUR}s" --timeout 10s -s "$LIB/post.lua" \
      "${bases[$i]}" -- "$mode" "$tag$i" "$targets" >"$WORK/wrk-$i.out" 2>&1 &
    outs+=($!)
  done
  for i in "${outs[@]}"; do wait "$i" || die "wrk failed: $(cat "${files[@]}")"; done
  sleep 1 # let requests the client gave up on at the deadline finish on the server
  local agg
  agg=$(post_results "${files[@]}") || die "$agg"
  local rps p50 p99 s2 s3 s4 s5 s409 inflight errs ok
  read -r rps p50 p99 s2 s3 s4 s5 s409 inflight errs <<<"$agg"
  if [[ $mode == json ]]; then ok=$s2; else ok=$s3; fi
  record "$group" "$name" "$rps" "$p50" "$p99" "$(rss_mb "$pid")" "ok=$ok 4xx=$s4 409=$s409 5xx=$s5 socket_errors=$errs"
  log "  $group $name: $rps/s p50 $p50 ms p99 $p99 ms (4xx $s4, 5xx $s5)"
  check_invariants "$url" "$before" "$ok" "$inflight" "$group/$name" || true
}
