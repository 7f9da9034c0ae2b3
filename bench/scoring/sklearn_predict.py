"""Streams a one-text-per-line file (header skipped) through the trained pipeline; writes label and probability."""
import pickle, sys

model = pickle.load(open(sys.argv[1], 'rb'))
chunk = []
with open(sys.argv[2], encoding='utf-8') as source, open(sys.argv[3], 'w', encoding='utf-8') as out:
    next(source)
    def flush():
        for p in model.predict_proba(chunk)[:, 1]:
            out.write(f'{int(p >= 0.5)},{p:.4f}\n')
        chunk.clear()
    for line in source:
        chunk.append(line.rstrip('\n'))
        if len(chunk) == 20000:
            flush()
    if chunk:
        flush()
