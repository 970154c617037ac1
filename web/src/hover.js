// hover.js: documentation of BPF helpers (signature, description, return value, from libbpf's
// bpf_helper_defs.h at build time) and kfunc prototypes (from BTF) in a tooltip over their name;
// helperDoc() is also the completion's info panel.
import { hoverTooltip } from '@codemirror/view';
import { h } from './dom.js';
import * as cdata from './cdata.js';

export function helperDoc(x) {
  return h('div', { class: 'helper-doc' },
    h('code', { class: 'sig' }, x.sig),
    x.doc ? h('p', { class: 'desc' }, x.doc) : null,
    x.returns ? h('p', { class: 'ret' }, h('strong', null, 'Returns: '), x.returns) : null);
}

export function kfuncDoc(name, proto) {
  return h('div', { class: 'helper-doc' }, h('code', { class: 'sig' }, proto),
    h('p', { class: 'desc' }, `A kfunc of the guest kernel (not a helper): vmlinux.h does not declare ${name}, so declare it before use:`),
    h('code', { class: 'sig' }, `extern ${proto} __ksym;`));
}

export const helperHover = hoverTooltip(async (view, pos) => {
  const line = view.state.doc.lineAt(pos);
  const at = pos - line.from;
  let s = at, e = at;
  while (s > 0 && /\w/.test(line.text[s - 1])) s--;
  while (e < line.text.length && /\w/.test(line.text[e])) e++;
  if (s === e) return null;
  const word = line.text.slice(s, e);
  if (!word.startsWith('bpf_')) return null;
  const helper = (await cdata.helpers()).get(word);
  const kproto = helper ? null : (await cdata.kfuncs()).get(word);
  if (!helper && !kproto) return null;
  return {
    pos: line.from + s, end: line.from + e, above: true,
    create: () => ({ dom: helper ? helperDoc(helper) : kfuncDoc(word, kproto) }),
  };
}, { hoverTime: 300 });
