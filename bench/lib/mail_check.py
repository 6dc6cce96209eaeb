#!/usr/bin/env python3
"""Compares the first mail of every registration with what the SMTP sink received.
   usage: mail_check.py EXPECTED RECEIVED SKIP
EXPECTED has a line "REGISTRATION_ID|OUTBOX_ID" per registration of the run, the outbox row of
its first mail (empty when it has none). RECEIVED is the sink's file ("MESSAGE-ID<TAB>BYTES" per
accepted message); its first SKIP lines are from before the run. The service sets
Message-ID: <outbox-{id}@{host}>. Prints one JSON object; "verdict" is "ok" when every first
mail was received exactly once."""
import json, re, sys
from collections import Counter

expected_file, received_file, skip = sys.argv[1], sys.argv[2], int(sys.argv[3])

first = set()
no_row = 0
for line in open(expected_file):
    line = line.strip()
    if not line:
        continue
    _, outbox_id = line.split("|")
    if outbox_id:
        first.add(int(outbox_id))
    else:
        no_row += 1

OUTBOX = re.compile(r"^<outbox-(\d+)@[^>]+>$")
seen = Counter()
received = other = total_bytes = 0
with open(received_file) as f:
    for i, line in enumerate(f):
        if i < skip:
            continue
        message_id, _, size = line.rstrip("\n").partition("\t")
        received += 1
        total_bytes += int(size or 0)
        m = OUTBOX.match(message_id)
        if m and int(m.group(1)) in first:
            seen[int(m.group(1))] += 1
        else:
            other += 1

missing = sorted(first - seen.keys())
twice = sorted(i for i, n in seen.items() if n > 1)
problems = []
if no_row:
    problems.append(f"{no_row} registrations without a mail in the outbox")
if missing:
    problems.append(f"{len(missing)} first mails never received (e.g. outbox {missing[:5]})")
if twice:
    problems.append(f"{len(twice)} first mails received more than once (e.g. outbox {twice[:5]})")
print(json.dumps({
    "registrations": len(first) + no_row,
    "first_mails": len(first),
    "received": received,
    "received_first_once": sum(1 for n in seen.values() if n == 1),
    "missing": len(missing),
    "twice": len(twice),
    "other": other,
    "avg_bytes": total_bytes // received if received else 0,
    "verdict": "ok" if not problems else "FAILED: " + "; ".join(problems),
}))
