"""Builds the benchmark inputs from ../shared/data (nothing here is committed; it is all re-made at bench time).

- ft_train.txt / ft_test.txt: fastText format (__label__0/1 text), ISCA-2023 train and test from the fixed splits.csv
- isca_train.tsv / isca_test.tsv: label<TAB>text for scikit-learn
- bench.csv: a header line 'text' and N rows of ISCA and HateXplain texts repeated in a seeded order, with commas,
  quotes and line breaks removed, so the very same file is a valid CSV for vigil and a valid one-text-per-line
  file for fastText and scikit-learn.
"""
import csv, random, re, sys

data, out, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
csv.field_size_limit(1 << 24)

def clean(text):
    return re.sub(r'\s+', ' ', re.sub(r'[,"\r\n\ufffd]', ' ', text)).strip()

splits = {r['TweetID']: r['split'] for r in csv.DictReader(open(f'{data}/isca-antisemitism-2023/splits.csv', encoding='utf-8'))}
isca = {'train': [], 'dev': [], 'test': []}
for r in csv.DictReader(open(f'{data}/isca-antisemitism-2023/Updated_dataset_with_full_text.csv', encoding='utf-8', errors='replace')):
    split = splits.get(r['TweetID'])
    if split:
        isca[split].append((int(r['Biased']), clean(r['Text'])))

for split in ('train', 'test'):
    with open(f'{out}/ft_{split}.txt', 'w', encoding='utf-8') as f:
        for label, text in isca[split]:
            f.write(f'__label__{label} {text.lower()}\n')
    with open(f'{out}/isca_{split}.tsv', 'w', encoding='utf-8') as f:
        for label, text in isca[split]:
            f.write(f'{label}\t{text}\n')

texts = [t for split in isca.values() for _, t in split]
texts += [clean(r['text']) for r in csv.DictReader(open(f'{data}/hatexplain/hatexplain_train_flat.csv', encoding='utf-8'))]
texts = [t for t in texts if t]
rng = random.Random(1)
with open(f'{out}/bench.csv', 'w', encoding='utf-8') as f:
    f.write('text\n')
    for i in range(rows):
        f.write(texts[rng.randrange(len(texts))] + '\n')
print(f'prepare: {len(isca["train"])} train / {len(isca["test"])} test ISCA rows; {rows} bench rows '
      f'(mean {sum(map(len, texts)) / len(texts):.0f} chars) in {out}')
