"""Training rows for the encoder's heads. Every row: source, split, raw text, and a label per head (-1 = the data set
says nothing about that head, so the row does not train it).

- The product's own corpus (isca-2023, hatexplain, davidson-2017, toxigen-seeds, hatemoji-build) comes from the C#
  TrainingCorpus through normalize/ (`corpus` mode), so labels and seeded splits are exactly those of `vigil eval`.
- counterspeech-reddit (reply text; other / hate / counter-speech) with its splits.csv.
- The hand-written seed sentences of src/Vigil/Detection/Training/augmentation-seeds.tsv (train only).
- Augmentation of train rows only: spelling noise, and the same hateful texts quoted in order to condemn, report or
  endorse them. CONAN is never read here (evaluation only).
"""
import csv
import json
import random
import subprocess

HEADS = {
    # name: (labels, activation). A sigmoid head has one logit, the probability of its one label. The names are those
    # the C# side reads (ENCODER-CONTRACT.md); hx3 is HateXplain's three classes.
    'antisemitic': (['antisemitic'], 'sigmoid'),
    'hateful': (['hateful'], 'sigmoid'),
    'hx3': (['hate', 'offensive', 'normal'], 'softmax'),
    'target': (['jews', 'other', 'none'], 'softmax'),
    'counter_speech': (['other', 'hate', 'counter_speech'], 'softmax'),
}
UNKNOWN = -1
TOOL = 'training/normalize/bin/Release/net10.0/Vigil.Training.Normalize.dll'
# Each set gives a seeded sample of its training rows: since v5.2 every training row of ISCA, HateXplain, Hatemoji and
# the ToxiGen seeds, and a sample of the counter-speech replies and of Davidson (whose training tweets are 77%
# "offensive": a share of its non-hate rows is thinned out first, keeping every hate row). Only the hand-written seeds
# are used whole. v5.2 trains every layer for 3 epochs over these 35,878 rows in about an hour on one core of a busy
# 2-core machine (VIGIL_TRAIN_THREADS=1).
TRAIN_ROWS_KEPT = {'isca-2023': 100000, 'hatexplain': 100000, 'hatemoji-build': 100000, 'counterspeech-reddit': 3000,
                   'toxigen-seeds': 100000, 'davidson-2017': 2400}
# The encoder is English (MiniLM's vocabulary and pre-training): the product corpus's other-language sets (GermEval,
# PolEval, OffendES, ToLD-Br, L-HSAB, the Hebrew set, MLMA) train stage 1, and are left out here entirely, dev and
# test included, so the calibration and metrics are English ones.
ENGLISH_SOURCES = set(TRAIN_ROWS_KEPT) | {'augmentation-seeds'}
DAVIDSON_NON_HATE_KEPT = 0.05


def row(source, split, text, **labels):
    return {'source': source, 'split': split, 'text': text,
            'labels': {head: labels.get(head, UNKNOWN) for head in HEADS}}


def product_corpus(data, seed, davidson_non_hate_kept):
    output = subprocess.run(['dotnet', TOOL, 'corpus', data, str(seed)], check=True, capture_output=True, text=True).stdout
    rows, keep = [], random.Random(seed)
    for line in output.splitlines():
        r = json.loads(line)
        if r['source'] == 'davidson-2017' and r['split'] == 'train' and r['hateful'] != 1 \
                and keep.random() > davidson_non_hate_kept:
            continue
        rows.append(row(r['source'], r['split'], r['text'], antisemitic=r['antisemitic'], hateful=r['hateful'],
                        hx3=r['hx3'], target=r['target']))
    return rows


def counterspeech(data):
    folder = f'{data}/counterspeech-reddit'
    splits = {r['id']: r['split'] for r in csv.DictReader(open(f'{folder}/splits.csv', encoding='utf-8'))}
    return [row('counterspeech-reddit', splits[r['id']], r['text'], counter_speech=int(r['label']))
            for r in csv.DictReader(open(f'{folder}/counterspeech.csv', encoding='utf-8')) if r['id'] in splits]


def seed_sentences(path):
    target = {'jews': 0, 'other': 1, 'none': 2}
    rows = []
    for line in open(path, encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        antisemitic, hateful, group, text = line.rstrip('\n').split('\t')
        rows.append(row('augmentation-seeds', 'train', text, antisemitic=int(antisemitic), hateful=int(hateful),
                        target=target[group]))
    return rows


# --- spelling noise, applied to raw text so the C# normaliser undoes it the same way in training and at run time
LEET = {'a': '4@', 'e': '3', 'i': '1!', 'o': '0', 's': '5$', 't': '7', 'l': '1', 'g': '9'}


def _leet(word, rng):
    return ''.join(rng.choice(LEET[c.lower()]) if c.lower() in LEET and rng.random() < 0.5 else c for c in word)


def _spaced(word, rng):
    return rng.choice([' ', '.', '-', '_', '*']).join(word) if len(word) <= 8 else word


def _split(word, rng):
    k = rng.randrange(1, len(word))
    return word[:k] + ' ' + word[k:]


def _swap(word, rng):
    k = rng.randrange(len(word) - 1)
    return word[:k] + word[k + 1] + word[k] + word[k + 2:]


def _delete(word, rng):
    k = rng.randrange(1, len(word))
    return word[:k] + word[k + 1:]


def _stretch(word, rng):
    k = rng.randrange(len(word))
    return word[:k] + word[k] * rng.randint(2, 4) + word[k:]


def _masked(word, rng):
    k = rng.randrange(1, len(word) - 1)
    return word[:k] + rng.choice('*#@') + word[k + 1:]


NOISE = [_leet, _spaced, _split, _swap, _delete, _stretch, _masked]


def spelling_noise(text, rng):
    """One to three words of four letters or more, each obfuscated one way."""
    words = text.split(' ')
    candidates = [k for k, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    for k in rng.sample(candidates, min(len(candidates), rng.randint(1, 3))):
        words[k] = rng.choice(NOISE)(words[k], rng)
    return ' '.join(words)


# --- quotation: the same words condemned, reported or endorsed. Written for this project.
CONDEMN = [
    'Someone in my replies just wrote "{q}". This is disgusting and I am reporting it.',
    'People keep posting things like "{q}" and pretending it is free speech. It is hate, plain and simple.',
    '"{q}" -- no. Stop spreading this garbage.',
    'Imagine thinking "{q}" is an acceptable thing to say. Blocked and reported.',
    'This account posted "{q}" and the platform still has not removed it. Hate like this hurts real people.',
    'I was sent this today: "{q}". Words like these are why people get attacked. Please stand with us.',
    'Screenshot of a comment saying "{q}". We have to call this out every single time.',
    'To whoever wrote "{q}": you are wrong, and your bigotry is not welcome here.',
    'Quoting so everyone can see what we deal with: "{q}". Nobody should have to read this.',
    'My teacher showed us posts like "{q}" to teach how hate spreads online, and how to answer it.',
    'If you read "{q}" and nod along, please talk to the people you are hating. They are your neighbours.',
    'Reported: "{q}". Hate speech has no place here.',
]
REPORT = [
    'Police are investigating after a man shouted "{q}" at shoppers on Saturday.',
    'The court heard that the defendant had posted "{q}" on several occasions.',
    'According to the report, messages such as "{q}" rose sharply last year.',
    'Researchers collected thousands of posts like "{q}" for their study of online hate.',
]
ENDORSE = [
    'Finally someone said it: "{q}"',
    '"{q}" -- couldn\'t agree more.',
    'Saw this and it is spot on: "{q}"',
    'Best thing I read today: "{q}" Share it everywhere.',
    'He is right, "{q}". Wake up people.',
]


def quotations(train_rows, count, rng):
    """Condemned and reported quotes of hateful texts are not hateful (and counter-speech when condemned); endorsed
    quotes keep their labels, so quotation marks alone teach nothing."""
    hateful = [r for r in train_rows if (r['labels']['hateful'] == 1 or r['labels']['antisemitic'] == 1)
               and 20 <= len(r['text']) <= 180 and r['source'] != 'augmentation-seeds']
    rows = []
    for original in rng.sample(hateful, min(count, len(hateful))):
        quote = ' '.join(original['text'].replace('"', "'").split())
        kind = rng.random()
        labels = original['labels']
        if kind < 0.6:
            text = rng.choice(CONDEMN).format(q=quote)
            rows.append(row('augmentation-quotes', 'train', text, antisemitic=0 if labels['antisemitic'] != -1 else -1,
                            hateful=0, hx3=2, counter_speech=2))
        elif kind < 0.75:
            text = rng.choice(REPORT).format(q=quote)
            rows.append(row('augmentation-quotes', 'train', text, antisemitic=0 if labels['antisemitic'] != -1 else -1,
                            hateful=0, hx3=2, counter_speech=0))
        else:
            text = rng.choice(ENDORSE).format(q=quote)
            rows.append(row('augmentation-quotes', 'train', text, counter_speech=1,
                            **{h: v for h, v in labels.items() if h != 'counter_speech'}))
    return rows


def noisy_copies(train_rows, count, rng):
    """Half the copies from rows that are hateful or antisemitic, half from the rest, so noise says nothing of the
    label."""
    is_positive = lambda r: r['labels']['hateful'] == 1 or r['labels']['antisemitic'] == 1
    positive = [r for r in train_rows if is_positive(r)]
    negative = [r for r in train_rows if not is_positive(r) and r['source'] != 'counterspeech-reddit']
    picked = rng.sample(positive, min(count // 2, len(positive))) + rng.sample(negative, min(count // 2, len(negative)))
    return [dict(r, source=r['source'] + '+noise', text=spelling_noise(r['text'], rng)) for r in picked]


def sample_train_rows(rows, kept, rng):
    result = [r for r in rows if r['split'] != 'train' or r['source'] not in kept]
    for source, count in kept.items():
        train = [r for r in rows if r['split'] == 'train' and r['source'] == source]
        result += rng.sample(train, min(count, len(train)))
    return result


def load(data, seeds_path, seed, noisy_count, quote_count, davidson_non_hate_kept=DAVIDSON_NON_HATE_KEPT,
         train_rows_kept=TRAIN_ROWS_KEPT):
    rng = random.Random(seed)
    rows = product_corpus(data, seed, davidson_non_hate_kept) + counterspeech(data) + seed_sentences(seeds_path)
    rows = [r for r in rows if r['source'] in ENGLISH_SOURCES]
    rows = sample_train_rows(rows, train_rows_kept, rng)
    train = [r for r in rows if r['split'] == 'train']
    return rows + noisy_copies(train, noisy_count, rng) + quotations(train, quote_count, rng)


def normalise(texts):
    """The product's normaliser over every text (one C# process, in order). Returns (version, normalised texts)."""
    payload = ''.join(json.dumps(t) + '\n' for t in texts)
    output = subprocess.run(['dotnet', TOOL, 'normalize'], input=payload, check=True, capture_output=True,
                            text=True).stdout.splitlines()
    return json.loads(output[0]), [json.loads(line) for line in output[1:]]
