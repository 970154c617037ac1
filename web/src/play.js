// play.js: the Playground page: any BPF program (the shared editor, with the checker's
// markers), a workload (a shell command run in the guest, with ready examples) and its
// seconds, POST /api/play, and the results as they stream: the steps, the workload's output,
// printk lines, decoded records, a table per map, each program's stats and what the caps
// dropped, and on demand (Show instructions) each program's instructions under its source
// lines (xlated.js); a verifier diagnosis lands in the editor.  Share puts the run in the URL
// fragment (share.js); the page opens such a link, and otherwise the last program kept in
// this browser.
import { h } from './dom.js';
import * as theme from './theme.js';
import { parse } from './run.js';
import { eventValue, valueCell } from './decode.js';
import { mapTable } from './maptable.js';
import { xlatedBlock } from './xlated.js';
import { EXAMPLES } from './examples.js';
import * as share from './share.js';
import { fromCompiler, fromDiagnosis, setRun, current } from './diagnostics.js';
import { createEditor, setTheme, setDoc } from './editor.js';
import { tabs } from './tabs.js';

const KEY = 'bpfdojo.play';
const MAX_SECONDS = 10;
const MAX_COMMAND = 1024;

function load() {
  try {
    const o = JSON.parse(localStorage.getItem(KEY) || 'null');
    if (o && typeof o.program === 'string' && typeof o.command === 'string') return o;
  } catch (e) { /* a broken entry: the default example */ }
  return null;
}

function save(state) {
  try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* full or disabled */ }
}

// The results panel: one section per kind of output, shown once it has something.
function resultsPanel(panel) {
  const status = h('p', { class: 'run-status', role: 'status' }, 'running…');
  const steps = h('ol', { class: 'timeline steps' });
  const logs = h('pre', { class: 'log' });
  const logBox = h('details', { class: 'logbox', hidden: true }, h('summary', null, 'libbpf log'), logs);
  const section = (cls, title, body) => ({ el: h('section', { class: 'res ' + cls, hidden: true }, h('h3', null, title), body), body });
  const out = section('output', 'Workload output', h('pre', { class: 'stdout' }));
  const printk = section('printk', 'bpf_printk', h('ol', { class: 'lines' }));
  const records = section('records', 'Events', h('ol', { class: 'timeline recs' }));
  const maps = section('maps', 'Maps after the workload', h('div', { class: 'maplist' }));
  const xlated = section('insns', 'Instructions', h('div', { class: 'xlist' }));
  const stats = section('stats', 'Programs', h('table', { class: 'stats' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'program'), h('th', { scope: 'col' }, 'runs'),
      h('th', { scope: 'col' }, 'time'), h('th', { scope: 'col' }, 'per run'))), h('tbody')));
  const dropped = h('div', { class: 'dropped' });
  panel.replaceChildren(status, steps, logBox, out.el, printk.el, records.el, maps.el, stats.el, xlated.el, dropped);
  const show = (s) => { s.el.hidden = false; return s.body; };
  return { status, steps, logs, logBox, out, printk, records, maps, stats, xlated, dropped, show };
}

function step(p, t, text, cls) {
  p.steps.append(h('li', { class: 'ev ' + (cls || '') }, h('span', { class: 't' }, `${t} ms`), h('span', { class: 'what' }, text)));
}

const ns = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} ms` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} µs` : `${n} ns`);

// One event into the panel; @hooks.onCompileError(diags), hooks.onDiagnosis(g).
function show(p, name, e, t, ctx, hooks) {
  switch (name) {
  case 'queued': if (e.position) step(p, t, `waiting in line (position ${e.position})`); break;
  case 'compiling': step(p, t, `compiling ${e.file}`); break;
  case 'compiled':
    step(p, t, `compiled in ${e.ms} ms (${e.object_bytes} bytes)`);
    if (e.diagnostics && e.diagnostics.length) hooks.onCompileError(e.diagnostics);
    break;
  case 'compile_error':
    step(p, t, `${e.message} (${e.ms} ms)`, 'bad');
    hooks.onCompileError(e.diagnostics || []);
    break;
  case 'starting': step(p, t, 'starting a micro-VM'); break;
  case 'log':
    p.logBox.hidden = false;
    p.logs.textContent += e.text + '\n';
    break;
  case 'loaded': step(p, t, `loaded ${e.programs} program(s), ${e.maps} map(s) in ${e.ms} ms`); break;
  case 'attached': step(p, t, h('span', null, 'attached ', h('code', null, e.program), ' to ', h('code', null, e.section))); break;
  case 'attach_failed':
  case 'verifier':
    step(p, t, name === 'verifier'
      ? h('span', null, 'the verifier refused ', h('code', null, e.program || 'the object'), e.diagnosis ? `: ${e.diagnosis.title}` : '')
      : h('span', null, 'could not attach ', h('code', null, e.program), `: ${e.message}`), 'bad');
    if (e.diagnosis) {
      hooks.onDiagnosis(e.diagnosis);
      p.steps.append(h('li', { class: 'diag' }, h('pre', null, [e.diagnosis.title,
        ...(e.diagnosis.help ? ['help: ' + e.diagnosis.help] : []), ...(e.diagnosis.notes || [])].join('\n'))));
    }
    break;
  case 'output': {
    const pre = p.show(p.out);
    pre.append(h('span', { class: e.stream }, e.text));
    break;
  }
  case 'printk':
    p.show(p.printk).append(h('li', null, h('span', { class: 'msg' }, e.message),
      e.comm ? h('span', { class: 'dim who' }, ` ${e.comm} (pid ${e.pid})`) : ''));
    break;
  case 'record':
    p.show(p.records).append(h('li', { class: 'ev ev-record' }, h('span', { class: 't' }, `${t} ms`),
      h('div', { class: 'what' }, h('div', null, h('span', { class: 'label' }, e.map), h('span', { class: 'type' }, `${e.type}, ${e.size} B`)),
        e.type === '?' ? h('code', { class: 'hex' }, e.value) : valueCell('', e.value, e.type, ctx))));
    break;
  case 'debug':
  case 'submit':
    p.show(p.records).append(h('li', { class: 'ev ev-' + name }, h('span', { class: 't' }, `${t} ms`),
      h('div', { class: 'what' }, h('div', null, h('span', { class: 'label' }, name === 'debug' ? e.label : 'SUBMIT'),
        h('span', { class: 'type' }, e.type)), eventValue(e, ctx))));
    break;
  case 'workload_done':
    step(p, t, `workload ended after ${e.ms} ms with status ${e.status}${e.status === 137 ? ' (killed at its time limit)' : ''}`);
    break;
  case 'map': p.show(p.maps).append(mapTable(e, ctx)); break;
  case 'xlated': p.show(p.xlated).append(xlatedBlock(e)); break;
  case 'stats':
    p.show(p.stats).querySelector('tbody').append(h('tr', null, h('th', { scope: 'row' }, h('code', null, e.program)),
      h('td', null, String(e.run_cnt)), h('td', null, ns(e.run_time_ns)),
      h('td', null, e.run_cnt ? ns(Math.round(e.run_time_ns / e.run_cnt)) : '—')));
    break;
  case 'dropped':
    p.dropped.append(h('p', { class: 'note' }, `${e.count} ${e.what === 'printk' ? 'printk lines' : e.what === 'records' ? 'records' : 'reads of ' + e.what} (${e.bytes} bytes) were left out: over the playground's caps.`));
    break;
  case 'error': step(p, t, e.message, 'bad'); break;
  case 'done':
    step(p, t, h('span', { class: 'dim' }, `done: compile ${e.compile_ms} ms, start ${e.start_ms} ms, load ${e.load_ms} ms, run ${e.run_ms} ms, total ${e.total_ms} ms`));
    break;
  default: break;
  }
}

// POST /api/play and the stream into @panel: resolves with {done, failed} once it ends
async function play(body, panel, hooks) {
  const p = resultsPanel(panel);
  const t0 = performance.now();
  const ctx = {};
  let done = false, bad = false, outcome = '';
  try {
    const r = await fetch('/api/play', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!r.ok) {
      let msg = `the server said ${r.status}`;
      try { msg = (await r.json()).message || msg; } catch (e) { /* not JSON */ }
      p.status.textContent = msg;
      p.status.classList.add('bad');
      return { done: false };
    }
    await parse(r.body, (name, e) => {
      show(p, name, e, Math.round(performance.now() - t0), ctx, hooks);
      if (['compile_error', 'verifier', 'error'].includes(name)) bad = true;
      if (name === 'done') { done = true; outcome = e.outcome || ''; }
    });
  } catch (e) {
    p.status.textContent = `the run failed: ${e.message}`;
    p.status.classList.add('bad');
    return { done: false };
  }
  const said = { OK: 'finished', COMPILE_ERROR: 'the program did not compile',
    LOAD_ERROR: 'the program did not load or attach', RUN_ERROR: 'the run failed on the server (not your program)' };
  bad = bad || (outcome && outcome !== 'OK');
  p.status.textContent = !done ? 'the stream was cut before the end' : said[outcome] || (bad ? 'the program did not run' : 'finished');
  p.status.className = 'run-status ' + (!done || bad ? 'bad' : 'good');
  return { done };
}

export function playground() {
  const main = document.getElementById('main');
  const host = document.getElementById('editor');
  const results = document.getElementById('results');
  const selectPane = tabs(main, main.querySelector('.tabs'));
  const first = EXAMPLES[0];
  const saved = load();
  let view = null, running = false;

  const cmd = h('textarea', { id: 'command', rows: '2', spellcheck: 'false', maxlength: String(MAX_COMMAND),
    'aria-describedby': 'command-help' });
  const secs = h('input', { id: 'seconds', type: 'number', min: '1', max: String(MAX_SECONDS), step: '1', inputmode: 'numeric' });
  const insns = h('input', { id: 'xlated', type: 'checkbox' });
  const pick = h('select', { id: 'example' }, h('option', { value: '' }, 'Examples…'),
    EXAMPLES.map((e) => h('option', { value: e.id }, e.title)));
  const shareOut = h('input', { id: 'share-link', type: 'text', readonly: true, hidden: true, 'aria-label': 'Link to this program' });
  const note = h('span', { id: 'share-status', role: 'status', class: 'dim' });
  const state = () => ({ program: view.state.doc.toString(), command: cmd.value,
    seconds: Math.min(Math.max(parseInt(secs.value, 10) || 2, 1), MAX_SECONDS) });
  const keep = () => save(state());
  const fill = ({ program, command, seconds }) => {
    if (view) setDoc(view, program);
    cmd.value = command;
    secs.value = String(seconds);
    keep();
  };

  const doRun = async () => {
    if (running) return;
    running = true;
    runBtn.disabled = true;
    selectPane('results');
    setRun(view, []);
    const s = state();
    secs.value = String(s.seconds);
    await play({ source: s.program, run: s.command || 'true', seconds: s.seconds, filename: 'play.bpf.c',
      ...(insns.checked ? { xlated: true } : {}) }, results, {
      onCompileError: (d) => setRun(view, fromCompiler(view.state.doc, d.filter((x) => !x.file || !x.file.endsWith('.h')))),
      onDiagnosis: (g) => setRun(view, fromDiagnosis(view.state.doc, g)),
    });
    running = false;
    runBtn.disabled = false;
  };

  const doShare = async () => {
    try {
      const frag = await share.encode(state());
      history.replaceState(null, '', '#' + frag);
      shareOut.value = location.href;
      shareOut.hidden = false;
      shareOut.select();
      try { await navigator.clipboard.writeText(location.href); note.textContent = 'Link copied.'; } catch (e) {
        note.textContent = 'Link in the address bar.';
      }
    } catch (e) { note.textContent = 'No link: ' + e.message; }
  };

  const runBtn = h('button', { type: 'button', id: 'run', class: 'primary', onclick: doRun, title: 'Ctrl/Cmd-Enter' }, 'Run');
  pick.addEventListener('change', () => {
    const ex = EXAMPLES.find((e) => e.id === pick.value);
    if (ex) fill(ex);
    pick.value = '';
    if (view) view.focus();
  });
  cmd.addEventListener('input', keep);
  secs.addEventListener('change', keep);
  cmd.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); doRun(); } });
  document.getElementById('toolbar').append(runBtn,
    h('button', { type: 'button', id: 'share', onclick: doShare }, 'Share'),
    h('label', { class: 'pick' }, h('span', { class: 'visually-hidden' }, 'Load an example'), pick), note, shareOut);
  document.getElementById('workload').append(
    h('label', { for: 'command' }, 'Workload'), cmd,
    h('label', { for: 'seconds', class: 'secs' }, 'Seconds', secs),
    h('label', { for: 'xlated', class: 'insns' }, insns, ' Show instructions'),
    h('p', { id: 'command-help', class: 'dim help' }, 'A shell command run by busybox inside the guest, after every program is attached; it is stopped after the seconds given (at most 10).'));

  host.replaceChildren();
  const initial = saved || first;
  view = createEditor(host, { exId: null, doc: initial.program, theme: theme.current(), vimOn: false,
    onChange: keep, onRun: doRun });
  cmd.value = initial.command;
  secs.value = String(initial.seconds || first.seconds);
  theme.onChange((t) => setTheme(view, t));

  const intro = () => results.replaceChildren(h('p', { class: 'dim' }, 'Pick an example or write your own program, then Run (',
    h('kbd', null, 'Ctrl-Enter'), '): every program in it is attached in a fresh micro-VM, the workload runs, and its events, printk lines and maps show here.'));
  const openLink = async () => {
    if (!location.hash || location.hash === '#') return;
    try {
      fill(await share.decode(location.hash));
      intro();
    } catch (e) {
      results.replaceChildren(h('p', { class: 'run-status bad', role: 'alert', id: 'link-error' }, 'This link could not be opened: ' + e.message));
    }
  };
  intro();
  window.bpfdojo = { view, markers: () => current(view), setCode: (t) => setDoc(view, t),
    opened: openLink().then(() => { document.body.dataset.ready = '1'; }) };
  window.addEventListener('hashchange', openLink);
}
