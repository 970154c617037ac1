// progress.js: what the learner did, kept in this browser (localStorage, one key): the code of
// each exercise (saved on every edit), solved marks, wrong answers (for hints), and export /
// import of it all as one JSON file.
const KEY = 'bpfdojo.progress';

function load() {
  try {
    const p = JSON.parse(localStorage.getItem(KEY) || '{}');
    if (p && typeof p === 'object' && p.exercises) return p;
  } catch (e) { /* a broken entry starts afresh */ }
  return { version: 1, exercises: {} };
}

function save(p) {
  try { localStorage.setItem(KEY, JSON.stringify(p)); } catch (e) { /* full or disabled */ }
}

export function get(id) {
  return load().exercises[id] || {};
}

export function update(id, fields) {
  const p = load();
  p.exercises[id] = Object.assign(p.exercises[id] || {}, fields);
  save(p);
  return p.exercises[id];
}

export function all() { return load(); }

export function clearAll() { localStorage.removeItem(KEY); }

export function exportFile() {
  const blob = new Blob([JSON.stringify(load(), null, 2)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'bpfdojo-progress.json';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

// importText(text): replaces the progress with an exported file's; throws on a bad file
export function importText(text) {
  const p = JSON.parse(text);
  if (!p || typeof p !== 'object' || typeof p.exercises !== 'object')
    throw new Error('not a bpfdojo progress file');
  save({ version: 1, exercises: p.exercises });
}
