"""ISCA-2023 rows with their fixed split, as JSONL for the encoders (made at run time from ../shared/data, never committed)."""
import csv, json, sys
data, out = sys.argv[1], sys.argv[2]
csv.field_size_limit(1 << 24)
root = f'{data}/isca-antisemitism-2023'
splits = {r['TweetID']: r['split'] for r in csv.DictReader(open(f'{root}/splits.csv', encoding='utf-8-sig'))}
with open(out, 'w', encoding='utf-8') as f:
    for r in csv.DictReader(open(f'{root}/Updated_dataset_with_full_text.csv', encoding='utf-8-sig', errors='replace')):
        if r['TweetID'] in splits:
            f.write(json.dumps({'split': splits[r['TweetID']], 'y': int(r['Biased']), 'text': r['Text']}) + '\n')
