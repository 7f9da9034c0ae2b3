"""Compares a database the stream workers wrote while being killed with one an uninterrupted worker wrote from the
same data: every original post assessed exactly once and the same way, the same decision events (by id) once each,
and as many account restrictions per account (which strike tips an account over a threshold depends on the order the
posts were decided in; that it is tipped does not). Exits 1 on any difference.

usage: python3 bench/workers/check.py REFERENCE.db CANDIDATE.db
"""
import sqlite3
import sys
from collections import Counter


def outcome(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    q = lambda sql: db.execute(sql).fetchall()
    return {
        "originals": q("SELECT count(*) FROM posts WHERE repost_of_id IS NULL")[0][0],
        "assessments": q("SELECT count(*) FROM assessments")[0][0],
        "assessed twice": q("SELECT count(*) FROM (SELECT 1 FROM assessments GROUP BY model_version, post_id HAVING count(*) > 1)")[0][0],
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
