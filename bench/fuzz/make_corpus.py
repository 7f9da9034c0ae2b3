#!/usr/bin/env python3
"""Writes the fuzz corpus: for each ingest format and for `vigil score`, a file of N records (default 100,000) of which
about half are damaged: cut, bit-flipped, given invalid UTF-8, NULs, byte order marks, CRLF, values of the wrong type,
numbers and dates out of range, duplicate keys, escaped lone surrogates, pages. Each file also holds three 10 MB lines
and three 100,000-deep nestings. Seeded: the same seed writes the same bytes.

usage: make_corpus.py OUT_DIR [--records N] [--seed S]
"""
import argparse
import os
import random

SEEDS = {
    "vigil": [
        '{"kind":"post","v":1,"id":"pID","author_id":"u1","created_at":"2026-03-01T12:00:00.000Z","text":"tea at four #tea","lang":"en","hashtags":["tea"],"views":57}',
        '{"kind":"account","v":1,"id":"uID","handle":"ann","display_name":"Ann","created_at":"2020-05-01T10:00:00Z","followers":120,"verified":false}',
        '{"kind":"interaction","v":1,"type":"like","account_id":"uID","post_id":"p1","at":"2026-03-01T12:01:00.000Z","count":1}',
    ],
    "csv": [
        'pID,u1,2026-03-01T12:00:00Z,"tea, at four",en,,,,tea,,https://example.org,57',
        'pID,u2,1772366400,plain words,,p1,,,,ann,,0',
    ],
    "x-v2": [
        '{"data":[{"id":"ID","author_id":"11","created_at":"2021-04-08T18:00:00.000Z","text":"hi #x","lang":"en","entities":{"hashtags":[{"start":3,"end":5,"tag":"x"}]},"public_metrics":{"impression_count":9},"referenced_tweets":[{"type":"quoted","id":"9"}]}],"includes":{"users":[{"id":"11","username":"ann","name":"Ann","public_metrics":{"followers_count":3}}]},"meta":{"result_count":1}}',
        '{"id":"ID","author_id":"12","created_at":"2021-04-08T18:00:00.000Z","text":"RT @ann: hi","author":{"id":"12","username":"bob"},"referenced_tweets":[{"type":"retweeted","id":"1","author_id":"11","created_at":"2021-04-08T17:00:00.000Z","text":"hi"}],"note_tweet":{"text":"long"}}',
    ],
    "jetstream": [
        '{"did":"did:plc:a","time_us":1772366400000000,"kind":"commit","commit":{"rev":"3l","operation":"create","collection":"app.bsky.feed.post","rkey":"ID","record":{"$type":"app.bsky.feed.post","text":"hello","langs":["en"],"createdAt":"2026-03-01T12:00:00.000Z","facets":[{"index":{"byteStart":0,"byteEnd":5},"features":[{"$type":"app.bsky.richtext.facet#link","uri":"https://example.org"}]}]},"cid":"bafy"}}',
        '{"did":"did:plc:b","time_us":1772366400000001,"type":"com","commit":{"rev":"3l","type":"c","collection":"app.bsky.feed.like","rkey":"ID","record":{"subject":{"uri":"at://did:plc:a/app.bsky.feed.post/r1","cid":"bafy"},"createdAt":"2026-03-01T12:00:01.000Z"}}}',
    ],
    "mastodon": [
        '{"id":"ID","created_at":"2026-03-01T12:00:00.000Z","language":"en","spoiler_text":"cw","content":"<p>hi <a href=\\"https://example.org/a\\">a</a></p>","account":{"id":"a1","username":"ann","acct":"ann","followers_count":1},"reblog":null,"tags":[{"name":"x"}],"mentions":[]}',
        '{"id":"ID","created_at":"2026-03-01T12:00:00Z","content":"","account":{"id":"a2","username":"bob"},"reblog":{"id":"1","created_at":"2026-03-01T11:00:00Z","content":"<p>x</p>","account":{"id":"a1","username":"ann"}}}',
    ],
    # `vigil score` inputs: CSV with a header and JSONL, text in "text".
    "score-csv": ['ID,"some words, quoted",en', 'ID,plain words about tea,de'],
    "score-jsonl": ['{"id":"ID","text":"some words about tea","lang":"en"}', '{"id":ID,"text":"hi"}'],
}
HEADERS = {
    "csv": "id,author_id,created_at,text,lang,reply_to_id,quote_of_id,repost_of_id,hashtags,mentions,urls,views\n",
    "score-csv": "id,text,lang\n",
}
INVALID_UTF8 = [b"\xff", b"\xc3\x28", b"\x80", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82"]


def replace_first(data: bytes, what: bytes, new: bytes) -> bytes:
    at = data.find(what)
    return data if at < 0 else data[:at] + new + data[at + len(what):]


def mutate(rng: random.Random, data: bytes) -> bytes:
    kind = rng.randrange(13)
    at = rng.randrange(len(data) + 1)
    if kind == 0:
        return data[:at]                                                    # truncation
    if kind == 1 and data:
        i = min(at, len(data) - 1)
        return data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1:]  # bit flip
    if kind == 2:
        return data[:at] + rng.choice(INVALID_UTF8) + data[at:]             # invalid UTF-8
    if kind == 3:
        return data[:at] + b"\x00" + data[at:]                              # NUL
    if kind == 4:
        return data[:at] + b"\xef\xbb\xbf" + data[at:]                      # BOM
    if kind == 5:
        return data.replace(b'",', b'",\r\n', rng.randrange(1, 4))          # CRLF inside the record
    if kind == 6:                                                           # wrong type
        return replace_first(data, b'"en"', rng.choice([b"123", b"[]", b"{}", b"null", b"true", b"-1.5e3"]))
    if kind == 7:                                                           # out-of-range number
        return replace_first(data, b"57", rng.choice([b"1e400", b"-1", b"99999999999999999999999", b"0.5"]))
    if kind == 8:                                                           # out-of-range date
        return replace_first(data, b"2026-03-01T12:00:00", rng.choice(
            [b"9999-99-99T99:99:99", b"0000-01-01T00:00:00", b"2026-02-30T00:00:00", b"+275760-09-13T00:00:00", b""]))
    if kind == 9:
        return replace_first(data, b'{"', b'{"id":"dup","id":7,"')          # duplicate keys
    if kind == 10:
        return replace_first(data, b"hi", b"h\\ud800i\\udc00")              # escaped lone surrogates
    if kind == 11:
        return b"[" + data + b"," + data + b"]"                             # a page of two
    return data.replace(b",", b",\n  ", 3)                                  # pretty-printed (spans lines)


def record(rng: random.Random, name: str, number: int) -> bytes:
    data = rng.choice(SEEDS[name]).replace("ID", str(number)).encode()
    if rng.random() < 0.5:
        for _ in range(rng.randrange(1, 4)):
            data = mutate(rng, data)
    return data


def huge(rng: random.Random, name: str, number: int, kind: int) -> bytes:
    data = rng.choice(SEEDS[name]).replace("ID", str(number)).encode()
    if kind == 0:                                                           # a 10 MB line: 10 MB inside the first string
        at = data.find(b'"') + 1
        return data[:at] + b"x" * (10 << 20) + data[at:]
    return b"[" * 100_000 + b"]" * 100_000                                  # 100,000-deep nesting


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name in SEEDS:
        rng = random.Random(f"{args.seed}:{name}")
        special = {rng.randrange(args.records): (kind, i) for kind in (0, 1) for i in range(3)}
        extension = "csv" if name.endswith("csv") else "jsonl"
        with open(os.path.join(args.out, f"{name}.{extension}"), "wb") as f:
            f.write(HEADERS.get(name, "").encode())
            for number in range(args.records):
                line = huge(rng, name, number, special[number][0]) if number in special else record(rng, name, number)
                f.write(line + b"\n")


if __name__ == "__main__":
    main()
