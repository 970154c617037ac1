// cdata.js: the completion and hover data made at build time into /complete/ (tools/webbtf.c
// from the kernel's BTF, tools/webhelpers.mjs from libbpf's bpf_helper_defs.h), each file
// fetched once, on first use.  A type's members live in one of index.shards files, chosen by
// FNV-1a of its key as webbtf computes it, so completing `task->` fetches ~30 KB, not 1 MB.
const cache = new Map();

function load(file) {
  if (!cache.has(file)) {
    cache.set(file, fetch('/complete/' + file).then((r) => (r.ok ? r.json() : null)).catch(() => null));
  }
  return cache.get(file);
}

export const index = () => load('index.json');

let helperMap = null;
// the helpers as a Map name -> {name, sig, doc, returns}
export async function helpers() {
  if (!helperMap) {
    helperMap = load('helpers.json').then((list) => new Map((list || []).map((x) => [x.name, x])));
  }
  return helperMap;
}

let kfuncMap = null;
export async function kfuncs() {
  if (!kfuncMap) kfuncMap = index().then((i) => new Map(((i && i.kfuncs) || []).map(([n, s]) => [n, s])));
  return kfuncMap;
}

function fnv1a(s) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

// the members of `struct name` (or `union name` when union) as [[member, type], ...], or null
export async function members(name, union) {
  const i = await index();
  if (!i || !i.shards) return null;
  const key = (union ? 'union ' : '') + name;
  const shard = await load(`types-${fnv1a(key) % i.shards}.json`);
  return (shard && shard[key]) || null;
}

// start the fetches a page will need, without waiting for them
export function prefetch() { index(); helpers(); }
