// node --test tools/js/test/  — the card referee scripts themselves: they accept every card and catch bad ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cardNames, expandCard, require } from '../cards/common.mjs';
import { checkCard, compileSchema } from '../cards/check.mjs';

const libs = {
  AC: require('adaptivecards/dist/adaptivecards.js'),
  Ajv: require('ajv').default,
  addFormats: require('ajv-formats').default,
  draft06: require('ajv/dist/refs/json-schema-draft-06.json'),
};
const validate = compileSchema(libs);

test('every card expands with its sample data and passes check.mjs', () => {
  const names = cardNames();
  assert.ok(names.length >= 9, `only ${names.length} cards`);
  for (const name of names) {
    const card = expandCard(name);
    assert.equal(card.type, 'AdaptiveCard');
    assert.deepEqual(checkCard(name, libs, validate).problems, [], name);
  }
});

test('the schema check catches an unknown property and a bad enum value', () => {
  const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x', colour: 'red', size: 'Huge' }] };
  assert.equal(validate(card), false);
  const messages = validate.errors.map((e) => e.message).join('; ');
  assert.match(messages, /additional properties|must match/);
});

test('the schema check accepts Teams\' msteams root property', () => {
  const card = { type: 'AdaptiveCard', version: '1.5', msteams: { width: 'Full' }, body: [{ type: 'TextBlock', text: 'x' }] };
  assert.equal(validate(card), true, JSON.stringify(validate.errors));
});

test('the renderer reports an unknown element type', () => {
  const { AC } = libs;
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  new AC.AdaptiveCard().parse({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }] }, context);
  assert.ok(context.eventCount > 0);
});
