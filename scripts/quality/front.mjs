#!/usr/bin/env node
// The front-quality part of scripts/quality.sh, against nginx (TLS) in front of the host-run app:
//   prepare       sign in, connect the fake SmugMug through its OAuth pages, sync the account
//   load          autocannon, N clients for S seconds mixing browsing, thumbnails and search; 0 errors
//   observatory   MDN HTTP Observatory grade of the front (goal A+)
//   lighthouse    performance, accessibility, best practices ≥ 95 on the sign-in page and the signed-in library
//                 (Node API on Chromium driven by puppeteer-core, desktop preset)
// Prints "RESULT <name> pass|fail <detail>" lines (counted by quality.sh) and writes JSON next to them.
// Environment: FRONT_URL (https://localhost:PORT), FRONT_HTTP_PORT, FRONT_HTTPS_PORT, OWNER_EMAIL, OWNER_PASSWORD,
// REPORT_DIR, CHROMIUM, LOAD_CLIENTS (50), LOAD_SECONDS (60). NODE_EXTRA_CA_CERTS must name the front's certificate.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import runLighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import puppeteer from 'puppeteer-core';
import { retrieve } from '@mdn/mdn-http-observatory/src/retriever/retriever.js';
import { ALL_TESTS, NUM_TESTS } from '@mdn/mdn-http-observatory/src/constants.js';
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from '@mdn/mdn-http-observatory/src/grader/charts.js';
import { getGradeForScore, getScoreModifier } from '@mdn/mdn-http-observatory/src/grader/grader.js';

const env = (name, fallback) => process.env[name] ?? fallback ?? (() => { throw new Error(`${name} is not set`); })();
const base = env('FRONT_URL');
const reportDir = env('REPORT_DIR');
const steps = process.argv.slice(2);

const result = (name, pass, detail) => console.log(`RESULT ${name} ${pass ? 'pass' : 'fail'} ${detail}`);
const save = (name, data) => writeFileSync(join(reportDir, `${name}.json`), JSON.stringify(data, null, 2));

/** A tiny cookie jar: the session and antiforgery cookies are all the API needs. */
const jar = new Map();
async function call(path, init = {}) {
  const headers = new Headers(init.headers);
  headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
  if (init.method && init.method !== 'GET' && jar.has('XSRF-TOKEN')) headers.set('x-xsrf-token', jar.get('XSRF-TOKEN'));
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    init = { ...init, body: JSON.stringify(init.json) };
  }
  const url = path.startsWith('http') ? path : base + path;
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return response;
}
async function ok(response) {
  if (response.status >= 400) throw new Error(`${response.url} → ${response.status} ${await response.text()}`);
  return response;
}

async function signIn() {
  await ok(await call('/api/auth/status'));
  await ok(await call('/api/auth/login', { method: 'POST', json: { email: env('OWNER_EMAIL'), password: env('OWNER_PASSWORD') } }));
}

async function prepare() {
  await signIn();
  const account = await (await call('/api/smugmug/account')).json();
  if (!account.connected) {
    const begin = await (await ok(await call('/api/smugmug/connect', { method: 'POST' }))).json();
    const authorize = Object.values(begin).find((v) => typeof v === 'string' && v.startsWith('http'));
    const page = await (await fetch(authorize)).text();
    const field = (name) => page.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1] ?? '';
    const form = new URLSearchParams({ oauth_token: field('oauth_token'), Access: field('Access'), Permissions: field('Permissions'), decision: 'approve' });
    const action = new URL(page.match(/action="([^"]+)"/)[1], authorize);
    const approved = await fetch(action, { method: 'POST', body: form, redirect: 'manual' });
    const callback = new URL(approved.headers.get('location'));
    // The callback goes to the front the owner used, whatever origin the app guessed.
    await call(callback.pathname + callback.search);
  }
  const sync = await (await ok(await call('/api/smugmug/sync', { method: 'POST', json: { scope: 'account' } }))).json();
  const id = sync.batch.id;
  const deadline = Date.now() + 180_000;
  for (;;) {
    const batch = await (await ok(await call(`/api/batches/${id}`))).json();
    if (batch.status === 'completed' || batch.status === 'cancelled') break;
    if (Date.now() > deadline) throw new Error('the sync did not finish in 3 minutes');
    await new Promise((r) => setTimeout(r, 500));
  }
  const photos = await (await ok(await call('/api/photos?pageSize=200'))).json();
  console.log(`prepared: ${photos.total} photos synced`);
  return photos.items.map((p) => p.photoId);
}

function percentile(sorted, p) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function load(ids) {
  const clients = Number(env('LOAD_CLIENTS', '50'));
  const seconds = Number(env('LOAD_SECONDS', '60'));
  const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const words = ['sunset', 'beach', 'mountain', 'city', 'family', 'snow', 'red', 'tree'];
  let n = 0;
  const pick = (list) => list[n++ % list.length];
  // One browse of the grid, a handful of thumbnails, a search and the app shell: the mix of a person looking around.
  const mix = [
    () => `/api/library/albums`,
    () => `/api/photos?page=${1 + (n % 3)}&pageSize=48`,
    () => `/api/photos/${pick(ids)}/thumbnail`,
    () => `/api/photos/${pick(ids)}/thumbnail`,
    () => `/api/photos/${pick(ids)}/thumbnail`,
    () => `/api/photos/${pick(ids)}/thumbnail`,
    () => `/api/search?q=${pick(words)}`,
    () => `/library`,
    () => `/js/main.js`,
  ];
  const latencies = [];
  const statuses = {};
  const instance = autocannon({
    url: base,
    connections: clients,
    duration: seconds,
    headers: { cookie },
    requests: mix.map((path) => ({ method: 'GET', setupRequest: (req) => ({ ...req, path: path() }) })),
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statusCode in statuses ? statuses[statusCode] : 0) + 1;
  });
  // The machine's load before and after: figures measured while other work shares the cores say so.
  const loadBefore = loadavg()[0];
  const summary = await instance;
  const loadAfter = loadavg()[0];
  latencies.sort((a, b) => a - b);
  const errors = summary.errors + summary.timeouts + summary.non2xx;
  const figure = {
    clients, seconds, requests: summary.requests.total, throughput: Math.round(summary.requests.total / seconds),
    p50: Math.round(percentile(latencies, 50)), p95: Math.round(percentile(latencies, 95)), p99: Math.round(percentile(latencies, 99)), max: summary.latency.max,
    errors: summary.errors, timeouts: summary.timeouts, non2xx: summary.non2xx, statuses,
    loadAverage: { before: loadBefore, after: loadAfter },
  };
  save('load', figure);
  result('load', errors === 0 && figure.requests > 0,
    `${clients} clients × ${seconds} s: ${figure.requests} requests, ${figure.throughput} req/s, p50 ${figure.p50} ms, p95 ${figure.p95} ms, p99 ${figure.p99} ms, errors ${summary.errors}, timeouts ${summary.timeouts}, non-2xx ${summary.non2xx}; load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`);
}

/** The Observatory's own scan, with the front's ports (its CLI only scans the default ports). */
async function observatory() {
  // The package's postinstall downloads Chromium's HSTS preload list (npm ci runs with --ignore-scripts, and this
  // machine has no network beyond the registry). localhost is never on that list, so an empty one grades the same.
  const preload = join(import.meta.dirname, 'node_modules', '@mdn', 'mdn-http-observatory', 'conf', 'hsts-preload.json');
  if (!existsSync(preload)) writeFileSync(preload, '{}');
  const options = { httpPort: env('FRONT_HTTP_PORT'), httpsPort: env('FRONT_HTTPS_PORT') };
  const r = await retrieve('localhost', options);
  if (!r.responses.auto) {
    result('observatory', false, 'the front could not be reached');
    return;
  }
  const tests = ALL_TESTS.map((test) => test(r));
  let passed = 0;
  let withCredit = 100;
  let uncurved = 100;
  for (const t of tests) {
    if (!t.result) continue;
    const modifier = getScoreModifier(t.result);
    passed += t.pass ? 1 : 0;
    withCredit += modifier;
    if (modifier < 0) uncurved += modifier;
  }
  const final = getGradeForScore(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withCredit : uncurved);
  const detail = tests.map((t) => `${t.constructor.name}=${t.result}`).join(', ');
  save('observatory', { grade: final.grade, score: final.score, passed, of: NUM_TESTS, tests: tests.map((t) => ({ name: t.constructor.name, result: t.result, pass: t.pass })) });
  result('observatory', final.grade === 'A+', `grade ${final.grade}, score ${final.score}, ${passed}/${NUM_TESTS} tests passed (${detail})`);
}

/**
 * Lighthouse through its Node API on a Chromium driven by puppeteer-core, so the library is audited signed in the
 * way a person signs in (the login form), not with a cookie header the browser's own jar would override.
 */
async function lighthouse() {
  const browser = await puppeteer.launch({
    executablePath: env('CHROMIUM', '/usr/bin/chromium'),
    headless: true,
    // Trusts exactly the front's self-signed key: the origin counts as secure, nothing else is relaxed.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', `--ignore-certificate-errors-spki-list=${env('CHROME_SPKI')}`],
  });
  try {
    const page = await browser.newPage();
    const audit = async (name, path, keepStorage) => {
      const run = await runLighthouse(base + path, {
        output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'],
        disableStorageReset: keepStorage,
      }, desktopConfig, page);
      writeFileSync(join(reportDir, `lighthouse-${name}.json`), run.report);
      const lhr = run.lhr;
      const scores = Object.fromEntries(Object.entries(lhr.categories).map(([k, v]) => [k, Math.round(v.score * 100)]));
      const low = Object.entries(lhr.audits).filter(([, a]) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode === 'binary').map(([k]) => k);
      const landed = new URL(lhr.finalDisplayedUrl).pathname;
      result(`lighthouse-${name}`, landed === path && Object.values(scores).every((v) => v >= 95),
        `${path} (desktop preset${landed === path ? '' : `, landed on ${landed}`}): ${Object.entries(scores).map(([k, v]) => `${k} ${v}`).join(', ')}${low.length ? `; failing audits: ${low.join(', ')}` : ''}`);
    };
    await audit('login', '/login', false);
    await page.goto(`${base}/login?next=%2Flibrary`, { waitUntil: 'networkidle0' });
    await page.type('input[type=email]', env('OWNER_EMAIL'));
    await page.type('input[type=password]', env('OWNER_PASSWORD'));
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.pathname === '/library', { timeout: 30_000 });
    await audit('library', '/library', true);
    await layoutShifts(browser);
  } finally {
    await browser.close();
  }
}

/**
 * Which elements moved while the signed-in pages loaded: the sources behind Lighthouse's layout-shift score (the
 * browser test LayoutShiftBrowserTests holds the limit; this prints what moved on the front).
 */
async function layoutShifts(browser) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1350, height: 940 });
  await page.evaluateOnNewDocument(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        const nodes = (entry.sources ?? []).map((s) => s.node && s.node.nodeType === 1
          ? `${s.node.tagName.toLowerCase()}.${[...s.node.classList].join('.')}` : String(s.node?.nodeName));
        window.__shifts.push({ value: entry.value, text: `${entry.value.toFixed(3)} ${nodes.join(', ')}` });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const figures = [];
  for (const path of ['/library', '/search?q=sunset', '/chat', '/collections', '/settings']) {
    // networkidle2: the page's event stream stays open, so "no connection at all" never comes.
    await page.goto(`${base}${path}`, { waitUntil: 'networkidle2' });
    const shifts = await page.evaluate(() => window.__shifts);
    const total = shifts.reduce((sum, s) => sum + s.value, 0);
    figures.push(`${path} ${total.toFixed(3)}`);
    console.log(`layout shifts on ${path}: ${shifts.length ? shifts.map((s) => s.text).join(' | ') : 'none'}`);
  }
  console.log(`layout shift (sum) per page: ${figures.join(', ')}`);
  await page.close();
}

const ids = await prepare();
if (steps.includes('observatory')) await observatory();
if (steps.includes('lighthouse')) await lighthouse();
if (steps.includes('load')) await load(ids);
