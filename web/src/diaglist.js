// diaglist.js: the list of problems under the editor: every marker (the checker's, clang's, the
// verifier diagnosis's spans) as line:col, severity and message, in document order.  One Tab
// stop (arrows move between rows, Home/End to the ends); Enter or a click puts the cursor
// there and gives the editor the focus.
import { ViewPlugin } from '@codemirror/view';
import { h } from './dom.js';
import { current } from './diagnostics.js';

const MAX_ROWS = 100;

function render(view, box, list, focusIdx) {
  const rows = list.slice(0, MAX_ROWS).map((d, i) => {
    const [first, ...rest] = d.message.split('\n');
    return h('li', null, h('button', {
      type: 'button', class: 'problem sev-' + d.severity, tabindex: i === Math.max(focusIdx, 0) ? '0' : '-1',
      'data-line': d.line, 'data-col': d.col,
      'aria-label': `line ${d.line} column ${d.col}, ${d.severity}: ${d.message}`,
    }, h('span', { class: 'pos' }, `${d.line}:${d.col}`), h('span', { class: 'sev' }, d.severity),
    h('span', { class: 'msg' }, first, rest.length ? h('span', { class: 'more' }, ' · ' + rest.join(' · ')) : null)));
  });
  const n = list.length;
  box.replaceChildren(h('h2', { class: 'problems-h' }, n ? `Problems (${n})` : 'No problems'),
    ...(n ? [h('ul', { class: 'problem-list', role: 'list' }, rows)] : []));
  if (focusIdx >= 0) {
    const btns = box.querySelectorAll('button.problem');
    if (btns.length) btns[Math.min(focusIdx, btns.length - 1)].focus();
  }
}

function jump(view, line, col) {
  const doc = view.state.doc;
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  const pos = l.from + Math.min(Math.max(col - 1, 0), l.length);
  view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
  view.focus();
}

function keys(box, e) {
  const btns = [...box.querySelectorAll('button.problem')];
  const i = btns.indexOf(document.activeElement);
  if (i < 0) return;
  const to = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: btns.length - 1 }[e.key];
  if (to === undefined) return;
  e.preventDefault();
  const t = btns[Math.min(Math.max(to, 0), btns.length - 1)];
  btns.forEach((b) => { b.tabIndex = b === t ? 0 : -1; });
  t.focus();
}

// the extension: keeps @box (an element outside the editor) showing the editor's markers
export function diagList(box) {
  box.classList.add('problems');
  box.setAttribute('aria-label', 'Problems');
  return ViewPlugin.define((view) => {
    let last = '';
    const refresh = () => {
      const list = current(view);
      const key = JSON.stringify(list);
      if (key === last) return;
      last = key;
      const btns = [...box.querySelectorAll('button.problem')];
      render(view, box, list, btns.indexOf(document.activeElement));
    };
    const onClick = (e) => {
      const b = e.target.closest('button.problem');
      if (b) jump(view, +b.dataset.line, +b.dataset.col);
    };
    const onKey = (e) => keys(box, e);
    box.addEventListener('click', onClick);
    box.addEventListener('keydown', onKey);
    refresh();
    return {
      update(u) { if (u.docChanged || u.transactions.some((t) => t.effects.length)) refresh(); },
      destroy() { box.removeEventListener('click', onClick); box.removeEventListener('keydown', onKey); },
    };
  });
}
