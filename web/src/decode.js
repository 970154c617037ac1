// decode.js: a debug or submit event's value as named, typed fields: numbers that toggle
// between decimal and hex, strings with their escapes shown, IPv4/IPv6 addresses and ports
// shown as such, timestamps relative to the run's first one.
import { h } from './dom.js';

// split "{.a = 1, .b = "x, y", .c = {1, 2}}" into [["a","1"], ["b","\"x, y\""], ...]
export function structFields(text) {
  const s = text.trim().replace(/^\{/, '').replace(/\}$/, '');
  const parts = [];
  let depth = 0, q = false, cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) { cur += c; if (c === '\\') cur += s[++i] || ''; else if (c === '"') q = false; continue; }
    if (c === '"') q = true;
    if (c === '{') depth++;
    if (c === '}') depth--;
    if (c === ',' && depth === 0) { parts.push(cur); cur = ''; continue; }
    cur += c;
  }
  if (cur.trim()) parts.push(cur);
  return parts.map((p) => {
    const m = /^\s*\.([A-Za-z0-9_]+)\s*=\s*([\s\S]*)$/.exec(p);
    return m ? [m[1], m[2].trim()] : ['', p.trim()];
  });
}

export function showEscapes(str) {
  return str.replace(/[\x00-\x1f\x7f\\]/g, (c) => ({ '\n': '\\n', '\t': '\\t', '\r': '\\r',
    '\\': '\\\\', '\0': '\\0' }[c] || '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0')));
}

function numCell(big) {
  const el = h('button', { class: 'num', type: 'button', title: 'decimal / hex' }, big.toString());
  el.addEventListener('click', () => {
    const hex = el.dataset.hex !== '1';
    el.dataset.hex = hex ? '1' : '0';
    el.textContent = hex ? '0x' + (big < 0n ? (-big).toString(16) : big.toString(16)) : big.toString();
  });
  return el;
}

const ipv4 = (n) => [0, 8, 16, 24].map((b) => Number((n >> BigInt(b)) & 255n)).join('.');

function ipv6(bytes) {
  const w = [];
  for (let i = 0; i < 16; i += 2) w.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return w.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

// one value, named @name, of BTF type @type ("" inside a struct); @ctx.t0 is the first timestamp
export function valueCell(name, value, type, ctx) {
  const n = (name || '').toLowerCase();
  const v = value.trim();
  if (/^-?\d+$/.test(v)) {
    let big = BigInt(v);
    if (/addr|ip$|^ip|saddr|daddr/.test(n) && big >= 0n && big < 2n ** 32n)
      return h('span', { class: 'ip' }, ipv4(big));
    if (/port/.test(n) && /be16/.test(type || '')) big = ((big & 255n) << 8n) | (big >> 8n);
    if (/port/.test(n)) return h('span', { class: 'port' }, ':', numCell(big));
    if (/(^|_)(ts|time|timestamp|ns)$|_ns$/.test(n) && big > 1000000n) {
      if (ctx.t0 === undefined) ctx.t0 = big;
      const rel = Number(big - ctx.t0) / 1e6;
      return h('span', { class: 'ts', title: v }, `+${rel.toFixed(3)} ms`);
    }
    return numCell(big);
  }
  if (/^\{[\d\s,]+\}$/.test(v)) {
    const bytes = v.slice(1, -1).split(',').map((x) => Number(x.trim()));
    if (bytes.length === 16 && /addr|ip/.test(n)) return h('span', { class: 'ip' }, ipv6(bytes));
  }
  if (v.startsWith('{')) return structTable(v, ctx);
  if (v.startsWith('"')) {
    let s;
    try { s = JSON.parse(v); } catch (e) { s = v.slice(1, -1); }
    return h('span', { class: 'str' }, '"', showEscapes(s), '"');
  }
  return h('span', { class: 'str' }, v);
}

function structTable(v, ctx) {
  return h('dl', { class: 'fields' }, structFields(v).map(([k, x]) => [
    h('dt', null, k ? '.' + k : ''), h('dd', null, valueCell(k, x, '', ctx))]));
}

// the cell for a debug/submit event {label, value, type, kind}
export function eventValue(ev, ctx) {
  if (ev.kind === 'str') return h('span', { class: 'str' }, '"', showEscapes(ev.value), '"');
  if (ev.kind === 'struct') return structTable(ev.value, ctx);
  return valueCell(ev.label || '', ev.value, ev.type, ctx);
}
