// node --test tools/js/test/  — the card referee scripts themselves: they accept every card and catch bad ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGUAGES, cardNames, cardTexts, expandCard, require } from '../cards/common.mjs';
import { checkCard, checkExpanded, compileSchema } from '../cards/check.mjs';

const libs = {
  AC: require('adaptivecards/dist/adaptivecards.js'),
  Ajv: require('ajv').default,
  addFormats: require('ajv-formats').default,
  draft06: require('ajv/dist/refs/json-schema-draft-06.json'),
};
const validate = compileSchema(libs);

test('every card expands with its sample data in every language and passes check.mjs', () => {
  const names = cardNames();
  assert.ok(names.length >= 9, `only ${names.length} cards`);
  for (const name of names) {
    for (const language of LANGUAGES) {
      const card = expandCard(name, language);
      assert.equal(card.type, 'AdaptiveCard');
      assert.deepEqual(checkCard(name, libs, validate, language).problems, [], `${name} (${language})`);
    }
  }
});

test('a card\'s texts come from the catalogue in the language asked, nested by dots', () => {
  const en = cardTexts('alert', 'en');
  const fr = cardTexts('alert', 'fr');
  assert.ok(Object.keys(en).length > 0, 'the alert card has card.alert.* texts');
  assert.deepEqual(Object.keys(fr).sort(), Object.keys(en).sort());
  assert.notDeepEqual(fr, en);
  assert.deepEqual(cardTexts('no-such-card', 'fr'), {});
});

test('check.mjs catches a text left unbound', () => {
  const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${t.missing}' }] };
  const { problems } = checkExpanded(card, libs, validate);
  assert.ok(problems.some((p) => p.startsWith('unresolved expression')), problems.join('; '));
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
