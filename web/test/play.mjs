// play.mjs: the Playground in Debian's chromium (puppeteer-core) against a real `bpfdojo serve`
// in the micro-VM: the page is linked from the other pages' header, an example fills the
// editor and the workload, a run streams to a decoded map table (per-CPU columns and sum),
// printk lines, records and stats; a verifier rejection becomes editor markers; a share link
// round-trips the program, the command and the seconds; Show instructions lists each
// program's instructions under its source lines; a broken link is a clear message;
// screenshots (light/dark, desktop/phone) of the finished run.
// Usage: node play.mjs BASE_URL SHOTS_DIR     prints "web-play: N passed, N failed"
import puppeteer from 'puppeteer-core';
import fs from 'node:fs';
import path from 'node:path';

const [base, shots] = process.argv.slice(2);
let pass = 0, fail = 0;
const ok = (cond, what) => { if (cond) pass++; else { fail++; console.error('FAIL test_web play: ' + what); } };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
    '--disable-dev-shm-usage'],
});
const page = await browser.newPage();
page.on('dialog', (d) => d.accept());
page.on('pageerror', (e) => ok(false, 'page error: ' + e.message));
await page.setViewport({ width: 1280, height: 800 });
const playUrl = `${base}/play/`;
async function waitFor(fn, ms, ...args) {
  try { await page.waitForFunction(fn, { timeout: ms, polling: 50 }, ...args); return true; } catch (e) { return false; }
}
const doc = () => page.evaluate(() => window.bpfdojo.view.state.doc.toString());
const text = (sel) => page.$eval(sel, (e) => e.textContent).catch(() => '');
async function runAndWait() {
  await page.click('#run');
  return waitFor(() => /finished|did not|failed|cut|said/.test((document.querySelector('.run-status') || {}).textContent || ''), 60000);
}

try {
  // linked from the home page and an exercise page's header
  await page.goto(base + '/', { waitUntil: 'load' });
  ok(await page.$('header .site a[href="/play/"]'), 'home: the header links the Playground');
  ok(await page.$('.play-link a[href="/play/"]'), 'home: the lead links the Playground');
  const exLink = await page.$eval('li[data-id] a', (a) => a.getAttribute('href'));
  await page.goto(base + exLink, { waitUntil: 'load' });
  ok(await page.$('header .site a[href="/play/"]'), 'exercise page: the header links the Playground');

  await page.evaluate(() => localStorage.clear());
  await page.goto(playUrl, { waitUntil: 'domcontentloaded' });
  ok(await waitFor(() => document.body.dataset.ready === '1', 5000), 'the Playground gets ready');
  ok(await page.$('header .site a[aria-current="page"]'), 'the header marks the Playground as the current page');

  // an example fills the editor, the workload and the seconds
  await page.select('#example', 'connect');
  ok(/inet_sock_set_state/.test(await doc()), 'the connect example fills the editor');
  ok(/nc -l -p 8080/.test(await page.$eval('#command', (e) => e.value)), 'and the workload');
  await page.select('#example', 'open');
  ok(/sys_enter_openat/.test(await doc()), 'the open example fills the editor');
  ok((await page.$eval('#command', (e) => e.value)) === 'cat /etc/hostname', 'its workload is cat /etc/hostname');

  // run it: the stream ends, the hash map as a table with cat's pid and a count
  ok(await runAndWait(), 'the run ends');
  ok((await text('.run-status')) === 'finished', `the run finished (${await text('.run-status')})`);
  const opens = await page.$$eval('table.maptable[data-map="opens"] tbody tr', (rows) =>
    rows.map((r) => [...r.children].map((c) => c.textContent.trim())));
  ok(opens.length >= 1 && opens.every((r) => /^\d+$/.test(r[0]) && /^\d+$/.test(r[1]) && Number(r[1]) >= 1),
    `the hash map's rows are decoded pid → count (${JSON.stringify(opens).slice(0, 200)})`);
  const heads = await page.$$eval('table.maptable[data-map="calls"] thead th', (t) => t.map((e) => e.textContent));
  const calls = await page.$$eval('table.maptable[data-map="calls"] tbody tr', (rows) =>
    rows.map((r) => [...r.children].map((c) => c.textContent.trim())));
  ok(heads[0] === 'key' && heads[1] === 'CPU 0' && heads[heads.length - 1] === 'sum', `the per-CPU map has a column per CPU and the sum (${heads})`);
  ok(calls.length === 1 && Number(calls[0][calls[0].length - 1]) ===
    calls[0].slice(1, -1).reduce((a, x) => a + Number(x), 0) && Number(calls[0][calls[0].length - 1]) >= 1,
    `the sum is the per-CPU values' (${JSON.stringify(calls)})`);
  ok(/opened \/etc\/hostname/.test(await text('.res.printk')), 'the printk line');
  ok(/cat \(pid \d+\)/.test(await text('.res.printk')), 'printk lines name their task');
  ok(/struct event/.test(await text('.res.records')) && /\/etc\/hostname/.test(await text('.res.records')), 'the ring-buffer record, decoded');
  ok(/on_openat\s*\d+/.test(await text('.res.stats')), 'per-program stats');
  ok((await text('.res.output pre')).trim().length > 0, "the workload's output");

  // screenshots of the finished run
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    for (const t of ['light', 'dark']) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: t }]);
      for (const [w, hgt, name] of [[1280, 800, 'desktop'], [390, 844, 'phone']]) {
        await page.setViewport({ width: w, height: hgt });
        await sleep(150);
        await page.screenshot({ path: path.join(shots, `play-${t}-${name}.png`) });
        if (name === 'desktop') {
          await page.$eval('.res.maps', (e) => { const r = e.closest('#results'); r.scrollTop = e.offsetTop - r.offsetTop - 8; });
          await sleep(100);
          await page.screenshot({ path: path.join(shots, `play-${t}-desktop-maps.png`) });
          await page.$eval('#results', (e) => { e.scrollTop = 0; });
        }
        if (name === 'phone') {
          await page.click('.tabs button[data-pane="work"]');
          await sleep(100);
          await page.screenshot({ path: path.join(shots, `play-${t}-phone-program.png`) });
          await page.click('.tabs button[data-pane="results"]');
        }
      }
    }
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await page.setViewport({ width: 1280, height: 800 });
  }

  // Show instructions (ticked from the keyboard): each program's source lines, each followed
  // by its xlated instructions; the JIT code folded
  ok(!(await page.$('.res.insns:not([hidden])')), 'no instructions unless asked for');
  await page.focus('#xlated');
  await page.keyboard.press('Space');
  ok(await page.$eval('#xlated', (e) => e.checked), 'Show instructions is ticked with the keyboard');
  await page.select('#example', 'open');
  ok(await runAndWait(), 'the run with instructions ends');
  ok((await text('.run-status')) === 'finished', `and finished (${await text('.run-status')})`);
  const xl = await page.$$eval('.res.insns .xlated', (ps) => ps.map((p) => ({
    program: p.dataset.program,
    lines: [...p.querySelectorAll('.xl-line')].map((l) => ({ src: l.querySelector('.xl-src code').textContent,
      ln: l.querySelector('.xl-src .ln').textContent, insns: l.querySelector('.xl-insns').textContent })),
    jit: p.querySelectorAll('details.jit:not([open])').length })));
  const openat = xl.find((p) => p.program === 'on_openat');
  ok(openat && openat.lines.some((l) => /^\d+$/.test(l.ln) && l.src.length > 0 && /^\d+: /.test(l.insns)),
    `on_openat: a source line with its instructions (${JSON.stringify(xl).slice(0, 300)})`);
  ok(openat && openat.lines.some((l) => /^\d+: exit$/m.test(l.insns)), 'and an exit instruction');
  ok(openat && openat.jit >= 1, 'the JIT code is folded under a details');
  if (shots) {
    await page.$eval('.res.insns', (e) => { const r = e.closest('#results'); r.scrollTop = e.offsetTop - r.offsetTop - 8; });
    await sleep(100);
    await page.screenshot({ path: path.join(shots, 'play-light-desktop-xlated.png') });
  }
  await page.click('#xlated');
  ok(!(await page.$eval('#xlated', (e) => e.checked)), 'and unticked again');

  // every other example runs to the end, and its maps are shown
  for (const id of ['exec', 'connect', 'udp', 'dns']) {
    await page.select('#example', id);
    ok(await runAndWait(), `${id}: the run ends`);
    ok((await text('.run-status')) === 'finished', `${id}: finished (${await text('.run-status')})`);
    ok(!/could not attach/.test(await text('#results')), `${id}: every program attached`);
    ok((await page.$$('table.maptable tbody tr')).length >= 1, `${id}: its maps are shown`);
    if (id === 'dns') {   // dojo-dns answered: nslookup prints the address, the program saw port 53
      const out = await text('.res.output');
      ok(/dojo-dns: bpfdojo\.test -> 10\.97\.2\.93/.test(out) && /Name:\s*bpfdojo\.test\s*Address:\s*10\.97\.2\.93/.test(out),
        `dns: the local resolver answered the lookup (${out.slice(0, 300)})`);
      const ports = await page.$$eval('table.maptable[data-map="bytes_to_port"] tbody tr', (rows) =>
        rows.map((r) => r.children[0].textContent.trim()));
      ok(ports.includes('53'), `dns: the program saw the query to port 53 (${ports})`);
      const pk = await text('.res.printk');
      ok(/udp: \d+ bytes to port 53/.test(pk), `dns: and printed it (${pk.slice(0, 300)})`);
    }
  }

  // the checker's markers work here too (no exercise: TCC, or the server's clang)
  await page.select('#example', 'open');
  const broken = (await doc()).replace('u32 pid;', 'u32 pid');
  await page.evaluate((s) => window.bpfdojo.setCode(s), broken);
  ok(await waitFor(() => window.bpfdojo.markers().some((m) => m.severity === 'error' && m.line >= 7 && m.line <= 9), 8000),
    'a syntax error is marked while typing');

  // a verifier rejection: its diagnosis lands in the editor as markers
  await page.select('#example', 'open');
  const rejected = (await doc()).replace('if (n)\n\t\t__sync_fetch_and_add(n, 1);\n\telse\n\t\tbpf_map_update_elem(&opens, &pid, &one, BPF_ANY);',
    '*n += 1;');
  ok(rejected !== (await doc()), 'the rejected program differs');
  await page.evaluate((s) => window.bpfdojo.setCode(s), rejected);
  ok(await runAndWait(), 'the rejected run ends');
  ok(/did not load/.test(await text('.run-status')) && /verifier refused/.test(await text('#results')), 'the verifier refusal is shown');
  const line = rejected.split('\n').findIndex((l) => l.includes('*n += 1;')) + 1;
  ok(await waitFor((l) => window.bpfdojo.markers().some((m) => m.line === l && m.severity === 'error'), 3000, line),
    `the diagnosis is an editor marker on line ${line}`);

  // share: a link with the program, the command and the seconds in its fragment
  await page.select('#example', 'open');
  const program = (await doc()) + '\n// shared from the test\n';
  await page.evaluate((s) => window.bpfdojo.setCode(s), program);
  await page.$eval('#command', (e) => { e.value = 'cat /etc/hostname; echo shared'; e.dispatchEvent(new Event('input')); });
  await page.$eval('#seconds', (e) => { e.value = '3'; e.dispatchEvent(new Event('change')); });
  await page.click('#share');
  ok(await waitFor(() => location.hash.startsWith('#p1.'), 3000), 'Share puts the run in the fragment');
  const link = await page.evaluate(() => location.href);
  ok(link.length < 4000, `the link is short (${link.length} characters)`);
  ok((await page.$eval('#share-link', (e) => e.value)) === link, 'and shows the link');
  await page.evaluate(() => localStorage.clear());
  await page.goto(base + '/', { waitUntil: 'load' });
  await page.goto(link, { waitUntil: 'domcontentloaded' });
  ok(await waitFor(() => document.body.dataset.ready === '1', 5000), 'the shared link opens');
  ok((await doc()) === program, 'the link restores the program');
  ok((await page.$eval('#command', (e) => e.value)) === 'cat /etc/hostname; echo shared', 'the link restores the command');
  ok((await page.$eval('#seconds', (e) => e.value)) === '3', 'the link restores the seconds');

  // a broken link: a clear message, the page still works
  for (const [frag, want] of [['#p1.AAAA', /damaged/], ['#p1.@@@', /damaged/], ['#hello', /not a Playground link/],
    [link.slice(link.indexOf('#'), -20), /damaged|cut short/]]) {
    await page.goto(base + '/', { waitUntil: 'load' });
    await page.goto(playUrl + frag, { waitUntil: 'domcontentloaded' });
    ok(await waitFor(() => document.body.dataset.ready === '1', 5000), `a broken link (${frag.slice(0, 12)}…) still opens the page`);
    const msg = await text('#link-error');
    ok(want.test(msg), `a broken link says what is wrong: "${msg}"`);
  }
  ok(await page.$('#run:not([disabled])'), 'and Run is there');
} catch (e) {
  ok(false, 'the browser test stopped: ' + (e.stack || e));
}
await browser.close();
console.log(`web-play: ${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
