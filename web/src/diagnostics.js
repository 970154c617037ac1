// diagnostics.js: the checkers' and the run's findings as CodeMirror lint markers.  Two
// sources feed "check" markers: the TCC worker (checker/worker.js, {id, source} in,
// {id, ms, diagnostics} out) when it exists, else the server's POST /api/check/<id> (clang).
// A run adds its own (clang errors, a verifier diagnosis with primary and secondary spans),
// kept until the next edit.
import { linter, setDiagnostics, forEachDiagnostic } from '@codemirror/lint';

let runDiags = [];
let lastCheck = [];
let worker = null;
let workerReady = false;
let seq = 0;
const pending = new Map();

function startWorker() {
  try {
    worker = new Worker('/checker/worker.js');
  } catch (e) { worker = null; return; }
  worker.onmessage = (m) => {
    const d = m.data || {};
    if (d.ready) { workerReady = true; return; }
    const p = pending.get(d.id);
    if (p) { pending.delete(d.id); p(d.diagnostics || []); }
  };
  worker.onerror = () => { worker = null; workerReady = false; };
}

function viaWorker(source) {
  return new Promise((resolve) => {
    const id = ++seq;
    pending.set(id, resolve);
    worker.postMessage({ id, source });
  });
}

async function viaServer(exId, source) {
  const url = exId ? `/api/check/${encodeURIComponent(exId)}` : '/api/check';   // the Playground has none
  const r = await fetch(url, { method: 'POST', body: source });
  if (!r.ok) return null;   // busy or rate-limited: keep the markers we have
  const j = await r.json();
  return (j.diagnostics || []).filter((d) => !d.file || !d.file.endsWith('.h'));
}

function pos(doc, line, col) {
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return l.from + Math.min(Math.max(col - 1, 0), l.length);
}

function wordEnd(doc, from) {
  const l = doc.lineAt(from);
  const rest = l.text.slice(from - l.from);
  const m = /^[A-Za-z0-9_]+/.exec(rest);
  return from + (m ? m[0].length : Math.min(1, rest.length));
}

const sev = (s) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'info');

export function fromCompiler(doc, list) {
  return list.filter((d) => d.line > 0).map((d) => {
    const from = pos(doc, d.line, d.col || 1);
    return {
      from, to: Math.max(wordEnd(doc, from), from), severity: sev(d.severity),
      source: 'clang', message: d.message + (d.help ? `\nhelp: ${d.help}` : ''),
    };
  });
}

function fromSpan(doc, s, severity, message) {
  const from = pos(doc, s.line, s.col || 1);
  const l = doc.lineAt(from);
  const to = s.end_col > s.col ? Math.min(l.from + s.end_col - 1, l.to) : l.to;
  return { from, to: Math.max(to, from), severity, source: 'verifier', message };
}

export function fromDiagnosis(doc, g) {
  const out = [];
  if (g.primary && g.primary.line > 0)
    out.push(fromSpan(doc, g.primary, 'error', [g.title, g.primary.label,
      g.help ? `help: ${g.help}` : ''].filter(Boolean).join('\n')));
  for (const s of g.secondary || [])
    if (s.line > 0) out.push(fromSpan(doc, s, 'info', s.label || g.title));
  return out;
}

function publish(view) {
  view.dispatch(setDiagnostics(view.state, lastCheck.concat(runDiags)));
}

export const checkerPath = () => (worker && workerReady ? 'worker' : 'server');

export function setRun(view, diags) { runDiags = diags; publish(view); }

export function clearRunOnEdit(update) {
  if (update.docChanged && runDiags.length) runDiags = [];
}

// the lint extension: checks after a short pause; the worker when ready, else the server
export function checker(exId) {
  // ?checker=server keeps to the server's clang (tests compare the two paths)
  if (new URLSearchParams(location.search).get('checker') !== 'server') startWorker();
  return linter(async (view) => {
    const source = view.state.doc.toString();
    let list;
    try {
      list = worker && workerReady ? await viaWorker(source) : await viaServer(exId, source);
    } catch (e) { list = null; }
    if (!list) return lastCheck.concat(runDiags);
    if (view.state.doc.toString() !== source) return lastCheck.concat(runDiags);
    lastCheck = fromCompiler(view.state.doc, list);
    return lastCheck.concat(runDiags);
  }, { delay: 350 });
}

// the markers now in @view as {line, col, severity, message} (1-based), for tests and the list
export function current(view) {
  const out = [];
  forEachDiagnostic(view.state, (d, from) => {
    const l = view.state.doc.lineAt(from);
    out.push({ line: l.number, col: from - l.from + 1, severity: d.severity, message: d.message });
  });
  return out;
}
