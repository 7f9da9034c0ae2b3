"""Macro-F1 on ISCA-2023 of (a) logistic regression on frozen sentence embeddings, (b) TF-IDF word 1-2 + char 2-5 grams,
(c) both stacked in one model. The threshold is chosen on dev and applied to test. Usage: stack.py ROWS.jsonl EMB.txt"""
import json, sys
import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

rows = [json.loads(line) for line in open(sys.argv[1], encoding='utf-8')]
embeddings = np.loadtxt(sys.argv[2])
split = np.array([r['split'] for r in rows]); y = np.array([r['y'] for r in rows]); texts = [r['text'] for r in rows]
train, dev, test = split == 'train', split == 'dev', split == 'test'

def report(name, model, features):
    model.fit(features(train), y[train])
    p_dev, p_test = model.predict_proba(features(dev))[:, 1], model.predict_proba(features(test))[:, 1]
    f1_dev, threshold = max((f1_score(y[dev], p_dev > t, average='macro'), t) for t in np.arange(0.1, 0.9, 0.02))
    print(f'{name}: dev {f1_dev:.3f}, test {f1_score(y[test], p_test > threshold, average="macro"):.3f}')

def logistic(c): return LogisticRegression(C=c, max_iter=5000, class_weight='balanced')

words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
chars = TfidfVectorizer(analyzer='char_wb', ngram_range=(2, 5), min_df=2, sublinear_tf=True)
subset = lambda mask: [texts[i] for i in np.flatnonzero(mask)]
words.fit(subset(train)); chars.fit(subset(train))
tfidf = lambda mask: hstack([words.transform(subset(mask)), chars.transform(subset(mask))]).tocsr()

report('embedding + logistic regression', logistic(1), lambda mask: embeddings[mask])
report('tf-idf + logistic regression', logistic(10), tfidf)
report('tf-idf and embedding stacked', logistic(10), lambda mask: hstack([tfidf(mask), csr_matrix(embeddings[mask])]).tocsr())
