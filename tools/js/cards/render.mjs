// Renders every card (or the cards named), expanded with its sample data in each language (en, fr, es), in headless
// Debian Chromium with the official adaptivecards 3.0.6 renderer, in three Teams themes: light (a Teams-like light host
// config, host-config.json) at 390 px (phone) and 1024 px viewport widths, dark (Microsoft's Teams dark host config,
// host-configs/microsoft-teams-dark.json) and high contrast (host-configs/teams-high-contrast.json) at 390 px; see
// host-configs/README.md for their sources. Screenshots (full page, device scale 1, so the PNG is exactly the viewport
// wide): artifacts/cards/<id>-<width>.png (light) and <id>-<theme>-<width>.png (dark, high-contrast).
// Beyond the renderer's own events, each render is checked for cut or overflowing content: no element of the card is
// wider than its box (scrollWidth > clientWidth, which also catches a text cut with an ellipsis), and no text block is
// clipped in height (scrollHeight > clientHeight, e.g. maxLines).
//
//   node tools/js/cards/render.mjs [--out DIR] [name ...]
//   node tools/js/cards/render.mjs --bound FILE --out DIR [--json]
//     renders cards already bound (by the C# CardBinder): FILE holds [{id, card}] ('/' in an id becomes '--' in file
//     names); with --json prints [{id, theme, width, problems, height, text}] where problems are the renderer's parse
//     and validation events, page errors and overflow, and text is the rendered card's innerText.
// Needs /usr/bin/chromium (apt-get install -y chromium). Exit codes: 0 ok; 1 a card failed to render; 2 setup.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, expandCard, repoRoot, require, selectCards } from './common.mjs';

export const WIDTHS = [390, 1024];
/** The themes: host config, page colours, and the widths rendered in each. */
export const THEMES = [
  { name: 'light', hostConfig: 'host-config.json', widths: WIDTHS, page: '#F5F5F5', card: '#FFFFFF', border: '#E0E0E0', button: ['#FFFFFF', '#242424', '#D1D1D1'], positive: ['#5B5FC7', '#FFFFFF'], destructive: '#C4314B' },
  { name: 'dark', hostConfig: 'host-configs/microsoft-teams-dark.json', widths: [390], page: '#1F1F1F', card: '#2D2C2C', border: '#3D3D3D', button: ['#292929', '#FFFFFF', '#666666'], positive: ['#7F85F5', '#000000'], destructive: '#F9526B' },
  { name: 'high-contrast', hostConfig: 'host-configs/teams-high-contrast.json', widths: [390], page: '#000000', card: '#000000', border: '#FFFFFF', button: ['#000000', '#FFFFFF', '#FFFFFF'], positive: ['#FFFF01', '#000000'], destructive: '#FFFF01' },
];
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));

function setupError(message) {
  console.error(`render.mjs: ${message}`);
  process.exit(2);
}

const pageFor = (theme) => `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  html, body { margin: 0; background: ${theme.page}; }
  body { padding: 12px; font-family: 'Segoe UI', -apple-system, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif; }
  #card { background: ${theme.card}; border: 1px solid ${theme.border}; border-radius: 8px; overflow: hidden; max-width: 560px; }
  #card.full { max-width: none; }
  .ac-pushButton { border: 1px solid ${theme.button[2]}; border-radius: 4px; background: ${theme.button[0]}; color: ${theme.button[1]}; min-height: 32px;
    font-weight: 600; font-size: 14px; padding: 4px 12px; cursor: pointer; }
  .ac-pushButton.style-positive { background: ${theme.positive[0]}; border-color: ${theme.positive[0]}; color: ${theme.positive[1]}; }
  .ac-pushButton.style-destructive { color: ${theme.destructive}; }
  .ac-input, .ac-input select, .ac-input input { background: ${theme.card}; color: ${theme.button[1]}; }
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
  host.replaceChildren();
  host.classList.toggle('full', Boolean(card.msteams && card.msteams.width === 'Full'));
  host.appendChild(element);
  // Cut or overflowing content: an element wider than its box, or a text block clipped in height.
  const describe = (el) => `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).trim().split(/\s+/).join('.') : ''} "${(el.innerText || el.value || '').trim().slice(0, 60)}"`;
  for (const el of host.querySelectorAll('*')) {
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) problems.push(`overflow: ${describe(el)} is ${el.scrollWidth}px wide in a ${el.clientWidth}px box`);
    if (el.classList.contains('ac-textBlock') && el.clientHeight > 0 && el.scrollHeight > el.clientHeight + 1) problems.push(`cut: ${describe(el)} needs ${el.scrollHeight}px, shows ${el.clientHeight}px`);
  }
  if (host.scrollWidth > document.documentElement.clientWidth) problems.push(`overflow: the card is ${host.scrollWidth}px wide in a ${document.documentElement.clientWidth}px page`);
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
    : selectCards(names).flatMap((name) => LANGUAGES.map((l) => ({ id: `${name}/${l}`, card: expandCard(name, l) })));
  const log = asJson ? () => {} : (line) => console.log(line);
  const reports = [];
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch (e) {
    setupError(`cannot load playwright-core (${e.code ?? e.message}). Run: npm ci --prefix tools/js`);
  }
  const acScript = require.resolve('adaptivecards/dist/adaptivecards.js');
  const hostConfigs = Object.fromEntries(THEMES.map((t) => [t.name, JSON.parse(readFileSync(join(here, t.hostConfig), 'utf8'))]));
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
    // One page per theme and width (the renderer loaded once); each card replaces the one before.
    for (const theme of THEMES) {
      for (const width of theme.widths) {
        const page = await context.newPage();
        let pageErrors = [];
        page.on('pageerror', (e) => pageErrors.push(e.message));
        await page.setViewportSize({ width, height: 640 });
        await page.setContent(pageFor(theme));
        await page.addScriptTag({ path: acScript });
        for (const { id, card } of items) {
          const name = id.replaceAll('/', '--');
          pageErrors = [];
          const result = await page.evaluate(renderInPage, { card, hostConfig: hostConfigs[theme.name] });
          const file = join(out, theme.name === 'light' ? `${name}-${width}.png` : `${name}-${theme.name}-${width}.png`);
          await page.screenshot({ path: file, fullPage: true });
          const problems = [...result.problems, ...pageErrors];
          if (result.height <= 0) problems.push('card rendered with no height');
          reports.push({ id, theme: theme.name, width, problems, height: result.height, text: result.text });
          if (problems.length > 0) {
            failed++;
            log(`FAIL  ${name} ${theme.name} @${width}px: ${problems.join('; ')}`);
          } else {
            log(`ok    ${name} ${theme.name} @${width}px -> ${file} (card ${Math.round(result.height)} px high)`);
          }
        }
        await page.close();
      }
    }
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  if (asJson) process.stdout.write(JSON.stringify(reports) + '\n');
  // exitCode, not exit(): exit() would cut a long report still being written to a pipe.
  process.exitCode = failed > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main(process.argv.slice(2));
}
