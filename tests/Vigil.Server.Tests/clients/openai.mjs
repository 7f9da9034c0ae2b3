// The official OpenAI library, unmodified: only baseURL points at Vigil.
// Run by RealClientTests with VIGIL_URL, VIGIL_KEY and VIGIL_SLOW_KEY (a key limited to 1 request/s) set.
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const base = process.env.VIGIL_URL;
const hateful = 'We should kill all the Jews at the synagogue.';
const benign = 'What a lovely morning for a walk in the park.';
const client = new OpenAI({apiKey: process.env.VIGIL_KEY, baseURL: `${base}/v1`, maxRetries: 0});

const moderation = await client.moderations.create({model: 'omni-moderation-latest', input: [hateful, benign]});
assert.match(moderation.id, /^modr-/);
assert.equal(moderation.results.length, 2);
const [high, low] = moderation.results;
assert.equal(Object.keys(high.categories).length, 13);
assert.equal(Object.keys(high.category_scores).length, 13);
assert.equal(high.flagged, true);
assert.equal(high.categories.hate, true);
assert.equal(low.flagged, false);
assert.ok(high.category_scores.hate > low.category_scores.hate);
assert.deepEqual(high.category_applied_input_types.hate, ['text']);

const parts = await client.moderations.create({model: 'omni-moderation-latest', input: [{type: 'text', text: hateful}]});
assert.equal(parts.results.length, 1);

// An image is refused with a clear error the library raises as BadRequestError.
await assert.rejects(
  client.moderations.create({model: 'omni-moderation-latest', input: [{type: 'image_url', image_url: {url: 'https://example.org/a.png'}}]}),
  error => error instanceof OpenAI.BadRequestError && error.code === 'image_input_not_supported');
await assert.rejects(
  new OpenAI({apiKey: 'vgl_000000000000_wrong', baseURL: `${base}/v1`, maxRetries: 0}).moderations.create({input: benign}),
  error => error instanceof OpenAI.AuthenticationError);

// Past its rate a key gets 429 with Retry-After, which the library raises as RateLimitError.
const slow = new OpenAI({apiKey: process.env.VIGIL_SLOW_KEY, baseURL: `${base}/v1`, maxRetries: 0});
const outcomes = await Promise.allSettled(Array.from({length: 10}, () => slow.moderations.create({input: benign})));
const refused = outcomes.find(o => o.status === 'rejected');
assert.ok(refused, 'ten requests at once on a 1/s key: some should be refused');
assert.ok(refused.reason instanceof OpenAI.RateLimitError, String(refused.reason));
assert.ok(Number(refused.reason.headers.get('retry-after')) >= 1);

console.log('openai client: ok');
