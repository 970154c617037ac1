// trace.js: step through what the verifier saw on its way to a rejection (the diagnosis's
// verifier_trace, docs/api.md): one step per visit of a source line, its line highlighted in
// the editor, its instructions, register state and branch shown in a panel beside it.
// Prev/Next buttons, the arrow keys or n/p in the panel, Alt-n/Alt-p in the editor.  Registers
// are shown with the learner's variable they hold (`vars`) and the stack slots the verifier
// printed (`stack`) when the server sends them; fields a step carries beyond those (a newer
// server) are shown by name, not dropped.
import { StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, keymap } from '@codemirror/view';
import { h } from './dom.js';

const setLine = StateEffect.define();   // {line, rejected} or null
const KNOWN = new Set(['line', 'col', 'insn', 'text', 'insns', 'more_insns', 'regs', 'vars', 'stack', 'branch', 'rejected']);

const field = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setLine)) continue;
      if (!e.value) { deco = Decoration.none; continue; }
      const doc = tr.state.doc;
      const l = doc.line(Math.min(Math.max(e.value.line, 1), doc.lines));
      deco = Decoration.set([Decoration.line({ class: e.value.rejected ? 'cm-trace-line cm-trace-rejected' : 'cm-trace-line' }).range(l.from)]);
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

let active = null;   // the trace being shown: {view, steps, i, box, omitted}

// a value of a field this file does not know, as text
function show(v) {
  if (v === null || typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return v.map(show).join('\n');
  return Object.entries(v).map(([k, x]) => `${k} = ${show(x)}`).join('\n');
}

function kv(obj) {
  return h('dl', { class: 'trace-kv' }, Object.entries(obj).flatMap(([k, v]) =>
    [h('dt', null, k), h('dd', null, typeof v === 'object' && v !== null ? show(v) : String(v))]));
}

const text = (v) => (typeof v === 'object' && v !== null ? show(v) : String(v));

// rows of [name, variable or '', state] as a three-column table
function table(cls, head, rows) {
  return h('table', { class: 'trace-tab ' + cls },
    h('thead', null, h('tr', null, head.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, rows.map(([a, b, c]) => h('tr', null, h('th', { scope: 'row' }, a),
      h('td', { class: 'var' }, b), h('td', null, c)))));
}

function registers(s) {
  const vars = (s.vars && typeof s.vars === 'object') ? s.vars : {};
  return table('trace-regs', ['register', 'variable', 'what the verifier knows'],
    Object.entries(s.regs).map(([r, st]) => [r, vars[r] ? text(vars[r]) : '', text(st)]));
}

function stack(s) {
  return table('trace-stack', ['slot', 'variable', 'what the verifier knows'],
    s.stack.map((x) => (x && typeof x === 'object' ? [text(x.slot ?? '?'), x.var ? text(x.var) : '', text(x.state ?? '')] : ['?', '', text(x)])));
}

function renderStep() {
  const { view, steps, i, box, omitted, deadline } = active;
  const s = steps[i];
  const extra = Object.entries(s).filter(([k]) => !KNOWN.has(k));
  const body = h('div', { class: 'trace-step' + (s.rejected ? ' rejected' : '') },
    h('p', { class: 'trace-src' }, h('span', { class: 'pos' }, s.line > 0 ? `line ${s.line}` : 'line ?'),
      ' ', h('code', null, s.text || '')),
    h('div', { class: 'trace-code' },
      s.insns && s.insns.length ? h('pre', { class: 'trace-insns', 'aria-label': 'instructions' },
        s.insns.join('\n') + (s.more_insns ? `\n… ${s.more_insns} more` : '') +
        (s.rejected ? (deadline ? '   ← here when time ran out' : '   ← refused here') : '')) : null,
      s.branch ? h('p', { class: 'trace-branch' }, `branch ${s.branch}`) : null),
    h('div', { class: 'trace-state' },
      s.regs && typeof s.regs === 'object' && Object.keys(s.regs).length ? [h('h3', null, 'registers'), registers(s)] : null,
      Array.isArray(s.stack) && s.stack.length ? [h('h3', null, 'stack'), stack(s)] : null,
      extra.flatMap(([k, v]) => [h('h3', null, k.replace(/_/g, ' ')),
        typeof v === 'object' && v !== null && !Array.isArray(v) ? kv(v) : h('pre', null, show(v))])));
  const prev = h('button', { type: 'button', class: 'trace-prev', onclick: () => step(-1), disabled: i === 0 }, '◀ Prev');
  const next = h('button', { type: 'button', class: 'trace-next', onclick: () => step(1), disabled: i === steps.length - 1 }, 'Next ▶');
  box.replaceChildren(
    h('div', { class: 'trace-bar' },
      h('h2', null, deadline ? 'Where the verifier was when loading ran out of time' : 'What the verifier saw'),
      prev, h('span', { class: 'trace-count', role: 'status' }, `step ${i + 1} of ${steps.length}`), next,
      h('button', { type: 'button', class: 'trace-close', onclick: () => hideTrace(view), 'aria-label': 'Close the trace' }, '×')),
    ...(omitted ? [h('p', { class: 'dim' }, `${omitted} earlier step(s) left out`)] : []),
    body);
  box.hidden = false;
  const effects = [setLine.of(s.line > 0 ? { line: s.line, rejected: !!s.rejected } : null)];
  if (s.line > 0 && s.line <= view.state.doc.lines) {
    effects.push(EditorView.scrollIntoView(view.state.doc.line(s.line).from, { y: 'center' }));
  }
  view.dispatch({ effects });
}

function step(d) {
  if (!active) return false;
  const i = Math.min(Math.max(active.i + d, 0), active.steps.length - 1);
  if (i === active.i) return true;
  const hadFocus = active.box.contains(document.activeElement);
  active.i = i;
  renderStep();
  if (hadFocus) {
    const b = active.box.querySelector(d > 0 ? '.trace-next' : '.trace-prev');
    (b && !b.disabled ? b : active.box).focus();
  }
  return true;
}

// show @diagnosis's trace in @box (an element beside the editor); false when it has none
export function showTrace(view, diagnosis, box) {
  const steps = (diagnosis && Array.isArray(diagnosis.verifier_trace)) ? diagnosis.verifier_trace : [];
  if (!steps.length) { hideTrace(view); return false; }
  box.classList.add('trace');
  box.setAttribute('aria-label', 'Verifier trace');
  box.tabIndex = -1;
  if (!box.dataset.keys) {
    box.dataset.keys = '1';
    box.addEventListener('keydown', (e) => {
      if (e.target.closest('button') && e.key === 'Enter') return;
      const d = { ArrowRight: 1, ArrowDown: 1, n: 1, ArrowLeft: -1, ArrowUp: -1, p: -1 }[e.key];
      if (d && !e.altKey && !e.ctrlKey && !e.metaKey) { e.preventDefault(); step(d); }
      if (e.key === 'Escape') { hideTrace(view); view.focus(); }
    });
  }
  active = { view, steps, i: 0, box, omitted: diagnosis.verifier_trace_omitted || 0,
    deadline: !!diagnosis.verifier_trace_deadline };
  renderStep();
  return true;
}

export function hideTrace(view) {
  if (!active) return;
  active.box.hidden = true;
  active.box.replaceChildren();
  active = null;
  view.dispatch({ effects: setLine.of(null) });
}

// the highlighted line (1-based), 0 when none
export function traceLine(view) {
  let line = 0;
  view.state.field(field).between(0, view.state.doc.length, (from) => { line = view.state.doc.lineAt(from).number; });
  return line;
}

export const traceStep = (d) => step(d);

// the extension: the highlight and the editor's keys
export const traceExt = [field, keymap.of([
  { key: 'Alt-n', run: () => step(1) }, { key: 'Alt-p', run: () => step(-1) },
])];
