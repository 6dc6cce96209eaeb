#!/usr/bin/env python3
"""The table of bench/run.sh: medians over the rounds, each figure also as a share of the
ceilings measured in the same round, the targets of issue #20 and whether they are met.
   usage: report.py RAW.tsv CHECKS.tsv COMMIT NOTE"""
import statistics, sys
from collections import defaultdict

raw, checks_file, commit, note = sys.argv[1:5]
rows = defaultdict(list)          # (group, name) -> [row]
by_round = defaultdict(dict)      # round -> {(group, name): rps}
for line in open(raw):
    rnd, group, name, rps, p50, p99, rss, extra = (line.rstrip("\n").split("\t") + [""] * 8)[:8]
    f = lambda v: float(v) if v not in ("", "NA") else None
    r = dict(round=rnd, rps=f(rps), p50=f(p50), p99=f(p99), rss=f(rss), note=extra)
    rows[(group, name)].append(r)
    if r["rps"] is not None:
        by_round[rnd][(group, name)] = r["rps"]


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, digits=0):
    if v is None:
        return "–"
    return f"{v:,.{digits}f}".replace(",", " ")


def pct(v):
    return "–" if v is None else f"{100 * v:.0f} %"


CEIL_HTTP = ("ceiling", "http")
DB_CEILING = {
    ("sqlite", "reg"): ("ceiling", "sqlite"),
    ("pg", "one"): ("ceiling", "pg-one-event"),
    ("pg", "spread"): ("ceiling", "pg-spread"),
}


def db_ceiling_key(group, name):
    if not name.startswith("reg-"):
        return None
    if "sqlite" in group:
        return DB_CEILING[("sqlite", "reg")]
    return DB_CEILING[("pg", "spread" if "spread" in name else "one")]


median_db_ceiling = {k: med(r["rps"] for r in rows.get(k, [])) for k in DB_CEILING.values()}


def share(group, name, ceiling):
    """Median over rounds of rps / ceiling of the same round (the large rounds have no database
    ceilings of their own: the median of the other rounds is used)."""
    out = []
    for r in rows[(group, name)]:
        c = by_round[r["round"]].get(ceiling) or median_db_ceiling.get(ceiling)
        if r["rps"] is not None and c:
            out.append(r["rps"] / c)
    return med(out)


def sustained(group):
    return group.startswith("sustained-")


def target(group, name):
    """(text, predicate on a dict of the row's medians) of issue #20: shares of the ceilings
    measured in the same round (`http`, `db`), p99, and for the mail the sink's ceiling."""
    if sustained(group):  # a mixed load: only its memory has a target (see below)
        return "", None
    if name.endswith("-unbatched") or name.endswith("-identity"):
        return "(comparison)", None
    if name == "mail-drain":
        return ("≥ 2 000/s and ≥ 90 % of the sink over 16 connections",
                lambda v: v["rps"] >= 2000 and (v["sink"] is None or v["rps"] >= 0.9 * v["sink"]))
    if name.startswith("reg-"):
        if "sqlite" in group:
            need, text = 0.5, "≥ 50 % of the SQLite writer"
        elif "spread" in name:
            need, text = 0.6, "≥ 60 % of pg-spread"
        else:
            need, text = 0.7, "≥ 70 % of pg-one-event"
        if group in ("pg-2x",):
            return (f"≥ one instance; {text}, p99 ≤ 20 ms",
                    lambda v: v["db"] is not None and v["db"] >= need and v["p99"] <= 20
                    and (v["one"] is None or v["rps"] >= v["one"]))
        form = name.startswith("reg-form")
        return (f"{text}, p99 ≤ 20 ms" + (", within 20 % of JSON" if form else ""),
                lambda v: v["db"] is not None and v["db"] >= need and v["p99"] <= 20
                and (not form or v["json"] is None or v["rps"] >= 0.8 * v["json"]))
    if group in ("sqlite", "pg", "large-sqlite", "large-pg"):
        if name.endswith("-304"):
            return "≥ 60 % of HTTP", lambda v: v["http"] is not None and v["http"] >= 0.6
        if name in ("event-page", "event-list", "api-list", "event-ics", "calendar-ics"):
            return "≥ 50 % of HTTP", lambda v: v["http"] is not None and v["http"] >= 0.5
    return "", None


GROUPS = [("ceiling", "Ceilings"), ("sqlite", "SQLite"), ("pg", "PostgreSQL"),
          ("pg-2x", "PostgreSQL, two instances (8 + 8 connections)"),
          ("large-sqlite", "SQLite, large seed (10 000 events, 1 000 000 registrations)"),
          ("large-pg", "PostgreSQL, large seed (10 000 events, 1 000 000 registrations)"),
          ("sustained-sqlite", "SQLite, sustained run"), ("sustained-pg", "PostgreSQL, sustained run")]
order = []
for line in open(raw):
    _, g, n = line.split("\t")[:3]
    if (g, n) not in order:
        order.append((g, n))

out = []
w = out.append
w(f"Commit measured: `{commit}`. {note}. Medians of the rounds; range = lowest–highest round.\n")
w("| group | figure | req/s (median) | range | % of HTTP ceiling | % of DB ceiling | p50 ms | p99 ms | RSS MB after | target | met |")
w("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
misses = []
max_rss = 0.0
for gkey, gtitle in GROUPS:
    for (g, n) in [k for k in order if k[0] == gkey]:
        rs = rows[(g, n)]
        rps = med(r["rps"] for r in rs)
        p50, p99, rss = med(r["p50"] for r in rs), med(r["p99"] for r in rs), med(r["rss"] for r in rs)
        if rss and g != "ceiling" and not sustained(g):
            max_rss = max(max_rss, max(r["rss"] for r in rs if r["rss"]))
        vals = [r["rps"] for r in rs if r["rps"] is not None]
        rng = f"{fmt(min(vals))}–{fmt(max(vals))}" if len(vals) > 1 else ""
        http = share(g, n, CEIL_HTTP) if (g, n) != CEIL_HTTP and g != "ceiling" and n != "mail-drain" and not sustained(g) and rps else None
        dbk = db_ceiling_key(g, n) if not sustained(g) else None
        dbs = share(g, n, dbk) if dbk else None
        ttext, pred = target(g, n)
        met = ""
        if pred and rps is not None:
            sink = med(r["rps"] for r in rows.get(("ceiling", "smtp-sink-16conn"), []))
            single = med(r["rps"] for r in rows.get(("pg", n), []))
            json = med(r["rps"] for r in rows.get((g, n.replace("reg-form", "reg-json")), []))
            ok = pred(dict(rps=rps, p99=p99 if p99 is not None else 0, rss=rss, http=http, db=dbs,
                           sink=sink, one=single, json=json))
            met = "yes" if ok else "**no**"
            if not ok:
                misses.append(f"{gtitle}: {n} ({fmt(rps)}/s, p99 {fmt(p99, 1)} ms; target {ttext})")
        if n.startswith("smtp-sink") or (sustained(g) and n == "mail"):
            unit = " mails/s"
        else:
            unit = "" if g != "ceiling" or n == "http" else (" reg/s" if "batch" in n else " tx/s")
        w(f"| {gtitle} | {n} | {fmt(rps)}{unit} | {rng} | {pct(http)} | {pct(dbs)} | {fmt(p50, 2)} | {fmt(p99, 2)} | {fmt(rss, 1)} | {ttext} | {met} |")

if max_rss:
    w("")
    w(f"Largest RSS of the service at the end of any load of the rounds: {max_rss:.1f} MB (the target of ≤ 64 MB is for every sample of the sustained runs, below).")


def notes(group, name):
    """The key=value pairs of a row's note (the last round that has the row)."""
    rs = rows.get((group, name))
    if not rs:
        return None
    return dict(kv.split("=", 1) for kv in rs[-1]["note"].split() if "=" in kv)


for g, title in [("sustained-sqlite", "SQLite"), ("sustained-pg", "PostgreSQL")]:
    mail, one, spread = notes(g, "mail"), notes(g, "reg-json-one-event"), notes(g, "reg-json-spread")
    if not (mail and one and spread):
        continue
    rps = lambda n: fmt(rows[(g, n)][-1]["rps"])
    peak = rows[(g, "rss-peak")][-1]
    if peak["rss"] is not None and peak["rss"] > 64:
        misses.append(f"{title}, sustained run: RSS peaked at {fmt(peak['rss'], 1)} MB (target ≤ 64 MB at every sample)")
    w("")
    w(f"Sustained run on {title}, {one['seconds']} s: {fmt(float(mail['registrations']))} registrations "
      f"({rps('reg-json-one-event')}/s on one event, {rps('reg-json-spread')}/s spread), reads {rps('reads')}/s at the same time; "
      f"{fmt(float(mail['mails']))} mails delivered, {rps('mail')}/s from the start of the load to the end of the wait for the outbox "
      f"({fmt(float(mail['during_load']))} during the load; {fmt(float(mail['unsent_at_load_end']))} unsent when it stopped, "
      + (f"all sent {mail['wait_s']} s later; " if mail.get("unsent_after_wait", "0") == "0"
         else f"{fmt(float(mail['unsent_after_wait']))} still unsent {mail['wait_s']} s later; ")
      + f"{mail['avg_bytes']} bytes a mail); "
      f"RSS at most {fmt(peak['rss'], 1)} MB, {peak['note']}.")
conns = lambda n: (lambda c: f"{c} connection" + ("" if c == "1" else "s"))(n.removeprefix("smtp-sink-").removesuffix("conn"))
sink = [(n, rows[("ceiling", n)]) for n in ("smtp-sink-1conn", "smtp-sink-16conn") if ("ceiling", n) in rows]
if sink:
    w("")
    w("The SMTP sink's own ceiling (a trivial client, messages of the mails' size): "
      + ", ".join(f"{fmt(med(r['rps'] for r in rs))} mails/s over {conns(n)}" for n, rs in sink) + ".")

# Large seed against the small one: throughput and p99, each as large/small (only when both ran).
table = []
for n in ["event-page", "event-list", "api-list", "event-ics", "calendar-ics", "reg-json-one-event"]:
    cells, ok = [], True
    for db in ["sqlite", "pg"]:
        small, large = rows.get((db, n)), rows.get((f"large-{db}", n))
        if not small or not large:
            cells += ["–", "–"]
            continue
        s_rps, l_rps = med(r["rps"] for r in small), med(r["rps"] for r in large)
        s_p99, l_p99 = med(r["p99"] for r in small), med(r["p99"] for r in large)
        ok = ok and l_rps * 2 >= s_rps and l_p99 <= 2 * s_p99
        cells += [f"{fmt(s_rps)} → {fmt(l_rps)} ({l_rps / s_rps:.2f}×)",
                  f"{fmt(s_p99, 2)} → {fmt(l_p99, 2)}"]
    if all(c == "–" for c in cells):
        continue
    if not ok:
        misses.append(f"large seed: {n} more than 2× worse")
    table.append(f"| {n} | {' | '.join(cells)} | {'yes' if ok else '**no**'} |")
if table:
    w("")
    w("Large seed against the small one (median req/s small → large; p99 small → large; ≤ 2× worse is the target):\n")
    w("| figure | SQLite req/s | SQLite p99 ms | PostgreSQL req/s | PostgreSQL p99 ms | within 2× |")
    w("| --- | --- | --- | --- | --- | --- |")
    out.extend(table)

checks = [l.rstrip("\n").split("\t") for l in open(checks_file) if l.strip()]
failed = [c for c in checks if c[6] != "ok"]
w("")
w(f"Checks (seats and rows after every write run; mail of the sustained runs; the sink's records): {len(checks) - len(failed)} of {len(checks)} held"
  + ("." if not failed else ":"))
for c in failed:
    w(f"- round {c[0]} {c[1]}: {c[6]}")
w("")
w("Targets missed: " + ("none." if not misses else ""))
for m in misses:
    w(f"- {m}")
print("\n".join(out))
