#!/usr/bin/env python3
"""Prints a digest per table of a Vigil database, for comparing a run that was killed and re-run with one that was not.

Rows are compared as sets in a canonical order, so the order they were written in does not matter (except the decision
log, whose order is its meaning). What holds the wall-clock time of the run is left out, since it differs between any
two runs: the columns saying when a migration or an analysis was saved and when a decision was logged, the hashes that
cover those, and the times inside decision payloads (a strike runs until 90 days after the run).
Prints `integrity_check: ok` first, or what SQLite found.

usage: state.py DATABASE
"""
import hashlib
import re
import sqlite3
import sys

# Columns that record when the run happened, not what it found.
RUN_TIME_COLUMNS = {
    "schema_migrations": {"applied_at"},
    "analysis_runs": {"saved_at"},
    "decision_events": {"at", "prev_hash", "hash"},
}
ORDERED = {"decision_events": "seq"}
TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


def main() -> None:
    db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
    integrity = db.execute("PRAGMA integrity_check").fetchall()
    print("integrity_check:", "ok" if integrity == [("ok",)] else integrity)
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for table in tables:
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
        kept = [c for c in columns if c not in RUN_TIME_COLUMNS.get(table, set())]
        order = ORDERED.get(table)
        rows = db.execute(f"SELECT {', '.join(kept)} FROM {table}" + (f" ORDER BY {order}" if order else "")).fetchall()
        lines = [TIME.sub("<time>", repr(row)) if table == "decision_events" else repr(row) for row in rows]
        if not order:
            lines.sort()
        digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
        print(f"{table}: {len(rows)} rows {digest}")


if __name__ == "__main__":
    main()
