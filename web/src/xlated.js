// xlated.js: the Playground's "Show instructions" view of an `xlated` event (docs/api.md):
// per program, each source line followed by the instructions the kernel runs for it, the
// JITed x86-64 code of the line folded under a <details>.  Bounded: the server caps a program
// at 4096 instructions; the page shows at most MAX_LINES lines of it and says what it left out.
import { h } from './dom.js';

const MAX_LINES = 400;

function lineBlock(l) {
  const where = l.line ? (l.file && !/\.bpf\.c$/.test(l.file) ? `${l.file}:${l.line}` : String(l.line)) : '?';
  const jit = l.jit && l.jit.length
    ? h('details', { class: 'jit' }, h('summary', null, `x86-64, ${l.jit_bytes} bytes`),
      h('pre', null, l.jit.join('\n') + (l.jit_more ? `\n… ${l.jit_more} more` : '')))
    : null;
  return h('div', { class: 'xl-line' },
    h('div', { class: 'xl-src' }, h('span', { class: 'ln' }, where),
      h('code', null, l.line ? (l.text || '') : '(no source line)')),
    h('pre', { class: 'xl-insns' }, (l.insns || []).join('\n')), jit);
}

// One program's listing, an element for the results panel.
export function xlatedBlock(e) {
  const lines = Array.isArray(e.lines) ? e.lines : [];
  const more = lines.length - MAX_LINES;
  return h('div', { class: 'xlated', 'data-program': e.program },
    h('p', { class: 'xl-cap' }, h('code', { class: 'name' }, e.program),
      h('span', { class: 'dim' }, ` ${e.insns} instruction${e.insns === 1 ? '' : 's'}` +
        (e.jited_bytes ? `, JITed to ${e.jited_bytes} bytes` : '') +
        (e.truncated ? ' (only the first are listed)' : ''))),
    lines.slice(0, MAX_LINES).map(lineBlock),
    more > 0 ? h('p', { class: 'note' }, `${more} more source lines left out; bpfdojo play --xlated prints them all.`) : null);
}
