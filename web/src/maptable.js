// maptable.js: one `map` event of the playground (docs/api.md) as a table: key and value
// decoded like the other events (numbers that toggle hex, strings, structs as fields), per-CPU
// maps with a column per CPU and their sum, and a note for the entries left out.
import { h } from './dom.js';
import { valueCell } from './decode.js';

// the cell of a key or value as the BTF formatter wrote it ("?" types are hex bytes)
function cell(text, type, ctx) {
  if (type === '?') return h('code', { class: 'hex' }, text);
  return valueCell('', text, type, ctx);
}

export function mapTable(ev, ctx) {
  const items = ev.items || [];
  const percpu = items.some((it) => Array.isArray(it.cpus));
  const ncpu = percpu ? Math.max(...items.map((it) => (it.cpus || []).length)) : 0;
  const id = 'map-' + String(ev.map).replace(/[^A-Za-z0-9_-]/g, '_');
  const cap = h('p', { class: 'mapcap', id }, h('code', { class: 'name' }, ev.map), ' ',
    h('span', { class: 'dim' }, `${ev.type} · ${ev.key_type} → ${ev.value_type} · ${ev.entries} entr${ev.entries === 1 ? 'y' : 'ies'}`));
  const head = h('tr', null, h('th', { scope: 'col' }, 'key'),
    ...(percpu ? Array.from({ length: ncpu }, (_, c) => h('th', { scope: 'col' }, `CPU ${c}`)) : []),
    h('th', { scope: 'col' }, percpu ? 'sum' : 'value'));
  const rows = items.map((it) => h('tr', null, h('th', { scope: 'row' }, cell(it.key, ev.key_type, ctx)),
    ...(percpu ? Array.from({ length: ncpu }, (_, c) => h('td', null, it.cpus && it.cpus[c] !== undefined ? cell(it.cpus[c], ev.value_type, ctx) : '')) : []),
    h('td', null, percpu && it.sum === undefined ? h('span', { class: 'dim' }, '—') : cell(it.value, ev.value_type, ctx))));
  if (!items.length)
    rows.push(h('tr', null, h('td', { colspan: String(2 + ncpu), class: 'dim' }, 'empty')));
  const table = h('table', { class: 'maptable', 'data-map': ev.map, 'aria-labelledby': id }, h('thead', null, head), h('tbody', null, rows));
  const wrap = h('div', { class: 'mapwrap' }, cap, table);
  if (ev.left_out) wrap.append(h('p', { class: 'dim note' }, `… ${ev.left_out} more entr${ev.left_out === 1 ? 'y' : 'ies'} not shown (the first ${items.length} by key)`));
  return wrap;
}
