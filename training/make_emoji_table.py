"""Writes models/encoder/emoji-words.tsv: the Unicode name of every pictographic symbol, lower-cased, so the encoder reads
"😂" as "face with tears of joy" instead of [UNK]. C# applies the same table after the text normaliser (which already
writes its own words for the emoji it knows, and drops skin tones and variation selectors). Regional-indicator letters
map to nothing: apart from the two flags the normaliser names, a flag's letters carry no words the encoder knows.
Run once when the table should change; the table, not this script, is the contract (its sha256 is in the manifest)."""
import sys
import unicodedata

RANGES = [(0x2190, 0x2BFF), (0x3030, 0x303D), (0x1F000, 0x1FAFF)]
REGIONAL_INDICATORS = range(0x1F1E6, 0x1F200)

with open(sys.argv[1], 'w', encoding='utf-8', newline='\n') as table:
    table.write(f'# code point\twords (Unicode {unicodedata.unidata_version} names, lower-cased; empty = remove)\n')
    for low, high in RANGES:
        for code_point in range(low, high + 1):
            char = chr(code_point)
            if unicodedata.category(char) != 'So' or not unicodedata.name(char, ''):
                continue
            words = '' if code_point in REGIONAL_INDICATORS else unicodedata.name(char).lower().replace('-', ' ')
            table.write(f'U+{code_point:04X}\t{words}\n')
