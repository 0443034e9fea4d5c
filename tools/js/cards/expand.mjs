// Expands an Adaptive Card template with data using the official JavaScript engine
// (adaptivecards-templating 2.3.1), the referee for the C# CardBinder.
//
//   node tools/js/cards/expand.mjs <template.json> [data.json] [--language en|fr|es]
//     prints the expanded card (data defaults to <name>.data.json; `t` is injected from the catalogue in that language,
//     English by default, as the bot binds it; see docs/languages.md)
//   node tools/js/cards/expand.mjs --batch <cases.json|->         cases: [{template, data}], prints [{ok, result} | {ok:false, error}]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { withTexts } from './common.mjs';

const require = createRequire(import.meta.url);
const ACData = require('adaptivecards-templating');

export function expand(template, data) {
  const t = new ACData.Template(template);
  return t.expand({ $root: data });
}

function readJson(path) {
  const text = path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  return JSON.parse(text);
}

function runBatch(path) {
  const cases = readJson(path);
  const results = cases.map((c) => {
    try {
      const result = expand(c.template, c.data);
      return result === undefined ? { ok: true, undefined: true } : { ok: true, result };
    } catch (e) {
      return { ok: false, error: String(e && e.message ? e.message : e) };
    }
  });
  process.stdout.write(JSON.stringify(results));
}

function main(argv) {
  if (argv[0] === '--batch') {
    runBatch(argv[1] ?? '-');
    return;
  }
  let language = 'en';
  const at = argv.indexOf('--language');
  if (at >= 0) {
    language = argv[at + 1];
    argv = [...argv.slice(0, at), ...argv.slice(at + 2)];
  }
  const [templatePath, dataPathArg] = argv;
  if (!templatePath) {
    console.error('usage: expand.mjs <template.json> [data.json] | --batch <cases.json|->');
    process.exit(2);
  }
  const dataPath = dataPathArg ?? templatePath.replace(/\.json$/, '.data.json');
  const name = basename(templatePath).replace(/\.json$/, '');
  const result = expand(readJson(templatePath), withTexts(name, readJson(dataPath), language));
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2));
}
