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

/** The languages of the text catalogue, English first (src/NonCoopBot.Dialogs/Texts/TextCatalogue.cs). */
export const LANGUAGES = ['en', 'fr', 'es'];

const catalogues = new Map();

/** Every text of one language: the catalogue files src/<project>/Texts/<area>.<lang>.json merged (key → text). */
export function catalogue(language) {
  if (!LANGUAGES.includes(language)) throw new Error(`unknown language '${language}' (known: ${LANGUAGES.join(', ')})`);
  if (!catalogues.has(language)) {
    const texts = {};
    const src = join(repoRoot, 'src');
    for (const project of readdirSync(src).sort()) {
      const dir = join(src, project, 'Texts');
      if (!existsSync(dir)) continue;
      for (const file of readdirSync(dir).filter((f) => f.endsWith(`.${language}.json`)).sort()) {
        Object.assign(texts, JSON.parse(readFileSync(join(dir, file), 'utf8')));
      }
    }
    catalogues.set(language, texts);
  }
  return catalogues.get(language);
}

/**
 * The card's fixed words as the bot binds them (`t`): every `card.<name>.` key, nested by dots, in `language`, English
 * where a text is missing (as TextCatalogue.Strings does).
 */
export function cardTexts(name, language = 'en') {
  const prefix = `card.${name}.`;
  const english = catalogue('en');
  const texts = catalogue(language);
  const t = {};
  for (const key of Object.keys(english).filter((k) => k.startsWith(prefix)).sort()) {
    const path = key.slice(prefix.length).split('.');
    let node = t;
    for (const part of path.slice(0, -1)) {
      if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
      node = node[part];
    }
    node[path[path.length - 1]] = texts[key] ?? english[key];
  }
  return t;
}

/** The data with `t` for the card in `language` (data sets carry none: see docs/languages.md). */
export function withTexts(name, data, language = 'en') {
  return { ...data, t: cardTexts(name, language) };
}

/** Expands a card with its sample data and its texts in `language` using adaptivecards-templating. */
export function expandCard(name, language = 'en') {
  const { template, data } = readCard(name);
  const ACData = loadTemplating();
  return new ACData.Template(template).expand({ $root: withTexts(name, data, language) });
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
