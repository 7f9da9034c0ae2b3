"""Macro-F1 of fastText predictions (one __label__ per line) against the gold labels of ft_test.txt."""
import sys
gold = [int(line.split(' ', 1)[0] == '__label__1') for line in open(sys.argv[1], encoding='utf-8')]
pred = [int(line.strip() == '__label__1') for line in open(sys.argv[2], encoding='utf-8')]
def f1(c):
    tp = sum(g == c and p == c for g, p in zip(gold, pred)); fp = sum(g != c and p == c for g, p in zip(gold, pred))
    fn = sum(g == c and p != c for g, p in zip(gold, pred))
    return 0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)
print(f'{(f1(0) + f1(1)) / 2:.3f}')
