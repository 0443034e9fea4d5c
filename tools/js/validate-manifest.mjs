#!/usr/bin/env node
// Validates a Teams app manifest against the official JSON schema of its manifestVersion.
//
//   node tools/js/validate-manifest.mjs manifest/manifest.json            # template: {{BOT_ID}} etc. allowed
//   node tools/js/validate-manifest.mjs --packaged dist/manifest.json     # filled manifest: no {{…}} allowed
//   node tools/js/validate-manifest.mjs --schema path/to/MicrosoftTeams.schema.json manifest.json
//
// Schema lookup (first found): --schema PATH; $NONCOOPBOT_SCHEMAS_DIR/teams/vX.Y/MicrosoftTeams.schema.json;
// <repo>/tools/js/schemas/teams/vX.Y/MicrosoftTeams.schema.json (vendored), where X.Y is the manifest's manifestVersion.
// The Teams schemas are draft-04, hence ajv-draft-04 + ajv-formats with strict: false
// (see tools/js/schemas/README.md, "Quirks").
//
// Template placeholders are replaced by sample values before validation (ids must be GUIDs):
// {{APP_ID}} and {{BOT_ID}} by a sample GUID, {{BOT_DOMAIN}} by a sample host. Any other {{…}} is an error.
//
// The localization files the manifest names (localizationInfo.additionalLanguages[].file, beside the manifest) are
// validated too, against MicrosoftTeams.Localization.schema.json of the same version (vendored beside the manifest
// schema); each must name that schema in $schema and may only translate strings the manifest has.
//
// Exit codes: 0 valid; 1 invalid (errors printed, one per line); 2 usage, file or schema problem.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');

export const SAMPLE_GUID = '00000000-0000-4000-8000-000000000000';
export const SAMPLE_DOMAIN = 'noncoopbot.example.org';
const PLACEHOLDERS = { '{{APP_ID}}': SAMPLE_GUID, '{{BOT_ID}}': SAMPLE_GUID, '{{BOT_DOMAIN}}': SAMPLE_DOMAIN };

function usage(message) {
  if (message) console.error(`validate-manifest: ${message}`);
  console.error('usage: node tools/js/validate-manifest.mjs [--packaged] [--schema SCHEMA.json] MANIFEST.json');
  process.exit(2);
}

function loadValidatorLibs() {
  try {
    return { Ajv: require('ajv-draft-04'), addFormats: require('ajv-formats') };
  } catch (e) {
    console.error(`validate-manifest: cannot load ajv-draft-04/ajv-formats (${e.code ?? e.message}). Run: npm ci --prefix tools/js`);
    process.exit(2);
  }
}

export function findSchema(manifestVersion, explicit) {
  if (explicit) return resolve(explicit);
  const rel = ['teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json'];
  const candidates = [];
  if (process.env.NONCOOPBOT_SCHEMAS_DIR) candidates.push(resolve(process.env.NONCOOPBOT_SCHEMAS_DIR, ...rel));
  candidates.push(resolve(repoRoot, 'tools', 'js', 'schemas', ...rel));
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    console.error(`validate-manifest: no schema for manifestVersion ${manifestVersion}; looked in:\n  ${candidates.join('\n  ')}`);
    process.exit(2);
  }
  return found;
}

function main(argv) {
  let packaged = false;
  let schemaArg;
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--packaged') packaged = true;
    else if (a === '--schema') schemaArg = argv[++i] ?? usage('--schema needs a path');
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else files.push(a);
  }
  if (files.length !== 1) usage('give exactly one manifest file');
  const file = files[0];

  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`validate-manifest: cannot read ${file}: ${e.message}`);
    process.exit(2);
  }

  const problems = [];
  if (!packaged) {
    for (const [key, value] of Object.entries(PLACEHOLDERS)) text = text.split(key).join(value);
  }
  const leftover = [...new Set(text.match(/\{\{[^}]*\}\}/g) ?? [])];
  if (leftover.length > 0) {
    problems.push(`placeholders not filled: ${leftover.join(', ')}`);
  }

  let manifest;
  try {
    manifest = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    console.error(`${file}: not valid JSON: ${e.message}`);
    process.exit(1);
  }
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    console.error(`${file}: the manifest must be a JSON object`);
    process.exit(1);
  }

  const fromSchemaUrl = /\/teams\/v(\d+\.\d+)\//.exec(manifest.$schema ?? '')?.[1];
  const version = typeof manifest.manifestVersion === 'string' ? manifest.manifestVersion : fromSchemaUrl;
  if (!version) {
    console.error(`${file}: no manifestVersion and no recognisable $schema URL: cannot choose a schema`);
    process.exit(1);
  }
  if (fromSchemaUrl && fromSchemaUrl !== version) {
    problems.push(`$schema URL names v${fromSchemaUrl} but manifestVersion is ${version}`);
  }

  const schemaPath = findSchema(version, schemaArg);
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  const { Ajv, addFormats } = loadValidatorLibs();
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (!validate(manifest)) {
    for (const err of validate.errors) {
      const where = err.instancePath || '/';
      const extra = err.keyword === 'pattern' || !err.params || !Object.keys(err.params).length ? '' : ` ${JSON.stringify(err.params)}`;
      problems.push(`${where}: ${err.message}${extra}`);
    }
  }

  const languages = manifest.localizationInfo?.additionalLanguages ?? [];
  if (languages.length > 0) {
    const localizationSchemaPath = join(dirname(schemaPath), 'MicrosoftTeams.Localization.schema.json');
    if (!existsSync(localizationSchemaPath)) {
      console.error(`validate-manifest: no localization schema ${localizationSchemaPath}`);
      process.exit(2);
    }
    // Quirk: the localization schema's patternProperties hold patterns that are invalid with the u flag ("\b]"):
    // compiled without it, as the schema's own draft-04 world does.
    const localizationAjv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(localizationAjv);
    const validateLocalization = localizationAjv.compile(JSON.parse(readFileSync(localizationSchemaPath, 'utf8')));
    for (const { languageTag, file: localizationFile } of languages) {
      const path = resolve(dirname(file), localizationFile);
      let strings;
      try {
        strings = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
      } catch (e) {
        problems.push(`${localizationFile} (${languageTag}): cannot read it as JSON: ${e.message}`);
        continue;
      }
      if (!validateLocalization(strings)) {
        for (const err of validateLocalization.errors) {
          problems.push(`${localizationFile} (${languageTag}) ${err.instancePath || '/'}: ${err.message}${err.params ? ` ${JSON.stringify(err.params)}` : ''}`);
        }
      }
      const fromUrl = /\/teams\/v(\d+\.\d+)\/MicrosoftTeams\.Localization\.schema\.json$/.exec(strings.$schema ?? '')?.[1];
      if (fromUrl !== version) problems.push(`${localizationFile} (${languageTag}): $schema must be the v${version} MicrosoftTeams.Localization.schema.json`);
      for (const key of Object.keys(strings).filter((k) => k !== '$schema')) {
        if (valueAt(manifest, key) === undefined) problems.push(`${localizationFile} (${languageTag}): '${key}' translates nothing in the manifest`);
      }
    }
  }

  if (problems.length > 0) {
    console.error(`${file}: INVALID against Teams manifest schema v${version} (${schemaPath})`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log(`${file}: valid against Teams manifest schema v${version}${languages.length ? ` (and ${languages.length} localization files)` : ''}`);
}

/** The manifest value a localization key names: "name.full", "bots[0].commandLists[1].commands[2].title". */
function valueAt(manifest, key) {
  let node = manifest;
  for (const part of key.match(/[^.[\]]+/g) ?? []) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[/^\d+$/.test(part) ? Number(part) : part];
  }
  return node;
}

main(process.argv.slice(2));
