"""Compares a database the stream workers wrote while being killed with one an uninterrupted worker wrote from the
same data: every original post assessed exactly once and the same way, the same decision events (by id) once each,
and as many account restrictions per account (which strike tips an account over a threshold depends on the order the
posts were decided in; that it is tipped does not). Exits 1 on any difference.

A database is a SQLite file or a PostgreSQL schema named as `vigil --db` takes it,
postgresql://user@host:port/db?search_path=SCHEMA; PostgreSQL is read with psql, whose password comes from PGPASSFILE
or PGPASSWORD (never from the URL on a command line).

usage: python3 bench/workers/check.py REFERENCE CANDIDATE
"""
import sqlite3
import subprocess
import sys
from collections import Counter
from urllib.parse import parse_qs, urlsplit, urlunsplit


def sqlite_reader(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    return lambda sql: [tuple(str(v) for v in row) for row in db.execute(sql).fetchall()]


def postgres_reader(url):
    parts = urlsplit(url)
    schema = parse_qs(parts.query).get("search_path", ["public"])[0]
    server = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))

    def query(sql):
        out = subprocess.run(["psql", server, "-qtAX", "-F", "\t", "-v", "ON_ERROR_STOP=1",
                              "-c", f"SET search_path TO {schema}", "-c", sql],
                             check=True, capture_output=True, text=True).stdout
        return [tuple(line.split("\t")) for line in out.splitlines() if line]
    return query


def outcome(database):
    q = postgres_reader(database) if database.startswith(("postgresql://", "postgres://")) else sqlite_reader(database)
    count = lambda sql: int(q(sql)[0][0])
    # Booleans read as 0/1 from SQLite and f/t from psql: compared only within one store, never across.
    return {
        "originals": count("SELECT count(*) FROM posts WHERE repost_of_id IS NULL"),
        "assessments": count("SELECT count(*) FROM assessments"),
        "assessed twice": count("SELECT count(*) FROM (SELECT 1 FROM assessments GROUP BY model_version, post_id HAVING count(*) > 1) AS twice"),
        "verdicts": set(q("SELECT post_id, hateful, antisemitic, code FROM assessments")),
        "events": Counter(r[0] for r in q("SELECT id FROM decision_events WHERE type <> 'AccountAction'")),
        "restrictions": Counter(r[0] for r in q("SELECT subject FROM decision_events WHERE type = 'AccountAction'")),
    }


reference, candidate = outcome(sys.argv[1]), outcome(sys.argv[2])
problems = []
if candidate["assessments"] != candidate["originals"]:
    problems.append(f"{candidate['assessments']} assessments for {candidate['originals']} original posts")
if candidate["assessed twice"]:
    problems.append(f"{candidate['assessed twice']} posts assessed twice")
if candidate["verdicts"] != reference["verdicts"]:
    problems.append(f"{len(candidate['verdicts'] ^ reference['verdicts'])} assessments differ from the reference")
doubled = [e for e, n in candidate["events"].items() if n > 1]
if doubled:
    problems.append(f"{len(doubled)} decision events appended twice, e.g. {doubled[0]}")
if set(candidate["events"]) != set(reference["events"]):
    missing, extra = set(reference["events"]) - set(candidate["events"]), set(candidate["events"]) - set(reference["events"])
    problems.append(f"{len(missing)} decision events missing, {len(extra)} extra (e.g. {next(iter(missing or extra))})")
if candidate["restrictions"] != reference["restrictions"]:
    problems.append("account restrictions differ from the reference")
print(f"  check: {candidate['originals']:,} original posts, {candidate['assessments']:,} assessments, "
      f"{sum(candidate['events'].values()):,} decision events (+{sum(candidate['restrictions'].values()):,} restrictions); "
      + ("identical to the uninterrupted run" if not problems else "; ".join(problems)))
sys.exit(1 if problems else 0)
