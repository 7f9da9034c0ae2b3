// Google's own discovery client, as Perspective's Node sample uses it: only the discovery URL points at Vigil.
// Run by RealClientTests with VIGIL_URL and VIGIL_KEY set; exits non-zero when an answer is wrong.
import assert from 'node:assert/strict';
import {google} from 'googleapis';

const base = process.env.VIGIL_URL;
const key = process.env.VIGIL_KEY;
const hateful = 'We should kill all the Jews at the synagogue.';
const benign = 'What a lovely morning for a walk in the park.';

const client = await google.discoverAPI(`${base}/$discovery/rest?version=v1alpha1`);

const analyze = text => client.comments.analyze({
  key,
  resource: {
    comment: {text},
    requestedAttributes: {TOXICITY: {}, IDENTITY_ATTACK: {}, ANTISEMITISM: {}},
    spanAnnotations: true,
    languages: ['en'],
    doNotStore: true,
  },
});

const high = (await analyze(hateful)).data;
const low = (await analyze(benign)).data;
for (const attribute of ['TOXICITY', 'IDENTITY_ATTACK', 'ANTISEMITISM']) {
  const h = high.attributeScores[attribute].summaryScore.value;
  const l = low.attributeScores[attribute].summaryScore.value;
  assert.ok(h > l, `${attribute}: hateful ${h} should score above benign ${l}`);
  assert.equal(high.attributeScores[attribute].summaryScore.type, 'PROBABILITY');
  const span = high.attributeScores[attribute].spanScores[0];
  assert.equal(hateful.slice(span.begin, span.end), hateful);
}
assert.equal(high.attributeScores.ANTISEMITISM.taxonomy.flagged, true);
assert.deepEqual(high.languages, ['en']);

// Perspective's errors reach the client as Google's: an empty comment is refused with COMMENT_EMPTY.
await assert.rejects(
  client.comments.analyze({key, resource: {comment: {text: ''}, requestedAttributes: {TOXICITY: {}}}}),
  error => error.code === 400 && error.response?.data?.error?.details?.[0]?.errorType === 'COMMENT_EMPTY');
// A wrong key is refused.
await assert.rejects(
  client.comments.analyze({key: 'vgl_000000000000_wrong', resource: {comment: {text: benign}, requestedAttributes: {TOXICITY: {}}}}),
  error => error.code === 401);

// suggestscore: the client's own judgement is accepted and its clientToken echoed.
const suggested = await client.comments.suggestscore({
  key,
  resource: {
    comment: {text: hateful},
    attributeScores: {ANTISEMITISM: {summaryScore: {value: 1}}},
    communityId: 'real-client-test',
    clientToken: 'comment-1',
  },
});
assert.equal(suggested.status, 200);
assert.equal(suggested.data.clientToken, 'comment-1');

console.log('perspective client (googleapis discovery): ok');
