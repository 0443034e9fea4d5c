// Shared helpers of the card scripts: where the cards are, reading a card and its sample data, expanding it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..', '..');
export const cardsDir = join(repoRoot, 'cards');
export const DATA_SUFFIX = '.data.json';
export const MAX_BYTES = 28 * 1024;

/** Card names: every cards/*.json except *.data.json, sorted. */
export function cardNames() {
  return readdirSync(cardsDir)
    .filter((f) => f.endsWith('.json') && !f.endsWith(DATA_SUFFIX))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export function readCard(name) {
  const templatePath = join(cardsDir, `${name}.json`);
  const dataPath = join(cardsDir, `${name}${DATA_SUFFIX}`);
  if (!existsSync(templatePath)) throw new Error(`no card ${templatePath}`);
  if (!existsSync(dataPath)) throw new Error(`card ${name} has no sample data ${dataPath}`);
  return { template: JSON.parse(readFileSync(templatePath, 'utf8')), data: JSON.parse(readFileSync(dataPath, 'utf8')) };
}

export function loadTemplating() {
  return require('adaptivecards-templating');
}

/** Expands a card with its sample data using adaptivecards-templating. */
export function expandCard(name) {
  const { template, data } = readCard(name);
  const ACData = loadTemplating();
  return new ACData.Template(template).expand({ $root: data });
}

/** The directory of the official schemas: $NONCOOPBOT_SCHEMAS_DIR, else the vendored copies in tools/js/schemas. */
export function schemasDir() {
  return process.env.NONCOOPBOT_SCHEMAS_DIR ?? resolve(repoRoot, 'tools', 'js', 'schemas');
}

/** Names given on the command line (validated), or all cards. */
export function selectCards(args) {
  const all = cardNames();
  if (args.length === 0) return all;
  for (const a of args) if (!all.includes(a)) throw new Error(`unknown card '${a}' (known: ${all.join(', ')})`);
  return args;
}
