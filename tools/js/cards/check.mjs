// Checks every card (or the cards named) after expanding it with its sample data and its texts in each language
// (en, fr, es: `t` injected from the catalogue, docs/languages.md) with adaptivecards-templating:
//  - parses in the official renderer adaptivecards 3.0.6 at version 1.5 with no parse warning or error,
//    and validateProperties() reports nothing;
//  - validates against the Adaptive Card 1.5.0 JSON schema (ajv, quirks patched in memory, see
//    tools/js/schemas/README.md), schema found in $NONCOOPBOT_SCHEMAS_DIR or tools/js/schemas (vendored);
//  - is at most 28 KB of JSON and has no "${" left; declares version <= 1.5.
//
//   node tools/js/cards/check.mjs [--json] [name ...]        reports [{name, language, bytes, problems}]
//   node tools/js/cards/check.mjs --bound FILE [--json]        checks cards already bound (by the C# binder): FILE holds
//                                                               [{id, card}]; reports [{id, bytes, problems}]
// Exit codes: 0 all good; 1 a card failed; 2 setup problem (missing node_modules or schema).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, MAX_BYTES, expandCard, require, schemasDir, selectCards } from './common.mjs';

function setupError(message) {
  console.error(`check.mjs: ${message}`);
  process.exit(2);
}

function loadLibs() {
  try {
    return {
      AC: require('adaptivecards/dist/adaptivecards.js'),
      Ajv: require('ajv').default,
      addFormats: require('ajv-formats').default,
      draft06: require('ajv/dist/refs/json-schema-draft-06.json'),
    };
  } catch (e) {
    return setupError(`cannot load adaptivecards/ajv (${e.code ?? e.message}). Run: npm ci --prefix tools/js`);
  }
}

export function compileSchema(libs) {
  const path = join(schemasDir(), 'adaptive-cards', '1.5.0', 'adaptive-card.json');
  if (!existsSync(path)) setupError(`schema not found: ${path} (set NONCOOPBOT_SCHEMAS_DIR)`);
  const schema = JSON.parse(readFileSync(path, 'utf8'));
  // Quirk 1: draft-06 schema naming itself with draft-04 "id".
  schema.$id = schema.id;
  delete schema.id;
  // Quirk 4: Teams' msteams root property is not in the schema: allow it.
  schema.definitions.AdaptiveCard.properties.msteams = { type: 'object' };
  // strict: false — the schema also trips ajv's strictTypes (pattern without type); strictness is not validation.
  const ajv = new libs.Ajv({ allErrors: true, strict: false });
  ajv.addMetaSchema(libs.draft06);
  // Quirk 2: annotation keywords on properties: "version" (in the README) and "features" (also present).
  ajv.addKeyword('version');
  ajv.addKeyword('features');
  libs.addFormats(ajv);
  return ajv.compile(schema);
}

export function checkCard(name, libs, validate, language = 'en') {
  let card;
  try {
    card = expandCard(name, language);
  } catch (e) {
    return { name, language, problems: [`templating failed: ${e.message}`] };
  }
  return { name, language, ...checkExpanded(card, libs, validate) };
}

/** The checks on one expanded card: size, nothing left unbound, version, the official renderer, the JSON schema. */
export function checkExpanded(card, libs, validate) {
  const problems = [];
  const json = JSON.stringify(card);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_BYTES) problems.push(`size ${bytes} bytes > ${MAX_BYTES}`);
  const at = json.indexOf('${');
  if (at >= 0) problems.push(`unresolved expression: …${json.slice(Math.max(0, at - 40), at + 60)}…`);
  if (card.type !== 'AdaptiveCard') problems.push(`type is ${card.type}`);
  if (!/^1\.[0-5]$/.test(String(card.version))) problems.push(`version ${card.version} is above 1.5 (Teams' ceiling)`);

  const { AC } = libs;
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`renderer parse event ${e.event}: ${e.message}`);
  }
  const results = parsed.validateProperties();
  for (const e of results.validationEvents) {
    problems.push(`renderer validation event ${e.event}: ${e.message}`);
  }

  if (!validate(card)) {
    for (const e of validate.errors) problems.push(`schema: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  }
  return { bytes, problems };
}

function main(argv) {
  const asJson = argv.includes('--json');
  const rest = argv.filter((a) => a !== '--json');
  const libs = loadLibs();
  const validate = compileSchema(libs);
  let reports;
  if (rest[0] === '--bound') {
    reports = JSON.parse(readFileSync(rest[1], 'utf8')).map((b) => ({ id: b.id, name: b.id, ...checkExpanded(b.card, libs, validate) }));
  } else {
    reports = selectCards(rest).flatMap((n) => LANGUAGES.map((l) => ({ ...checkCard(n, libs, validate, l), name: n, language: l })));
  }
  if (asJson) {
    process.stdout.write(JSON.stringify(reports, null, 2) + '\n');
  } else {
    for (const r of reports) {
      const label = r.language ? `${r.name} (${r.language})` : r.name;
      if (r.problems.length === 0) console.log(`ok    ${label} (${r.bytes} bytes)`);
      else {
        console.log(`FAIL  ${label}`);
        for (const p of r.problems) console.log(`      ${p}`);
      }
    }
    const failed = reports.filter((r) => r.problems.length > 0).length;
    console.log(failed === 0 ? `check.mjs: all ${reports.length} cards OK` : `check.mjs: ${failed} of ${reports.length} cards have problems`);
  }
  // exitCode, not exit(): exit() would cut a long report still being written to a pipe.
  process.exitCode = reports.some((r) => r.problems.length > 0) ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2));
}
