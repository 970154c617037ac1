// tabs.js: on a narrow screen a page's panes (lesson or program, editor, results) are tabs;
// arrow keys move between them.  Returns select(pane).
export function tabs(main, bar) {
  const btns = [...bar.querySelectorAll('button')];
  const select = (pane) => {
    main.dataset.pane = pane;
    btns.forEach((b) => { b.setAttribute('aria-selected', String(b.dataset.pane === pane)); b.tabIndex = b.dataset.pane === pane ? 0 : -1; });
  };
  btns.forEach((b, i) => {
    b.addEventListener('click', () => select(b.dataset.pane));
    b.addEventListener('keydown', (e) => {
      const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (d) { const nb = btns[(i + d + btns.length) % btns.length]; nb.focus(); select(nb.dataset.pane); }
    });
  });
  bar.hidden = false;
  select('work');
  return select;
}
