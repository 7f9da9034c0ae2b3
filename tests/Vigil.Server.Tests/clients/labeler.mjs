// Bluesky's own libraries, unmodified, read Vigil as an AT Protocol labeler: @atproto/api's queryLabels (paged with a
// cursor) and @atproto/xrpc-server's Subscription to subscribeLabels (DAG-CBOR frames). Every label's signature is
// checked with @atproto/crypto against the labeler's did:key, over the label re-encoded by @atproto/lex-cbor.
import assert from 'node:assert/strict';
import { AtpAgent } from '@atproto/api';
import { Subscription } from '@atproto/xrpc-server';
import { formatDidKey, P256_JWT_ALG, verifySignature } from '@atproto/crypto';
import { encode } from '@atproto/lex-cbor';

const url = process.env.VIGIL_URL;
const did = process.env.VIGIL_LABELER_DID;
const expected = Number(process.env.VIGIL_LABEL_COUNT);
// formatDidKey compresses the uncompressed (04 || x || y) point itself.
const didKey = formatDidKey(P256_JWT_ALG, new Uint8Array(Buffer.from(process.env.VIGIL_LABELER_KEY_HEX, 'hex')));

async function assertSigned(label) {
  const { sig, $type, ...unsigned } = label;
  assert.ok(sig instanceof Uint8Array && sig.length === 64, `sig of ${label.uri}`);
  assert.ok(await verifySignature(didKey, encode(unsigned), sig), `signature of ${label.uri} ${label.val}`);
}

// queryLabels, two at a time, until the cursor runs out.
const agent = new AtpAgent({ service: url });
const queried = [];
let cursor;
do {
  const { data } = await agent.com.atproto.label.queryLabels({ uriPatterns: ['at://*'], sources: [did], limit: 2, cursor });
  queried.push(...data.labels);
  cursor = data.cursor;
} while (cursor);
assert.equal(queried.length, expected);
for (const label of queried) {
  assert.equal(label.src, did);
  assert.equal(label.val, 'antisemitism');
  await assertSigned(label);
}
const { data: one } = await agent.com.atproto.label.queryLabels({ uriPatterns: [queried[0].uri] });
assert.deepEqual(one.labels.map((l) => l.uri), [queried[0].uri]);
console.log(`queryLabels: ok (${queried.length} signed labels)`);

// subscribeLabels from cursor 0: every label, in sequence, the same as queryLabels gave.
const abort = new AbortController();
const subscription = new Subscription({
  service: url.replace(/^http/, 'ws'),
  method: 'com.atproto.label.subscribeLabels',
  getParams: () => ({ cursor: 0 }),
  signal: abort.signal,
  validate: (body) => body,
});
const streamed = [];
let lastSeq = 0;
const timer = setTimeout(() => abort.abort(), 30_000);
try {
  for await (const message of subscription) {
    assert.equal(message.$type, 'com.atproto.label.subscribeLabels#labels');
    assert.ok(message.seq > lastSeq, `seq ${message.seq} after ${lastSeq}`);
    lastSeq = message.seq;
    for (const label of message.labels) {
      await assertSigned(label);
      streamed.push(label);
    }
    if (streamed.length === expected) break;
  }
} finally {
  clearTimeout(timer);
  abort.abort();
}
assert.deepEqual(streamed.map((l) => `${l.uri} ${l.val}`), queried.map((l) => `${l.uri} ${l.val}`));
console.log(`subscribeLabels: ok (${streamed.length} labels, seq 1..${lastSeq})`);

// A cursor from the future is an error frame, which the library raises.
const future = new Subscription({
  service: url.replace(/^http/, 'ws'), method: 'com.atproto.label.subscribeLabels',
  getParams: () => ({ cursor: 1_000_000 }), validate: (body) => body, maxReconnectSeconds: 0,
});
await assert.rejects(async () => { for await (const _ of future) { /* nothing may arrive */ } }, (e) => /FutureCursor/.test(`${e.error ?? ''} ${e.message}`));
console.log('FutureCursor: ok');
