// theme.js: light or dark, following the system until the learner picks one (kept in
// localStorage; the page's inline script applies it before the first paint).
const KEY = 'bpfdojo.theme';
const listeners = [];

export function current() {
  const t = document.documentElement.dataset.theme;
  if (t === 'light' || t === 'dark') return t;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function onChange(fn) { listeners.push(fn); }

export function toggle() {
  const next = current() === 'dark' ? 'light' : 'dark';
  document.documentElement.dataset.theme = next;
  try { localStorage.setItem(KEY, next); } catch (e) { /* ignore */ }
  listeners.forEach((fn) => fn(next));
  return next;
}

matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
  if (!document.documentElement.dataset.theme) listeners.forEach((fn) => fn(current()));
});
