"""Gradient-boosted trees on Vigil's own bot features: how far a nonlinear model gets within each research set and
across them (leave one set out). Input: the CSV of `vigil bots features`. Output: two Markdown tables.

Within-set: 5-fold cross-validation, three shuffles, on the features the set holds and another training set also
holds (the only ones a model trained elsewhere could use on it). Leave-one-set-out: trained on the other training sets,
every (set, class) cell weighed equally, on the features the scored set holds and a training set holds. Both report
macro-F1 at 0.5 and at the scored set's own best threshold, an upper bound that no deployable model has. A last table
takes, for each scored set, the best of every combination of the other training sets and both tree depths, chosen on
the scored set itself (data selection as in BotometerLite, with the answer known): a ceiling on what selection can do.
"""
import csv
import itertools
import sys

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

HELD_SHARE = 0.9  # a set holds a feature when this share of its rows has it (Vigil's FeatureSet.AvailableShare)
FOLDS = 5
SHUFFLES = (1, 2, 3)
THRESHOLDS = np.linspace(0.02, 0.98, 49)
DEPTHS = (3, None)  # shallow trees, and trees grown until the leaf minimum


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    sets = np.array([r[0] for r in rows])
    roles = {r[0]: r[1] for r in rows}
    labels = np.array([int(r[2]) for r in rows])
    features = np.array([[float(v) if v else np.nan for v in r[3:]] for r in rows])
    return header[3:], sets, roles, labels, features


def held(features):
    present = ~np.isnan(features)
    enough = present.mean(axis=0) >= HELD_SHARE
    varies = np.array([np.unique(col[ok]).size > 1 for col, ok in zip(features.T, present.T)])
    return enough & varies


def model(depth):
    return HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_depth=depth, random_state=0)


def scores(labels, p):
    best = max(f1_score(labels, p >= t, average="macro") for t in THRESHOLDS)
    return roc_auc_score(labels, p), f1_score(labels, p >= 0.5, average="macro"), best


def within(features, labels, depth):
    results = []
    for shuffle in SHUFFLES:
        p = np.zeros(len(labels))
        for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=shuffle).split(features, labels):
            p[test] = model(depth).fit(features[train], labels[train]).predict_proba(features[test])[:, 1]
        results.append(scores(labels, p))
    return np.mean(results, axis=0)


def main(path):
    names, sets, roles, labels, features = load(path)
    training = [s for s in dict.fromkeys(sets) if roles[s] == "training"]
    holds = {s: held(features[sets == s]) for s in dict.fromkeys(sets)}

    print("| within-set | features | depth | AUC | macro-F1 at 0.5 | macro-F1, own best threshold |")
    print("|---|---|---|---:|---:|---:|")
    for name in training:
        others = np.any([holds[s] for s in training if s != name], axis=0)
        columns = np.where(holds[name] & others)[0]
        mask = sets == name
        for depth in DEPTHS:
            auc, at_half, best = within(features[mask][:, columns], labels[mask], depth)
            print(f"| {name} | {len(columns)} also held elsewhere | {depth or 'full'} | {auc:.3f} | {at_half:.3f} | {best:.3f} |")

    print()
    print("| leave-one-set-out: tested on | trained on | features | depth | AUC | macro-F1 at 0.5 | macro-F1, own best threshold |")
    print("|---|---|---|---|---:|---:|---:|")
    tested = [s for s in dict.fromkeys(sets) if roles[s] != "smoke-test"]
    best_of = {}
    for name in tested:
        others = [s for s in training if s != name]
        for size in range(len(others), 0, -1):
            for train_sets in itertools.combinations(others, size):
                for depth in DEPTHS:
                    result = transfer(features, labels, sets, holds, list(train_sets), name, depth)
                    if size == len(others):
                        print(f"| {name} | {'+'.join(train_sets)} | {result[0]} | {depth or 'full'} | {result[1]:.3f} | {result[2]:.3f} | {result[3]:.3f} |")
                    if name not in best_of or result[3] > best_of[name][1][3]:
                        best_of[name] = ('+'.join(train_sets), result, depth)

    print()
    print("| tested on | best combination (chosen on the tested set) | depth | AUC | macro-F1, own best threshold |")
    print("|---|---|---|---:|---:|")
    for name, (train_sets, result, depth) in best_of.items():
        print(f"| {name} | {train_sets} | {depth or 'full'} | {result[1]:.3f} | {result[3]:.3f} |")


def transfer(features, labels, sets, holds, train_sets, name, depth):
    columns = np.where(holds[name] & np.any([holds[s] for s in train_sets], axis=0))[0]
    train = np.isin(sets, train_sets)
    weight = np.zeros(len(labels))
    for s in train_sets:
        for label in (0, 1):
            cell = (sets == s) & (labels == label)
            weight[cell] = 1.0 / cell.sum()
    test = sets == name
    fitted = model(depth).fit(features[train][:, columns], labels[train], sample_weight=weight[train] / weight[train].mean())
    return (len(columns), *scores(labels[test], fitted.predict_proba(features[test][:, columns])[:, 1]))

if __name__ == "__main__":
    main(sys.argv[1])
