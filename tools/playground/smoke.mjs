#!/usr/bin/env node
// Smoke test of NonCoopBot through Microsoft 365 Agents Playground's web UI, driven headlessly.
//
//   node tools/playground/smoke.mjs http://localhost:56150 [--out /tmp] [--chromium /usr/bin/chromium]
//
// It starts nothing but the browser: the bot (http://localhost:3978/api/messages, anonymous Development
// mode) and the Playground (agentsplayground -e http://localhost:3978/api/messages -c msteams) must
// already run; see README.md beside this file. In the Playground's Personal Chat it types
//   help | good offices | Kenya | 7(b) | cancel | matters
// waits after each for the bot's answer (the Playground renders each bot message as a .fai-OutputCard),
// checks the answer's text, prints it, and saves screenshots pg-help.png, pg-7b.png, pg-cancel.png,
// pg-matters.png (and pg-failure.png on a failure) in --out. Exit code 0 when every step answered as
// expected, 1 otherwise.
//
// playwright-core comes from tools/playground/node_modules (npm install --prefix tools/playground) or,
// failing that, from tools/js/node_modules (npm ci --prefix tools/js). Chromium is Debian's
// (apt-get install -y chromium): Playwright's own browser downloads are not used.

import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const opts = { url: 'http://localhost:56150', out: '/tmp', chromium: process.env.CHROMIUM || '/usr/bin/chromium', timeoutMs: 20000 };
  const rest = [...argv];
  while (rest.length > 0) {
    const a = rest.shift();
    if (a === '--out') opts.out = rest.shift();
    else if (a === '--chromium') opts.chromium = rest.shift();
    else if (a === '--timeout') opts.timeoutMs = Number(rest.shift()) * 1000;
    else if (a === '-h' || a === '--help') {
      console.log('usage: node smoke.mjs [PLAYGROUND_URL] [--out DIR] [--chromium PATH] [--timeout SECONDS]');
      process.exit(0);
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else opts.url = a;
  }
  return opts;
}

async function loadPlaywright() {
  try {
    return await import('playwright-core');
  } catch {
    for (const base of [path.join(here, 'package.json'), path.join(here, '..', 'js', 'package.json')]) {
      try {
        const resolved = createRequire(base).resolve('playwright-core');
        return await import(resolved);
      } catch { /* try the next place */ }
    }
  }
  throw new Error('playwright-core not found: run npm install --prefix tools/playground (or npm ci --prefix tools/js)');
}

// Each step: what to type, a pattern that the bot's new message(s) must match, and an optional screenshot.
const steps = [
  { say: 'help', expect: /Commands:[\s\S]*good offices[\s\S]*matters/i, shot: 'pg-help.png' },
  { say: 'good offices', expect: /Which State is the requested State\?/ },
  { say: 'Kenya', expect: /Requested State: Kenya\. Which scenario\?/ },
  { say: '7(b)', expect: /Court's reference/, shot: 'pg-7b.png' },
  { say: 'cancel', expect: /Cancelled\. Nothing was saved\./, shot: 'pg-cancel.png' },
  { say: 'matters', expect: /\S/, shot: 'pg-matters.png' },
];

const opts = parseArgs(process.argv.slice(2));
const playwright = await loadPlaywright();
const chromium = playwright.chromium ?? playwright.default?.chromium;
const userDataDir = mkdtempSync(path.join(tmpdir(), 'pg-smoke-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: opts.chromium,
  headless: true,
  viewport: { width: 1400, height: 1000 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const page = context.pages()[0] ?? await context.newPage();
page.on('console', (m) => {
  // The Playground loads fonts and an animation from a CDN that this machine cannot reach: not our concern.
  if (m.type() === 'error' && !/Failed to load resource|worklet module/.test(m.text())) console.log(`  [browser console] ${m.text()}`);
});

const botMessages = page.locator('.fai-OutputCard');
const input = page.locator('[role="textbox"][contenteditable="true"][data-lexical-editor="true"]');

async function botTexts() {
  return botMessages.evaluateAll((els) => els.map((e) => e.innerText.trim()));
}

// Waits until at least one new bot message has arrived and no further one for `quietMs`.
async function waitForAnswer(before, deadline, quietMs = 1500) {
  let count = before;
  let changedAt = Date.now();
  while (Date.now() < deadline) {
    const now = await botMessages.count();
    if (now !== count) { count = now; changedAt = Date.now(); }
    if (count > before && Date.now() - changedAt >= quietMs) return (await botTexts()).slice(before);
    await page.waitForTimeout(200);
  }
  return (await botTexts()).slice(before);
}

let failures = 0;
try {
  await page.goto(opts.url, { waitUntil: 'domcontentloaded' });
  await input.waitFor({ timeout: opts.timeoutMs });
  // On load the Playground sends installationUpdate + conversationUpdate; let the welcome arrive first.
  const welcome = await waitForAnswer(0, Date.now() + opts.timeoutMs);
  console.log(`page loaded; welcome messages on load: ${welcome.length}`);
  welcome.forEach((t) => console.log(`  bot> ${t.replace(/\s+/g, ' ')}`));

  for (const step of steps) {
    const before = await botMessages.count();
    await input.click();
    await input.pressSequentially(step.say);
    await page.keyboard.press('Enter');
    const answer = await waitForAnswer(before, Date.now() + opts.timeoutMs);
    const text = answer.join('\n');
    const ok = answer.length > 0 && step.expect.test(text);
    console.log(`${ok ? 'PASS' : 'FAIL'} you> ${step.say}`);
    if (answer.length === 0) console.log('  (no answer within the timeout)');
    answer.forEach((t) => console.log(`  bot> ${t.replace(/\s+/g, ' ')}`));
    if (step.shot) {
      const file = path.join(opts.out, step.shot);
      await page.screenshot({ path: file });
      console.log(`  screenshot ${file}`);
    }
    if (!ok) {
      failures += 1;
      await page.screenshot({ path: path.join(opts.out, 'pg-failure.png') });
      break;
    }
  }
} catch (err) {
  failures += 1;
  console.log(`FAIL ${err.message}`);
  await page.screenshot({ path: path.join(opts.out, 'pg-failure.png') }).catch(() => {});
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

console.log(failures === 0 ? 'smoke: all steps answered as expected' : 'smoke: FAILED');
process.exit(failures === 0 ? 0 : 1);
