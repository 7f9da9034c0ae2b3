"""What the encoder reads, after the product's text normaliser (run in C#, see normalize/): emoji written as words, then
BERT's uncased WordPiece exactly as the base model was trained with it. C# must do the same steps in the same order;
ENCODER-CONTRACT.md spells them out."""
import unicodedata

MAX_WORD_CHARS = 100  # BERT: a longer whitespace token becomes [UNK]


def load_emoji_words(path):
    table = {}
    for line in open(path, encoding='utf-8'):
        if line.startswith('#'):
            continue
        code_point, words = line.rstrip('\n').split('\t')
        table[int(code_point[2:], 16)] = words
    return table


def write_emoji_as_words(text, table):
    """Each listed code point becomes its words with a space either side (or disappears if its words are empty)."""
    return ''.join(f' {table[ord(c)]} ' if ord(c) in table else c for c in text)


def _is_punctuation(char):
    cp = ord(char)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(char).startswith('P')


def _is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF
            or 0x2F800 <= cp <= 0x2FA1F)


def basic_tokens(text):
    """BERT BasicTokenizer (do_lower_case, drop combining marks, split CJK chars and punctuation)."""
    cleaned = []
    for char in text:
        cp = ord(char)
        if char in '\t\n\r' or unicodedata.category(char) == 'Zs':
            cleaned.append(' ')
        elif cp == 0 or cp == 0xFFFD or unicodedata.category(char).startswith('C'):
            continue
        elif _is_cjk(cp):
            cleaned.append(f' {char} ')
        else:
            cleaned.append(char)
    tokens = []
    for word in ''.join(cleaned).split():
        # BERT strips accents by NFD-decomposing and dropping the marks. The C# side runs with invariant globalisation
        # and cannot decompose, so both sides only drop combining marks; the product's normaliser has already folded
        # precomposed Latin, Greek and Cyrillic letters to their base letters.
        word = ''.join(c for c in word.lower() if unicodedata.category(c) != 'Mn')
        current = ''
        for char in word:
            if _is_punctuation(char):
                if current:
                    tokens.append(current)
                tokens.append(char)
                current = ''
            else:
                current += char
        if current:
            tokens.append(current)
    return tokens


class WordPiece:
    def __init__(self, vocab, emoji_words):
        self.ids = {token: i for i, token in enumerate(vocab)}
        self.emoji_words = emoji_words
        self.cls, self.sep, self.unk = self.ids['[CLS]'], self.ids['[SEP]'], self.ids['[UNK]']
        self._cache = {}

    def _word_ids(self, word):
        if word in self._cache:
            return self._cache[word]
        ids, start = [], 0
        if len(word) > MAX_WORD_CHARS:
            ids = [self.unk]
        while start < len(word) and ids != [self.unk]:
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else '##' + word[start:end]
                if piece in self.ids:
                    ids.append(self.ids[piece])
                    break
                end -= 1
            if end == start:
                ids = [self.unk]
                break
            start = end
        self._cache[word] = ids
        return ids

    def encode(self, normalised_text, max_tokens):
        """[CLS] pieces [SEP], the pieces cut so the whole fits in max_tokens."""
        ids = []
        for word in basic_tokens(write_emoji_as_words(normalised_text, self.emoji_words)):
            ids.extend(self._word_ids(word))
            if len(ids) >= max_tokens - 2:
                break
        return [self.cls] + ids[:max_tokens - 2] + [self.sep]
