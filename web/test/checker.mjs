// checker.mjs: every exercise's starter and reference solution check clean (no error, no
// warning) in the TCC worker as Debian's chromium runs it (tests/test_checker.js does the same in
// node).  The exercises come from the served catalogue (GET /api/exercises, each one's starter
// from GET /api/exercises/<id>); solutions are never served, so they are read from the
// exercises' folders (EXERCISES_DIR/NN-chapter/NN-<id>/solution.bpf.c).
// Usage: node checker.mjs BASE_URL EXERCISES_DIR     prints "web-checker: N passed, N failed"
import puppeteer from 'puppeteer-core';
import fs from 'node:fs';
import path from 'node:path';

const [base, exDir] = process.argv.slice(2);
let pass = 0, fail = 0;
const ok = (cond, what) => { if (cond) pass++; else { fail++; console.error('FAIL test_web checker: ' + what); } };

// id -> its folder, for every exercise folder (NN-chapter/NN-id holding a solution.bpf.c)
const folders = new Map();
for (const ch of fs.readdirSync(exDir).filter((d) => /^\d+-/.test(d)).sort())
  for (const ex of fs.readdirSync(path.join(exDir, ch)).sort())
    if (/^\d+-/.test(ex) && fs.existsSync(path.join(exDir, ch, ex, 'solution.bpf.c')))
      folders.set(ex.replace(/^\d+-/, ''), path.join(exDir, ch, ex));

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
    '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => ok(false, 'page error: ' + e.message));
  await page.goto(base + '/', { waitUntil: 'load' });

  const list = await (await fetch(base + '/api/exercises')).json();
  const items = Array.isArray(list) ? list : list.exercises;
  ok(Array.isArray(items) && items.length > 0, `the catalogue lists exercises (${JSON.stringify(list).slice(0, 100)})`);
  ok(items.length === folders.size, `every exercise folder is in the catalogue (${items.length} served, ${folders.size} folders)`);
  const sources = [];
  for (const { id } of items) {
    const ex = await (await fetch(`${base}/api/exercises/${encodeURIComponent(id)}`)).json();
    ok(typeof ex.starter === 'string' && ex.starter.length > 0, `${id}: its starter is served`);
    sources.push({ id: `${id}/starter.bpf.c`, source: ex.starter });
    const dir = folders.get(id);
    ok(dir, `${id}: has a folder with a solution.bpf.c`);
    if (dir) {
      sources.push({ id: `${id}/solution.bpf.c`, source: fs.readFileSync(path.join(dir, 'solution.bpf.c'), 'utf8') });
      ok(ex.solution === undefined && !JSON.stringify(ex).includes(fs.readFileSync(path.join(dir, 'solution.bpf.c'), 'utf8')),
        `${id}: the solution is not served`);
    }
  }

  // the site's own worker, every source posted to it; each answer says what TCC found
  const answers = await page.evaluate((srcs) => new Promise((resolve, reject) => {
    const w = new Worker('/checker/worker.js');
    const got = {};
    let n = 0;
    const timer = setTimeout(() => reject(new Error(`the worker answered ${n} of ${srcs.length} checks in 120 s`)), 120000);
    w.onerror = (e) => reject(new Error('worker: ' + e.message));
    w.onmessage = (e) => {
      if (e.data.ready === false)
        return reject(new Error(e.data.error));
      if (e.data.ready)
        return;
      got[e.data.id] = e.data;
      if (++n === srcs.length) {
        clearTimeout(timer);
        w.terminate();
        resolve(got);
      }
    };
    srcs.forEach((s) => w.postMessage(s));
  }), sources).catch((e) => { ok(false, String(e.message || e)); return {}; });

  for (const { id } of sources) {
    const a = answers[id];
    ok(a && !a.error && Array.isArray(a.diagnostics) && a.diagnostics.length === 0,
      `${id} checks clean in the browser: ${a ? a.error || a.diagnostics.map((d) => `${d.line}:${d.col} ${d.severity}: ${d.message}`).join('; ') : 'no answer'}`);
  }
  console.log(`test_web checker: ${sources.length} sources checked by the TCC worker in chromium`);
} catch (e) {
  ok(false, 'crashed: ' + (e && e.stack || e));
} finally {
  await browser.close();
}
console.log(`web-checker: ${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
