#!/usr/bin/env bash
# Prints one SHA-256 per derived table of a Vigil SQLite database, and one for a report's report.json:
# the "identical results" proof of the streaming analysis (bench/streaming/README.md). Rows are dumped in primary-key
# order with every column that the analysis determines; columns that record when something ran (analysis_runs.saved_at,
# decision_events.at and the hash chain over it) differ from run to run by design and are left out.
# usage: digest.sh DB [REPORT_DIR]
set -euo pipefail
db=$1
report=${2:-}
table() { # name, query
  printf '%-22s %s\n' "$1" "$(sqlite3 -batch -noheader -separator $'\t' "$db" "$2" | sha256sum | cut -c1-64)"
}
table assessments "SELECT * FROM assessments ORDER BY model_version, post_id"
table analysis_runs "SELECT analysis_id, detector_version, bot_model_version, settings FROM analysis_runs ORDER BY analysis_id"
table bot_scores "SELECT * FROM bot_scores ORDER BY model_version, account_id"
table clusters "SELECT * FROM clusters ORDER BY analysis_id, cluster_id"
table cluster_members "SELECT * FROM cluster_members ORDER BY analysis_id, cluster_id, account_id"
table post_amplification "SELECT * FROM post_amplification ORDER BY analysis_id, post_id"
table weekly_amplification "SELECT * FROM weekly_amplification ORDER BY analysis_id, week, category"
# Decision events in log order without their times: the payload's own times are taken out by the query below.
table decision_events "SELECT id, type, subject, actor, policy_version, model_version, taxonomy_version, json_remove(payload, '\$.until') FROM decision_events ORDER BY seq"
printf '%-22s %s\n' counts "$(sqlite3 -batch -noheader "$db" "SELECT (SELECT count(*) FROM assessments)||' assessments, '||(SELECT count(*) FROM bot_scores)||' bot scores, '||(SELECT count(*) FROM clusters)||' clusters, '||(SELECT count(*) FROM post_amplification)||' post amplification rows, '||(SELECT count(*) FROM decision_events)||' decision events'")"
if [[ -n $report ]]; then
  printf '%-22s %s\n' report.json "$(sha256sum < "$report/report.json" | cut -c1-64)"
fi
