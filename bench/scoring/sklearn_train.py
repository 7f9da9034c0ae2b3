"""scikit-learn peer: TF-IDF (word 1-2-grams + char_wb 3-5-grams) + logistic regression on ISCA train."""
import pickle, sys
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.pipeline import make_pipeline, make_union

work = sys.argv[1]

def load(path):
    rows = [line.rstrip('\n').split('\t', 1) for line in open(path, encoding='utf-8')]
    return [t for _, t in rows], [int(l) for l, _ in rows]

x_train, y_train = load(f'{work}/isca_train.tsv')
x_test, y_test = load(f'{work}/isca_test.tsv')
model = make_pipeline(
    make_union(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
               TfidfVectorizer(analyzer='char_wb', ngram_range=(3, 5), min_df=2, sublinear_tf=True)),
    LogisticRegression(C=10, max_iter=2000, class_weight='balanced'))
model.fit(x_train, y_train)
print(f'sklearn macro-F1 on ISCA test: {f1_score(y_test, model.predict(x_test), average="macro"):.3f}')
pickle.dump(model, open(f'{work}/sklearn.pkl', 'wb'))
