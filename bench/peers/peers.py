"""The peers on the splits vigil eval uses: fastText and scikit-learn TF-IDF + logistic regression, each trained on a
data set's training split and tested on its test split, for every task `vigil eval` reports; then one table beside
vigil's own figures (read from the markdown `vigil eval --mode fast encoder cascade` wrote).
Usage: peers.py SPLITS.jsonl WORK EVAL.md"""
import json, os, re, subprocess, sys
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline, make_union

splits, work, eval_md = sys.argv[1:4]
rows = [json.loads(line) for line in open(splits, encoding='utf-8')]

# What each task of vigil eval's table is trained and scored on: (label field, classes); 'toxic' is read off the
# 3-class model's prediction. The tasks themselves are every test-split row of that table, so the peers follow it.
TASK_LABELS = {
    'antisemitic (test)': ('antisemitic', 2),
    '3-class (test)': ('hx3', 3),
    'toxic = hate or offensive (test)': ('hx3', 3),
    'hateful (test)': ('hateful', 2),
}


def clean(text):
    return re.sub(r'\s+', ' ', text).strip().lower()


def macro_f1(gold, pred, classes):
    scores = []
    for c in range(classes):
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        scores.append(0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(scores) / classes


def accuracy(gold, pred):
    return sum(g == p for g, p in zip(gold, pred)) / len(gold)


def fasttext(train, test, name):
    path = f'{work}/ft_{name}'
    with open(f'{path}.train', 'w', encoding='utf-8') as f:
        for text, label in train:
            f.write(f'__label__{label} {clean(text)}\n')
    with open(f'{path}.test', 'w', encoding='utf-8') as f:
        for text, _ in test:
            f.write(clean(text) + '\n')
    # The parameters of bench/scoring/run.sh's fastText.
    subprocess.run(['fasttext', 'supervised', '-input', f'{path}.train', '-output', path, '-minn', '3', '-maxn', '5',
                    '-wordNgrams', '2', '-dim', '50', '-epoch', '25', '-lr', '0.5', '-thread', '2', '-seed', '1',
                    '-verbose', '0'], check=True)
    out = subprocess.run(['fasttext', 'predict', f'{path}.bin', f'{path}.test'], check=True, capture_output=True, text=True)
    return [int(line.strip().replace('__label__', '')) for line in out.stdout.splitlines()]


def sklearn(train, test):
    # The model of bench/scoring/sklearn_train.py.
    model = make_pipeline(
        make_union(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                   TfidfVectorizer(analyzer='char_wb', ngram_range=(3, 5), min_df=2, sublinear_tf=True)),
        LogisticRegression(C=10, max_iter=2000, class_weight='balanced'))
    model.fit([t for t, _ in train], [l for _, l in train])
    return list(model.predict([t for t, _ in test]))


def vigil_figures():
    figures = {}
    for line in open(eval_md, encoding='utf-8'):
        cells = [c.strip() for c in line.strip().strip('|').split('|')]
        if len(cells) >= 6 and cells[2] in ('fast', 'encoder', 'cascade'):
            figures[(cells[0], cells[1], cells[2])] = (float(cells[4]), float(cells[5]))
    return figures


vigil = vigil_figures()
modes = [m for m in ('fast', 'encoder', 'cascade') if any(k[2] == m for k in vigil)]
TASKS = [(source, task, *TASK_LABELS[task]) for source, task in dict.fromkeys((k[0], k[1]) for k in vigil) if task in TASK_LABELS]
print('| data set | task | n | ' + ' | '.join(f'vigil {m}' for m in modes) + ' | fastText | scikit-learn | best peer | vigil default − best peer |')
print('|---|---|---:|' + '---:|' * (len(modes) + 4))
predictions = {}
for source, task, field, classes in TASKS:
    train = [(r['text'], r[field]) for r in rows if r['source'] == source and r['split'] == 'train' and r[field] >= 0]
    test = [(r['text'], r[field]) for r in rows if r['source'] == source and r['split'] == 'test' and r[field] >= 0]
    key = (source, field)
    if key not in predictions:
        predictions[key] = (fasttext(train, test, f'{source}_{field}'), sklearn(train, test))
    gold = [l for _, l in test]
    peers = []
    for pred in predictions[key]:
        if task.startswith('toxic'):
            peers.append(macro_f1([int(g != 2) for g in gold], [int(p != 2) for p in pred], 2))
        else:
            peers.append(macro_f1(gold, pred, classes))
    ours = [vigil.get((source, task, m), (float('nan'), float('nan')))[1] for m in modes]
    default = ours[modes.index('cascade')] if 'cascade' in modes else ours[0]
    print(f'| {source} | {task} | {len(test)} | ' + ' | '.join(f'{f:.3f}' for f in ours)
          + f' | {peers[0]:.3f} | {peers[1]:.3f} | {max(peers):.3f} | {default - max(peers):+.3f} |')
print('\nmacro-F1 on each test split; peers trained on the same training split of the same data set (vigil: on all of them).')
