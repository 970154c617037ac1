// browser.mjs: the web app in Debian's chromium (puppeteer-core) against a real `bpfdojo serve`:
// home and an exercise page, a syntax error marked at clang's line and column, a run streamed
// event by event to CORRECT with a decoded debug event, a verifier rejection's spans as markers,
// the first hint after a wrong answer, code kept across a reload, progress export / clear /
// import, vim mode on and off, keyboard-only use; completion (helpers with signatures, struct
// members after `->`), a helper's documentation on hover, the problems list under the editor
// (Enter jumps to one), stepping through a rejected program's verifier trace; screenshots
// (light/dark, desktop/phone).
// Usage: node browser.mjs BASE_URL EXERCISES_DIR SHOTS_DIR     prints "web: N passed, N failed"
import puppeteer from 'puppeteer-core';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';

const [base, exDir, shots] = process.argv.slice(2);
let pass = 0, fail = 0;
const ok = (cond, what) => { if (cond) pass++; else { fail++; console.error('FAIL test_web: ' + what); } };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const EX = 'process-name';
const dir = fs.readdirSync(path.join(exDir, '01-processes')).find((d) => d.endsWith('-' + EX));
const read = (f) => fs.readFileSync(path.join(exDir, '01-processes', dir, f), 'utf8');
const solution = read('solution.bpf.c').replace('bpf_get_current_comm(comm, sizeof(comm));',
  'bpf_get_current_comm(comm, sizeof(comm));\n\tDEBUG_STR("exec", comm);');
const wrong = read('wrong.bpf.c');
const rejected = `#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, u32);
	__type(value, u64);
} counts SEC(".maps");

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	u32 k = 1;
	u64 *v = bpf_map_lookup_elem(&counts, &k);

	*v += 1;
	return 0;
}
`;

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
const exUrl = `${base}/ex/${EX}/`;
const markers = () => page.evaluate(() => window.bpfdojo.markers());
async function waitFor(fn, ms, ...args) {
  try { await page.waitForFunction(fn, { timeout: ms, polling: 50 }, ...args); return true; } catch (e) { return false; }
}

try {
  // home
  await page.goto(base + '/', { waitUntil: 'load' });
  ok(await page.$(`li[data-id="${EX}"] a`), 'the home page lists process-name');
  ok((await page.$$('section.chapter')).length >= 3, 'the home page has its chapters');
  ok(/process-name|secret/i.test(await page.$eval('#next', (e) => e.textContent)), 'home suggests a next exercise');

  // exercise page, and the time to an editor ready for typing
  await page.evaluate(() => localStorage.clear());
  await page.goto(exUrl, { waitUntil: 'domcontentloaded' });
  ok(await waitFor(() => document.body.dataset.ready === '1', 5000), 'the editor gets ready');
  const readyMs = await page.evaluate(() => window.bpfdojo.ready);
  console.log(`test_web: editor ready ${readyMs.toFixed(0)} ms after navigation start`);
  ok(await page.$('.lesson h1'), 'the lesson is there');
  ok(await page.$('.lesson pre.code .hl-k'), 'lesson code is highlighted at build time');
  ok((await page.evaluate(() => window.bpfdojo.view.state.doc.toString())) === read('starter.bpf.c'), 'the editor holds the starter');

  // a syntax error, typed, marked at clang's line and column within a second: through the
  // server's clang (?checker=server), then through the TCC worker when the site has it
  const typeError = async (label) => {
    await page.click('.cm-content');
    await page.keyboard.down('Control'); await page.keyboard.press('End'); await page.keyboard.up('Control');
    await page.keyboard.type('\nint broken = ;');
    const t0 = Date.now();
    const errLine = await page.evaluate(() => window.bpfdojo.view.state.doc.lines);
    const marked = await waitFor((l) => window.bpfdojo.markers().some((m) => m.severity === 'error' && m.line === l), 3000, errLine);
    const dt = Date.now() - t0;
    const m = (await markers()).find((x) => x.line === errLine);
    const path_ = await page.evaluate(() => window.bpfdojo.checker());
    console.log(`test_web: ${label} (${path_}): syntax error marked at ${m ? m.line + ':' + m.col : 'none'} ${dt} ms after the last keystroke`);
    ok(marked && dt < 1000, `${label}: the marker came within a second (${dt} ms)`);
    // the problems list under the editor shows it; Enter on its row puts the cursor there
    const row = m && await page.$(`.problems button.problem.sev-error[data-line="${errLine}"]`);
    ok(row && (await row.evaluate((b) => b.querySelector('.pos').textContent)) === `${m.line}:${m.col}` &&
      (await row.evaluate((b) => b.textContent)).includes(m.message.split('\n')[0]), `${label}: the problems list shows ${m ? m.line + ':' + m.col : '?'} error`);
    if (row) {
      await page.keyboard.down('Control'); await page.keyboard.press('Home'); await page.keyboard.up('Control');
      await row.focus();
      await page.keyboard.press('Enter');
      const at = await page.evaluate(() => {
        const v = window.bpfdojo.view, p = v.state.selection.main.head, l = v.state.doc.lineAt(p);
        return { line: l.number, col: p - l.from + 1, focus: v.hasFocus };
      });
      ok(at.line === m.line && at.col === m.col && at.focus, `${label}: Enter on the problem moves the cursor to ${m.line}:${m.col} (${at.line}:${at.col}, focus ${at.focus})`);
      await page.keyboard.down('Control'); await page.keyboard.press('End'); await page.keyboard.up('Control');
    }
    for (let i = 0; i < '\nint broken = ;'.length; i++) await page.keyboard.press('Backspace');
    ok(await waitFor(() => window.bpfdojo.markers().filter((x) => x.severity === 'error').length === 0, 3000), `${label}: fixing it clears the marker`);
    return { m, errLine, path_ };
  };
  await page.goto(exUrl + '?checker=server', { waitUntil: 'domcontentloaded' });
  await waitFor(() => document.body.dataset.ready === '1', 5000);
  {
    const { m, errLine } = await typeError('clang');
    ok(m && m.line === errLine && m.col === 14, `clang: syntax error marked at ${errLine}:14 (got ${m ? m.line + ':' + m.col : 'none'})`);
  }
  await page.goto(exUrl, { waitUntil: 'domcontentloaded' });
  await waitFor(() => document.body.dataset.ready === '1', 5000);
  {
    await waitFor(() => window.bpfdojo.checker() === 'worker', 3000);
    const { m, errLine, path_ } = await typeError('checker');
    ok(m && m.line === errLine && m.col === 14, `${path_}: syntax error marked at ${errLine}:14 (got ${m ? m.line + ':' + m.col : 'none'})`);
  }

  // completion: a helper with its signature, then a struct's members after `->`
  const typeAtEnd = async (code, typed) => {
    await page.evaluate((c) => window.bpfdojo.setCode(c), code);
    await page.click('.cm-content');
    await page.keyboard.down('Control'); await page.keyboard.press('End'); await page.keyboard.up('Control');
    await page.keyboard.type(typed, { delay: 20 });
  };
  const options = () => page.$$eval('.cm-tooltip-autocomplete li', (ls) => ls.map((l) => ({
    label: (l.querySelector('.cm-completionLabel') || {}).textContent, detail: (l.querySelector('.cm-completionDetail') || {}).textContent })));
  const starter = read('starter.bpf.c');
  await typeAtEnd(starter, '\nvoid f(void) { bpf_get_cur');
  ok(await waitFor(() => document.querySelector('.cm-tooltip-autocomplete li'), 3000), 'completion opens after bpf_get_cur');
  {
    const o = (await options()).find((x) => x.label === 'bpf_get_current_pid_tgid');
    ok(o && o.detail === '__u64 bpf_get_current_pid_tgid(void)', `completion offers bpf_get_current_pid_tgid with its signature (${JSON.stringify(o)})`);
    const info = await waitFor(() => /pid and tgid/.test((document.querySelector('.cm-completionInfo') || {}).textContent || '') ||
      [...document.querySelectorAll('.cm-tooltip-autocomplete li')].some((l) => l.getAttribute('aria-selected') && !/pid_tgid/.test(l.textContent)), 3000);
    ok(info, 'the completion shows a helper\'s documentation');
  }
  await page.keyboard.press('Escape');
  await typeAtEnd(starter, '\nint g(struct task_struct *task)\n{\n\treturn task->');
  ok(await waitFor(() => document.querySelector('.cm-tooltip-autocomplete li'), 3000), 'completion opens after task->');
  {
    const o = await options();
    const pid = o.find((x) => x.label === 'pid'), comm = o.find((x) => x.label === 'comm');
    ok(pid && comm && pid.detail === 'pid_t' && comm.detail === 'char[16]', `task-> offers pid and comm (${JSON.stringify([pid, comm])}, ${o.length} members)`);
    ok(!o.some((x) => x.label === 'bpf_get_current_pid_tgid'), 'task-> offers members, not helpers');
  }
  await page.keyboard.press('Escape');
  await page.keyboard.type('real_parent->tg', { delay: 20 });
  ok(await waitFor(() => [...document.querySelectorAll('.cm-tooltip-autocomplete .cm-completionLabel')].some((l) => l.textContent === 'tgid'), 3000),
    'task->real_parent-> offers the members of its struct task_struct');
  await page.keyboard.press('Escape');
  await typeAtEnd(starter, '\nint c(struct task_struct *task)\n{\n\treturn BPF_CORE_READ(task, real_parent, tg');
  ok(await waitFor(() => [...document.querySelectorAll('.cm-tooltip-autocomplete .cm-completionLabel')].some((l) => l.textContent === 'tgid'), 3000),
    'BPF_CORE_READ(task, real_parent, offers the members of struct task_struct');
  await page.keyboard.press('Escape');

  // a kfunc (from the kernel's kfunc sets), the document's maps, SEC() names and raw tracepoints
  await typeAtEnd(starter, '\nvoid k(void) { bpf_task_acq');
  ok(await waitFor(() => [...document.querySelectorAll('.cm-tooltip-autocomplete li')].some((l) =>
    /bpf_task_acquire/.test(l.textContent) && /kfunc/.test(l.textContent)), 3000), 'completion offers the kfunc bpf_task_acquire');
  await page.keyboard.press('Escape');
  await typeAtEnd(rejected, '\nvoid m(void) { cou');
  ok(await waitFor(() => [...document.querySelectorAll('.cm-tooltip-autocomplete li')].some((l) =>
    l.querySelector('.cm-completionLabel').textContent === 'counts' && /map/.test(l.textContent)), 3000), 'completion offers the map counts');
  await page.keyboard.press('Escape');
  await typeAtEnd(starter, '\nSEC("tp_btf/sched_process_ex');
  ok(await waitFor(() => [...document.querySelectorAll('.cm-tooltip-autocomplete .cm-completionLabel')].some((l) =>
    l.textContent === 'tp_btf/sched_process_exec'), 3000), 'SEC("tp_btf/... offers the raw tracepoint sched_process_exec');
  await page.keyboard.press('Escape');
  await typeAtEnd(starter, '\nSEC("cgroup/conn');
  ok(await waitFor(() => [...document.querySelectorAll('.cm-tooltip-autocomplete li')].some((l) =>
    /cgroup\/connect4/.test(l.textContent) && /cgroup_sock_addr/.test(l.textContent)), 3000), 'SEC("cgroup/conn offers cgroup/connect4 with its program type');
  await page.keyboard.press('Escape');

  // hover over a helper: its signature, description and return value
  await page.evaluate((c) => window.bpfdojo.setCode(c), starter + '\nu64 h(void)\n{\n\treturn bpf_get_current_pid_tgid();\n}\n');
  {
    const xy = await page.evaluate(() => {
      const v = window.bpfdojo.view, p = v.state.doc.toString().lastIndexOf('bpf_get_current_pid_tgid') + 5;
      v.dispatch({ selection: { anchor: p - 5 }, scrollIntoView: true });
      return p;
    }).then(async (p) => { await sleep(100); return page.evaluate((p) => {
      const c = window.bpfdojo.view.coordsAtPos(p);
      return c && { x: c.left + 2, y: (c.top + c.bottom) / 2 };
    }, p); });
    ok(xy, 'the helper is on screen');
    if (xy) {
      await page.mouse.move(xy.x, xy.y + 40);
      await page.mouse.move(xy.x, xy.y, { steps: 3 });
      ok(await waitFor(() => {
        const t = (document.querySelector('.cm-tooltip-hover .helper-doc') || {}).textContent || '';
        return t.includes('__u64 bpf_get_current_pid_tgid(void)') && t.includes('Get the current pid and tgid') && t.includes('Returns');
      }, 3000), 'hovering a helper shows its signature, description and return value');
      await page.mouse.move(5, 5);
    }
  }
  await page.evaluate((c) => window.bpfdojo.setCode(c), starter);

  // the reference solution (with one DEBUG_STR): events one by one, CORRECT, a decoded debug event
  await page.evaluate((s) => window.bpfdojo.setCode(s), solution);
  await page.evaluate(() => {
    window.__arrivals = [];
    new MutationObserver((ms) => ms.forEach((r) => r.addedNodes.forEach((n) => n.dataset && n.dataset.event &&
      window.__arrivals.push([n.dataset.event, performance.now()])))).observe(document.getElementById('results'), { childList: true, subtree: true });
  });
  await page.click('#run');
  ok(await waitFor(() => document.querySelector('.ev-verdict'), 30000), 'the run reaches a verdict');
  const verdict = await page.$eval('.ev-verdict', (e) => e.textContent);
  ok(/CORRECT/.test(verdict), 'the reference solution is CORRECT: ' + verdict);
  const arr = await page.evaluate(() => window.__arrivals);
  const first = arr.find((a) => a[0] === 'compiling'), last = arr.find((a) => a[0] === 'verdict');
  ok(first && last && last[1] - first[1] > 5, `events arrive one by one (compiling at ${first && first[1].toFixed(0)}, verdict at ${last && last[1].toFixed(0)} ms)`);
  ok(await page.$('.ev-debug .label') && /exec/.test(await page.$eval('.ev-debug', (e) => e.textContent)) &&
    await page.$('.ev-debug .type') && await page.$('.ev-debug .str'), 'a debug event is decoded (label, type, string)');
  ok(await page.$('.ev-attached code'), 'the attached program is shown');
  await page.waitForSelector('#run:not([disabled])');

  // a program the verifier rejects: its spans as markers at the diagnosis's lines
  await page.evaluate((s) => window.bpfdojo.setCode(s), rejected);
  await page.click('#run');
  ok(await waitFor(() => document.querySelector('.ev-verdict'), 30000), 'the rejected run reaches a verdict');
  ok(/LOAD_ERROR/.test(await page.$eval('.ev-verdict', (e) => e.textContent)), 'the rejected program is LOAD_ERROR');
  const diag = await page.evaluate(() => window.bpfdojo.lastDiagnosis || null);
  ok(diag && diag.primary && diag.primary.line === 20, `the diagnosis points at line 20 (${diag && diag.primary && diag.primary.line})`);
  const ms = await markers();
  const lines = diag ? [diag.primary, ...diag.secondary].filter((s) => s.line > 0).map((s) => s.line) : [];
  ok(lines.length && lines.every((l) => ms.some((x) => x.line === l)), `markers at the diagnosis's lines ${lines} (markers at ${ms.map((x) => x.line)})`);
  ok(ms.some((x) => x.severity === 'error' && diag && x.message.includes(diag.title)), 'the primary marker says the title');
  // its verifier trace, stepped through: the highlight follows the steps to the refused line
  {
    const steps = (diag && diag.verifier_trace) || [];
    ok(steps.length >= 2 && steps[steps.length - 1].rejected, `the diagnosis carries a verifier trace (${steps.length} steps)`);
    ok(await waitFor(() => { const t = document.querySelector('section.trace'); return t && !t.hidden; }, 3000), 'the trace panel opens');
    const hl = () => page.evaluate(() => window.bpfdojo.traceLine());
    const dom = () => page.evaluate(() => {
      const l = document.querySelector('.cm-trace-line');
      return l ? window.bpfdojo.view.state.doc.lineAt(window.bpfdojo.view.posAtDOM(l)).number : 0;
    });
    ok(steps.length && (await hl()) === steps[0].line && (await dom()) === steps[0].line, `step 1 highlights line ${steps[0] && steps[0].line} (${await hl()})`);
    ok(steps.length && (await page.$eval('.trace-insns', (e) => e.textContent)).includes(steps[0].insns[0]), 'the step shows its instructions');
    await page.click('.trace-next');
    ok(steps.length > 1 && (await hl()) === steps[1].line && (await dom()) === steps[1].line, `Next moves the highlight to line ${steps[1] && steps[1].line} (${await hl()})`);
    for (let i = 2; i < steps.length; i++) await page.keyboard.press('ArrowRight');
    const last = steps[steps.length - 1] || {};
    ok((await hl()) === last.line && await page.$('.cm-trace-line.cm-trace-rejected') && await page.$('.trace-step.rejected'),
      `the arrow keys reach the refused step at line ${last.line} (${await hl()})`);
    const kvText = await page.$eval('.trace-step', (e) => e.textContent);
    ok(last.regs && Object.keys(last.regs).every((r) => kvText.includes(r)), `the refused step shows the registers (${kvText.slice(0, 300)})`);
    await page.click('.cm-content');
    await page.keyboard.down('Alt'); await page.keyboard.press('p'); await page.keyboard.up('Alt');
    ok(steps.length > 1 && (await hl()) === steps[steps.length - 2].line, `Alt-p in the editor steps back (${await hl()})`);
    // the fields docs/api.md adds to a step (vars, stack) and one it does not know yet
    const made = [{ line: 17, insn: 1, text: 'u32 k = 1;', insns: ['1: *(u32 *)(r10 -4) = r1'], regs: { R1: '1', R2: 'fp-4' },
      vars: { R2: '&k' }, stack: [{ slot: 'fp-8', state: 'mmmm????', var: 'k' }], dojo_future: { note: 'kept' } },
    { line: 20, insn: 7, text: '*v += 1;', insns: ['7: r1 = *(u64 *)(r0 +0)'], rejected: true }];
    await page.evaluate((t) => window.bpfdojo.showTrace({ verifier_trace: t, verifier_trace_deadline: true }), made);
    const shown = await page.evaluate(() => {
      const q = (s) => [...document.querySelectorAll(s)].map((e) => e.textContent);
      return { regs: q('.trace-regs tbody tr'), stack: q('.trace-stack tbody tr'), all: document.querySelector('section.trace').textContent };
    });
    ok(shown.regs.includes('R2&kfp-4') && shown.regs.includes('R11') && shown.stack.includes('fp-8kmmmm????') &&
      /dojo future/.test(shown.all) && /kept/.test(shown.all) && /ran out of time/.test(shown.all),
    `a step's variables, stack slots and unknown fields are shown (${JSON.stringify(shown).slice(0, 300)})`);
    ok((await hl()) === 17, 'a new trace starts at its first step');
  }
  await page.waitForSelector('#run:not([disabled])');

  // a wrong answer shows the first hint, and only it
  await page.evaluate((s) => window.bpfdojo.setCode(s), wrong);
  await page.click('#run');
  await waitFor(() => document.querySelector('.ev-verdict'), 30000);
  const v2 = await page.$eval('.ev-verdict', (e) => e.textContent);
  ok(!/CORRECT/.test(v2), 'the wrong program is not CORRECT: ' + v2);
  const nh = (await page.$$('#hints .hint')).length;
  ok(nh === 1, `one hint after one wrong answer (${nh}, ${v2})`);
  await page.waitForSelector('#run:not([disabled])');

  // reload: the code is still there
  await page.evaluate(() => window.bpfdojo.setCode('// kept across a reload\n' + window.bpfdojo.view.state.doc.toString()));
  await page.reload({ waitUntil: 'domcontentloaded' });
  await waitFor(() => document.body.dataset.ready === '1', 5000);
  ok((await page.evaluate(() => window.bpfdojo.view.state.doc.toString())).startsWith('// kept across a reload'), 'the code survives a reload');

  // vim mode: 'x' in normal mode deletes; off again, it inserts
  const len = () => page.evaluate(() => window.bpfdojo.view.state.doc.length);
  await page.click('#vim');
  await page.click('.cm-content');
  await page.keyboard.press('Escape');
  await page.keyboard.press('0');     // the line's first character: x has one to delete
  await page.keyboard.press('k');
  let l0 = await len();
  await page.keyboard.type('x');
  ok((await len()) === l0 - 1, `vim mode: x deletes a character (${l0} -> ${await len()})`);
  await page.keyboard.type('u');
  await page.click('#vim');
  await page.click('.cm-content');
  l0 = await len();
  await page.keyboard.type('x');
  ok((await len()) === l0 + 1, 'vim mode off: x is typed');
  await page.keyboard.press('Backspace');

  // export, clear, import
  const dl = fs.mkdtempSync(path.join(os.tmpdir(), 'bpfdojo-dl-'));
  await page.goto(base + '/', { waitUntil: 'load' });
  ok(await page.$(`li[data-id="${EX}"].solved`), 'home marks the solved exercise');
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dl });
  await page.click('#export');
  let file = null;
  for (let i = 0; i < 50 && !file; i++) { await sleep(100); file = fs.readdirSync(dl).find((f) => f.endsWith('.json')); }
  ok(file, 'export downloads a JSON file');
  await page.click('#clear');
  await sleep(100);
  ok(!(await page.$(`li[data-id="${EX}"].solved`)), 'clear forgets the solved mark');
  if (file) {
    const input = await page.$('#import-file');
    await input.uploadFile(path.join(dl, file));
    ok(await waitFor((id) => document.querySelector(`li[data-id="${id}"].solved`), 3000, EX), 'import brings the solved mark back');
  }
  fs.rmSync(dl, { recursive: true, force: true });

  // keyboard only: Tab to the editor, type, Ctrl-Enter runs; focus is visible
  await page.goto(exUrl, { waitUntil: 'domcontentloaded' });
  await waitFor(() => document.body.dataset.ready === '1', 5000);
  let tabs = 0, outlined = true;
  for (; tabs < 30; tabs++) {
    await page.keyboard.press('Tab');
    const st = await page.evaluate(() => {
      const a = document.activeElement;
      return { cm: !!a.closest('.cm-content'), outline: getComputedStyle(a).outlineStyle, tag: a.tagName };
    });
    if (st.cm) break;
    if (st.tag === 'BUTTON' && st.outline === 'none') outlined = false;
  }
  ok(tabs < 30, `Tab reaches the editor (${tabs + 1} presses)`);
  ok(outlined, 'focused buttons show an outline');
  await page.keyboard.type('// typed with the keyboard\n');
  ok((await page.evaluate(() => window.bpfdojo.view.state.doc.toString())).includes('// typed with the keyboard'), 'typing reaches the editor');
  await page.keyboard.down('Control'); await page.keyboard.press('Enter'); await page.keyboard.up('Control');
  ok(await waitFor(() => document.querySelector('.ev-compiling'), 10000), 'Ctrl-Enter runs');
  await waitFor(() => document.querySelector('.ev-done'), 30000);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  ok(await page.evaluate(() => !document.activeElement.closest('.cm-content')), 'Esc then Tab leaves the editor');

  // screenshots: light and dark, desktop and phone
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    await page.waitForSelector('#run:not([disabled])');
    await page.evaluate((s) => window.bpfdojo.setCode(s), solution);
    await page.click('#run');
    await waitFor(() => /CORRECT/.test((document.querySelector('.ev-verdict') || {}).textContent || ''), 30000);
    await page.waitForSelector('#run:not([disabled])');
    for (const t of ['light', 'dark']) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: t }]);
      for (const [w, hgt, name] of [[1280, 800, 'desktop'], [390, 844, 'phone']]) {
        await page.setViewport({ width: w, height: hgt });
        await sleep(150);
        await page.screenshot({ path: path.join(shots, `exercise-${t}-${name}.png`) });
      }
    }
    // the verifier trace stepped to its refused line, a typed error in the problems list
    await page.setViewport({ width: 1280, height: 800 });
    await page.evaluate((s) => window.bpfdojo.setCode(s), rejected);
    await page.click('#run');
    await waitFor(() => { const t = document.querySelector('section.trace'); return t && !t.hidden; }, 30000);
    await page.waitForSelector('#run:not([disabled])');
    for (let i = 0; i < 8; i++) await page.evaluate(() => window.bpfdojo.traceStep(1));
    for (const t of ['light', 'dark']) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: t }]);
      for (const [w, hgt, name] of [[1280, 800, 'desktop'], [390, 844, 'phone']]) {
        await page.setViewport({ width: w, height: hgt });
        if (name === 'phone') await page.click('.tabs button[data-pane="work"]');
        await sleep(150);
        await page.screenshot({ path: path.join(shots, `trace-${t}-${name}.png`) });
      }
    }
    await page.setViewport({ width: 1280, height: 800 });
    await page.evaluate((s) => window.bpfdojo.setCode(s), read('starter.bpf.c').replace('\treturn 0;', '\tstruct task_struct *task = (void *)bpf_get_current_task();\n\tint broken = ;\n\treturn 0;'));
    await waitFor(() => document.querySelector('.problems button.problem'), 3000);
    await page.evaluate(() => {
      const v = window.bpfdojo.view, p = v.state.doc.toString().indexOf('return 0;') + 7;
      v.focus();
      v.dispatch({ changes: { from: p, to: p + 1, insert: 'task->' }, selection: { anchor: p + 6 } });
    });
    await page.keyboard.type('co');
    await waitFor(() => document.querySelector('.cm-tooltip-autocomplete li'), 3000);
    await sleep(300);
    await page.screenshot({ path: path.join(shots, 'complete-dark-desktop.png') });
    await page.keyboard.press('Escape');
    await page.goto(base + '/', { waitUntil: 'load' });
    await page.screenshot({ path: path.join(shots, 'home-dark.png') });
  }
} catch (e) {
  ok(false, 'the browser test stopped: ' + (e.stack || e));
}
await browser.close();
console.log(`web: ${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
