// Renders every card (or the cards named), expanded with its sample data, in headless Debian Chromium with the
// official adaptivecards 3.0.6 renderer and a Teams-like light host config, at 390 px (phone) and 1024 px
// viewport widths. Screenshots (full page, device scale 1, so the PNG is exactly the viewport wide):
//   artifacts/cards/<name>-390.png, artifacts/cards/<name>-1024.png
//
//   node tools/js/cards/render.mjs [--out DIR] [name ...]
//   node tools/js/cards/render.mjs --bound FILE --out DIR [--json]
//     renders cards already bound (by the C# CardBinder): FILE holds [{id, card}]; screenshots <id>-<width>.png
//     ('/' in an id becomes '--'); with --json prints [{id, width, problems, height, text}] where problems are the
//     renderer's parse and validation events and page errors, and text is the rendered card's innerText.
// Needs /usr/bin/chromium (apt-get install -y chromium). Exit codes: 0 ok; 1 a card failed to render; 2 setup.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandCard, repoRoot, require, selectCards } from './common.mjs';

export const WIDTHS = [390, 1024];
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));

function setupError(message) {
  console.error(`render.mjs: ${message}`);
  process.exit(2);
}

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  html, body { margin: 0; background: #F5F5F5; }
  body { padding: 12px; font-family: 'Segoe UI', -apple-system, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif; }
  #card { background: #FFFFFF; border: 1px solid #E0E0E0; border-radius: 8px; overflow: hidden; max-width: 560px; }
  #card.full { max-width: none; }
  .ac-pushButton { border: 1px solid #D1D1D1; border-radius: 4px; background: #FFFFFF; color: #242424; min-height: 32px;
    font-weight: 600; font-size: 14px; padding: 4px 12px; cursor: pointer; }
  .ac-pushButton.style-positive { background: #5B5FC7; border-color: #5B5FC7; color: #FFFFFF; }
  .ac-pushButton.style-destructive { color: #C4314B; }
</style></head>
<body><div id="card"></div></body></html>`;

function renderInPage({ card, hostConfig }) {
  // Runs in the browser.
  const AC = window.AdaptiveCards;
  const problems = [];
  const adaptiveCard = new AC.AdaptiveCard();
  adaptiveCard.hostConfig = new AC.HostConfig(hostConfig);
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  adaptiveCard.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const e of adaptiveCard.validateProperties().validationEvents) problems.push(`validation: ${e.message}`);
  const element = adaptiveCard.render();
  if (!element) return { problems: [...problems, 'render() returned nothing'], height: 0, text: '' };
  const host = document.getElementById('card');
  if (card.msteams && card.msteams.width === 'Full') host.classList.add('full');
  host.appendChild(element);
  return { problems, height: host.getBoundingClientRect().height, text: host.innerText };
}

async function main(argv) {
  let out = join(repoRoot, 'artifacts', 'cards');
  let bound = null;
  let asJson = false;
  const names = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = argv[++i];
    else if (argv[i] === '--bound') bound = argv[++i];
    else if (argv[i] === '--json') asJson = true;
    else names.push(argv[i]);
  }
  const items = bound
    ? JSON.parse(readFileSync(bound, 'utf8')).map((b) => ({ id: b.id, card: b.card }))
    : selectCards(names).map((name) => ({ id: name, card: expandCard(name) }));
  const log = asJson ? () => {} : (line) => console.log(line);
  const reports = [];
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch (e) {
    setupError(`cannot load playwright-core (${e.code ?? e.message}). Run: npm ci --prefix tools/js`);
  }
  const acScript = require.resolve('adaptivecards/dist/adaptivecards.js');
  const hostConfig = JSON.parse(readFileSync(join(here, 'host-config.json'), 'utf8'));
  mkdirSync(out, { recursive: true });

  const userDataDir = mkdtempSync(join(tmpdir(), 'noncoopbot-cards-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
      viewport: { width: WIDTHS[0], height: 640 },
      deviceScaleFactor: 1,
    });
  } catch (e) {
    rmSync(userDataDir, { recursive: true, force: true });
    setupError(`cannot start ${CHROMIUM} (${e.message.split('\n')[0]}). Install it: apt-get install -y chromium`);
  }

  let failed = 0;
  try {
    // Block every network request: the page is self-contained.
    await context.route('**/*', (route) => route.abort());
    for (const { id, card } of items) {
      const name = id.replaceAll('/', '--');
      for (const width of WIDTHS) {
        const page = await context.newPage();
        const pageErrors = [];
        page.on('pageerror', (e) => pageErrors.push(e.message));
        await page.setViewportSize({ width, height: 640 });
        await page.setContent(PAGE);
        await page.addScriptTag({ path: acScript });
        const result = await page.evaluate(renderInPage, { card, hostConfig });
        const file = join(out, `${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        await page.close();
        const problems = [...result.problems, ...pageErrors];
        if (result.height <= 0) problems.push('card rendered with no height');
        reports.push({ id, width, problems, height: result.height, text: result.text });
        if (problems.length > 0) {
          failed++;
          log(`FAIL  ${name} @${width}px: ${problems.join('; ')}`);
        } else {
          log(`ok    ${name} @${width}px -> ${file} (card ${Math.round(result.height)} px high)`);
        }
      }
    }
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  // Exit only once stdout is flushed: a report larger than the pipe's buffer (64 KiB) is otherwise cut short.
  const code = failed > 0 ? 1 : 0;
  if (asJson) process.stdout.write(JSON.stringify(reports) + '\n', () => process.exit(code));
  else process.exit(code);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main(process.argv.slice(2));
}
