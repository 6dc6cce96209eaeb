#!/usr/bin/env python3
"""Runs SQL on a SQLite database the way psql -At would: rows printed with '|' between columns.
   usage: sq.py sqlite:///path/db.sqlite?mode=rwc "SQL"   (several statements: the last one's rows)"""
import sqlite3, sys

url, sql = sys.argv[1], sys.argv[2]
path = url.split("sqlite://", 1)[-1].split("?", 1)[0]
db = sqlite3.connect(path, timeout=30, isolation_level=None)
db.execute("pragma busy_timeout=30000")
# Split on the statement boundaries SQLite itself reports.
rows, rest = [], sql.strip()
while rest:
    end = len(rest)
    for i in range(1, len(rest) + 1):
        if rest[i - 1] == ";" and sqlite3.complete_statement(rest[:i]):
            end = i
            break
    stmt, rest = rest[:end], rest[end:].strip()
    if stmt.strip().strip(";"):
        rows = db.execute(stmt).fetchall()
for row in rows:
    print("|".join("" if v is None else str(v) for v in row))
