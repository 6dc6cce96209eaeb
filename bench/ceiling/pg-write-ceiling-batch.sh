#!/usr/bin/env bash
# The write-path ceiling for a registration on PostgreSQL: pgbench running, in one transaction, what a
# registration must do at least (take a seat on the event row, insert the registration, insert the
# outbox row), all registrations on ONE event (the hot row a popular event makes), on a throw-away
# cluster with PostgreSQL's default durability (fsync on, synchronous_commit on) -- but BATCH
# registrations taken in each transaction: one seat update for all of them, then their rows. This
# is what a server that gathers concurrent registrations for one event into one transaction could
# reach at most; registrations/s = tps x BATCH.
#   bench/ceiling/pg-write-ceiling-batch.sh [CLIENTS=16] [SECONDS=20] [BATCH=4]
set -euo pipefail
clients=${1:-16}; secs=${2:-20}; batch=${3:-4}
bin=/usr/lib/postgresql/15/bin
port=55499
dir=$(mktemp -d /tmp/pgceil-XXXXXX); chown postgres "$dir"
pid=
stop() { [[ -n $pid ]] && kill -INT "$pid" 2>/dev/null; sleep 2; rm -rf "$dir"; }
trap stop EXIT
runuser -u postgres -- "$bin/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-h 127.0.0.1 -p $port -k $dir" start >/dev/null
pid=$(head -n 1 "$dir/data/postmaster.pid")
P="psql -h 127.0.0.1 -p $port -U postgres -d postgres -Xq -v ON_ERROR_STOP=1"
$P <<'SQL'
create table event (id bigint primary key, capacity int, seats_taken int not null default 0 check (seats_taken >= 0));
create table registration (id bigserial primary key, event_id bigint not null references event(id),
  email text not null, name text not null, party_size int not null, language text not null,
  status text not null, token_hash bytea not null unique, created_at timestamptz not null default now());
create index on registration (event_id, status);
create table outbox (id bigserial primary key, kind text not null, registration_id bigint not null,
  payload text not null, due_at timestamptz not null, attempts int not null default 0,
  locked_until timestamptz, sent_at timestamptz);
create index on outbox (due_at) where sent_at is null;
insert into event values (1, 100000000, 0);
SQL
{
  echo '\set n random(1, 1000000000)'
  echo 'BEGIN;'
  echo "UPDATE event SET seats_taken = seats_taken + $batch WHERE id = 1 AND (capacity IS NULL OR seats_taken + $batch <= capacity);"
  for ((i = 0; i < batch; i++)); do
    cat <<SQL
INSERT INTO registration (event_id, email, name, party_size, language, status, token_hash)
  VALUES (1, 'p' || :client_id || '-' || :n || '-$i@example.org', 'Name', 1, 'de', 'confirmed',
          decode(md5(:client_id || '-' || :n || '-$i' || random()::text), 'hex'));
INSERT INTO outbox (kind, registration_id, payload, due_at) VALUES ('confirmation', currval('registration_id_seq'), '{}', now());
SQL
  done
  echo 'COMMIT;'
} >"$dir/reg.sql"
pgbench -h 127.0.0.1 -p "$port" -U postgres -n -f "$dir/reg.sql" -c "$clients" -j 2 -T "$secs" postgres 2>&1 | grep -E 'tps|latency|failed|processed'
$P -Atc "select 'rows: event.seats_taken=' || (select seats_taken from event) || ' registrations=' || (select count(*) from registration) || ' outbox=' || (select count(*) from outbox)"
