// main.js: the web app's entry: the header's tools (theme, shortcuts), then the home page
// (solved marks, the next exercise, progress export/import), an exercise page (editor,
// toolbar, results, hints, tabs on narrow screens) or the Playground (play.js).  The pages
// themselves come from webgen.
import { h } from './dom.js';
import * as progress from './progress.js';
import * as theme from './theme.js';
import { run } from './run.js';
import { fromCompiler, fromDiagnosis, setRun, current, checkerPath } from './diagnostics.js';
import { createEditor, setVim, setTheme, setDoc } from './editor.js';
import { showTrace, hideTrace, traceLine, traceStep } from './trace.js';
import { playground } from './play.js';
import { tabs } from './tabs.js';

const SHORTCUTS = [
  ['Ctrl/Cmd-Enter', 'run the program'], ['Esc then Tab', 'leave the editor (Tab indents inside)'],
  ['Ctrl/Cmd-F', 'search in the editor'], ['Ctrl-Shift-M', 'open the list of problems'],
  ['F8', 'next problem marker'], ['Ctrl-Space', 'complete a name (helpers, kfuncs, maps, members)'],
  ['Alt-n / Alt-p', 'next / previous step of the verifier trace'], ['?', 'this list (outside the editor)'],
];

function tools() {
  const nav = document.getElementById('tools');
  const dlg = h('dialog', { class: 'shortcuts', 'aria-label': 'Keyboard shortcuts' },
    h('h2', null, 'Keyboard shortcuts'),
    h('dl', null, SHORTCUTS.map(([k, d]) => [h('dt', null, h('kbd', null, k)), h('dd', null, d)])),
    h('button', { type: 'button', onclick: () => dlg.close() }, 'Close'));
  const label = () => (theme.current() === 'dark' ? 'Light theme' : 'Dark theme');
  const tb = h('button', { type: 'button', id: 'theme', onclick: () => { theme.toggle(); tb.textContent = label(); } }, label());
  theme.onChange(() => { tb.textContent = label(); });
  nav.append(tb, h('button', { type: 'button', id: 'keys', onclick: () => dlg.showModal() }, 'Shortcuts'));
  document.body.append(dlg);
  document.addEventListener('keydown', (e) => {
    if (e.key === '?' && !e.target.closest('.cm-editor, input, textarea')) { e.preventDefault(); dlg.showModal(); }
  });
}

function home() {
  const all = progress.all().exercises;
  let next = null;
  for (const li of document.querySelectorAll('li[data-id]')) {
    const solved = all[li.dataset.id] && all[li.dataset.id].solved;
    li.classList.toggle('solved', !!solved);
    li.querySelector('.mark').textContent = solved ? '✓' : '';
    if (solved) li.querySelector('a').setAttribute('aria-label', li.textContent.trim() + ' (solved)');
    if (!solved && !next) next = li;
  }
  const p = document.getElementById('next');
  if (next) p.replaceChildren('Next: ', next.querySelector('a').cloneNode(true));
  else p.textContent = 'Every exercise is solved.';
  const file = h('input', { type: 'file', accept: 'application/json', id: 'import-file', class: 'visually-hidden' });
  const status = h('span', { role: 'status', id: 'io-status' });
  file.addEventListener('change', async () => {
    try {
      progress.importText(await file.files[0].text());
      status.textContent = 'Progress imported.';
      home();
    } catch (e) { status.textContent = 'Not imported: ' + e.message; }
  });
  document.getElementById('progress-io').replaceChildren(h('h2', null, 'Your progress'),
    h('p', null, 'Kept in this browser only. Move it to another one as a file.'),
    h('button', { type: 'button', id: 'export', onclick: () => progress.exportFile() }, 'Export'),
    h('button', { type: 'button', id: 'import', onclick: () => file.click() }, 'Import…'),
    h('button', { type: 'button', id: 'clear', onclick: () => {
      if (confirm('Forget all progress and code kept in this browser?')) { progress.clearAll(); status.textContent = 'Cleared.'; home(); }
    } }, 'Clear'), file, status);
}

function showHints(data, box) {
  const n = Math.min(progress.get(data.id).hints || 0, data.hints.length);
  box.replaceChildren(...(n ? [h('h2', null, 'Hints')] : []),
    ...data.hints.slice(0, n).map((html, i) => {
      // the hints' HTML is made at build time by cmark (safe mode), from the exercise's hints.md
      const body = h('div', { class: 'hint-body' });
      body.innerHTML = html;
      return h('div', { class: 'hint' }, h('strong', null, `Hint ${i + 1}`), body);
    }));
}

function exercise() {
  const data = JSON.parse(document.getElementById('exdata').textContent);
  const saved = progress.get(data.id);
  const host = document.getElementById('editor');
  const results = document.getElementById('results');
  const hintBox = document.getElementById('hints');
  const selectPane = tabs(document.querySelector('main.ex'), document.querySelector('.tabs'));
  let view = null;
  let running = false;
  const vimOn = !!progress.all().vim;

  const doRun = async () => {
    if (running) return;
    running = true;
    runBtn.disabled = true;
    selectPane('results');
    setRun(view, []);
    hideTrace(view);
    const v = await run(data.id, view.state.doc.toString(), results, {
      onCompileError: (d) => setRun(view, fromCompiler(view.state.doc, d.filter((x) => !x.file || !x.file.endsWith('.h')))),
      onDiagnosis: (g) => {
        window.bpfdojo.lastDiagnosis = g;
        setRun(view, fromDiagnosis(view.state.doc, g));
        showTrace(view, g, view.traceBox);
      },
      onVerdict: (e) => {
        if (e.verdict === 'CORRECT') progress.update(data.id, { solved: true });
        else if (['WRONG', 'NO_SUBMIT', 'MULTIPLE_SUBMITS'].includes(e.verdict))
          progress.update(data.id, { hints: (progress.get(data.id).hints || 0) + 1 });
        showHints(data, hintBox);
      },
    });
    if (v && v.verdict === 'CORRECT' && data.next)
      results.append(h('p', { class: 'next-ex' }, 'Solved. ', h('a', { href: `/ex/${data.next}/` }, 'Next exercise →')));
    running = false;
    runBtn.disabled = false;
  };

  const runBtn = h('button', { type: 'button', id: 'run', class: 'primary', onclick: doRun, title: 'Ctrl/Cmd-Enter' }, 'Run');
  const reset = h('button', { type: 'button', id: 'reset', onclick: () => {
    if (confirm('Replace your code with the starter?')) { setDoc(view, data.starter); view.focus(); }
  } }, 'Reset to starter');
  const vimBox = h('input', { type: 'checkbox', id: 'vim', checked: vimOn });
  vimBox.addEventListener('change', () => {
    const p = progress.all();
    localStorage.setItem('bpfdojo.progress', JSON.stringify(Object.assign(p, { vim: vimBox.checked })));
    setVim(view, vimBox.checked);
  });
  document.getElementById('toolbar').append(runBtn, reset,
    h('label', { class: 'vim' }, vimBox, ' vim mode'), h('span', { class: 'kbdhint' }, h('kbd', null, 'Ctrl-Enter'), ' runs'));

  host.replaceChildren();
  view = createEditor(host, {
    exId: data.id,
    doc: typeof saved.code === 'string' ? saved.code : data.starter,
    theme: theme.current(),
    vimOn,
    onChange: (code) => progress.update(data.id, { code }),
    onRun: doRun,
  });
  theme.onChange((t) => setTheme(view, t));
  showHints(data, hintBox);
  results.append(h('p', { class: 'dim' }, 'Run your program (', h('kbd', null, 'Ctrl-Enter'), ') to see its events here.'));
  window.bpfdojo = { view, ready: performance.now(), markers: () => current(view), checker: checkerPath,
    setCode: (t) => setDoc(view, t), traceLine: () => traceLine(view), traceStep,
    showTrace: (g) => showTrace(view, g, view.traceBox) };
  document.body.dataset.ready = '1';
}

tools();
if (document.body.dataset.page === 'home') home();
else if (document.body.dataset.page === 'exercise') exercise();
else if (document.body.dataset.page === 'play') playground();
