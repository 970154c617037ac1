// complete.js: completion for a BPF program, as CodeMirror language data (basicSetup's
// autocompletion picks it up): helper names with their signatures and documentation, kfuncs,
// the maps the document defines (SEC(".maps")), libbpf's SEC() names and raw tracepoints inside
// SEC("..."), and the members of kernel structs after `->` or `.` (or as BPF_CORE_READ's next
// field) when the expression's type can be read off the document (a declaration `struct T *x`
// or `struct T x`, then member by member).
// The data is the build's (cdata.js); nothing here lists kernel or libbpf names by hand.
import { EditorState } from '@codemirror/state';
import { syntaxTree } from '@codemirror/language';
import * as cdata from './cdata.js';
import { helperDoc, kfuncDoc } from './hover.js';

const MAX_CHAIN = 6;     // a->b->c...: members followed
const SCAN_BYTES = 200000; // document bytes searched for a declaration

// the maps the document defines: `struct { ... } name SEC(".maps");`
export function mapNames(text) {
  const out = new Set();
  for (const m of text.matchAll(/\}\s*([A-Za-z_]\w*)\s+SEC\(\s*"\.maps"\s*\)/g)) out.add(m[1]);
  return [...out];
}

// the struct (or union) a variable is declared with, from the nearest declaration before @pos
export function declaredType(text, name, pos) {
  const re = new RegExp(`\\b(struct|union)\\s+([A-Za-z_]\\w*)\\s*(\\*?)\\s*(?:const\\s+)?\\b${name}\\b\\s*[;,)=\\[]`, 'g');
  const from = Math.max(0, pos - SCAN_BYTES);
  let found = null;
  for (const m of text.slice(from).matchAll(re)) {
    if (from + m.index >= pos && found) break;
    found = { union: m[1] === 'union', name: m[2], ptr: !!m[3] };
  }
  return found;
}

// a member's type text ("struct mm_struct *") as the struct it names, when it is one
function typeOfText(t) {
  const m = /^(?:const\s+|volatile\s+)*(struct|union)\s+([A-Za-z_]\w*)\s*(\**)\s*$/.exec(t);
  return m && m[3].length <= 1 ? { union: m[1] === 'union', name: m[2], ptr: m[3] === '*' } : null;
}

// the struct reached from variable parts[0] through members parts[1..], or null
async function resolve(text, parts, declPos) {
  if (parts.length > MAX_CHAIN) return null;
  let t = declaredType(text, parts[0], declPos);
  for (let i = 1; t && i < parts.length; i++) {
    const list = await cdata.members(t.name, t.union);
    const mem = list && list.find((x) => x[0] === parts[i]);
    t = mem ? typeOfText(mem[1]) : null;
  }
  return t;
}

// the members offered at @pos after `base->`/`base.`, or as the next field of
// BPF_CORE_READ(base, field, ...): {from, list, type}, or null when the type is not known
export async function membersAt(text, pos) {
  const before = text.slice(Math.max(0, pos - 400), pos);
  let parts, word, start;
  const m = /([A-Za-z_]\w*(?:\s*(?:->|\.)\s*[A-Za-z_]\w*)*)\s*(->|\.)\s*(\w*)$/.exec(before);
  const core = m ? null : /\bBPF_CORE_READ\(\s*([A-Za-z_]\w*(?:\s*(?:->|\.)\s*[A-Za-z_]\w*)*)\s*,((?:\s*\w+\s*,)*)\s*(\w*)$/.exec(before);
  if (m) {
    parts = m[1].split(/\s*(?:->|\.)\s*/);
    [word, start] = [m[3], pos - m[0].length];
  } else if (core) {
    parts = core[1].split(/\s*(?:->|\.)\s*/).concat(core[2].split(',').map((x) => x.trim()).filter(Boolean));
    [word, start] = [core[3], pos - core[0].length];
  } else return null;
  const t = await resolve(text, parts, start);
  if (!t) return null;
  const list = await cdata.members(t.name, t.union);
  return list ? { from: pos - word.length, list, type: t } : null;
}

function inside(state, pos, names) {
  for (let n = syntaxTree(state).resolveInner(pos, -1); n; n = n.parent) if (names.includes(n.name)) return true;
  return false;
}

async function sections(ctx) {
  const m = ctx.matchBefore(/SEC\(\s*"[\w/.+-]*/);
  if (!m) return null;
  const q = m.from + m.text.indexOf('"') + 1;
  const typed = ctx.state.sliceDoc(q, ctx.pos);
  const i = await cdata.index();
  if (!i) return null;
  const options = i.sections.map(([p, what]) => ({ label: p, detail: what, type: 'keyword',
    boost: p.endsWith('/') ? 0 : -1 }));
  // raw tracepoints by name, once their prefix is typed (830 of them)
  for (const pre of ['tp_btf/', 'raw_tp/', 'raw_tracepoint/']) {
    if (typed.startsWith(pre)) for (const n of i.raw_tps) options.push({ label: pre + n, type: 'constant', detail: 'raw tracepoint' });
  }
  return { from: q, options, validFor: /^[\w/.+-]*$/ };
}

async function members(ctx) {
  if (!ctx.matchBefore(/(->|\.|,)\s*\w*/)) return null;
  if (inside(ctx.state, ctx.pos, ['String', 'LineComment', 'BlockComment', 'Number'])) return null;
  const r = await membersAt(ctx.state.doc.toString(), ctx.pos);
  if (!r) return null;
  return {
    from: r.from,
    options: r.list.map(([name, type]) => ({ label: name, detail: type, type: 'property' })),
    validFor: /^\w*$/,
  };
}

async function names(ctx) {
  const w = ctx.matchBefore(/[A-Za-z_]\w*/);
  if (!w && !ctx.explicit) return null;
  if (inside(ctx.state, ctx.pos, ['String', 'LineComment', 'BlockComment', 'Number'])) return null;
  const before = ctx.state.sliceDoc(Math.max(0, (w ? w.from : ctx.pos) - 2), w ? w.from : ctx.pos);
  if (/->$|\.$/.test(before)) return null;
  const [hs, ks] = await Promise.all([cdata.helpers(), cdata.kfuncs()]);
  const options = [];
  for (const x of hs.values()) {
    options.push({ label: x.name, detail: x.sig, type: 'function', info: () => helperDoc(x) });
  }
  for (const [name, proto] of ks) {
    if (!hs.has(name)) options.push({ label: name, detail: 'kfunc', type: 'function', boost: -1, info: () => kfuncDoc(name, proto) });
  }
  for (const n of mapNames(ctx.state.doc.toString())) options.push({ label: n, detail: 'map', type: 'variable', boost: 1 });
  return { from: w ? w.from : ctx.pos, options, validFor: /^\w*$/ };
}

// the first source that knows the place answers: SEC() strings, members, then names
async function source(ctx) {
  return (await sections(ctx)) || (await members(ctx)) || (await names(ctx));
}

export const bpfCompletion = EditorState.languageData.of(() => [{ autocomplete: source }]);
