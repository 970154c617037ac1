// run.js: POST /api/run/<id> and its server-sent events, shown as they arrive in the results
// panel: a timeline (client time since the request), the compile, the programs attached, each
// debug event decoded, the verdict.  A compile error or a verifier diagnosis is handed back to
// the caller to land in the editor.
import { h } from './dom.js';
import { eventValue } from './decode.js';

// parse(stream, onEvent): calls onEvent(name, data) for each SSE message of a fetch body
export async function parse(body, onEvent) {
  const reader = body.getReader();
  const dec = new TextDecoder();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += dec.decode(value, { stream: true });
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      let name = 'message', data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data += line.slice(5).trim();
      }
      if (data) {
        try { onEvent(name, JSON.parse(data)); } catch (e) { /* a broken message is skipped */ }
      }
    }
  }
}

function describe(name, e, ctx) {
  switch (name) {
  case 'queued': return e.position ? `waiting in line (position ${e.position})` : 'a run slot is free';
  case 'compiling': return `compiling ${e.file}`;
  case 'compiled': return `compiled in ${e.ms} ms (${e.object_bytes} bytes)`;
  case 'compile_error': return h('span', { class: 'bad' }, `${e.message} (${e.ms} ms)`);
  case 'starting': return `starting the ${e.sandbox === 'host' ? 'host agent' : 'micro-VM'}`;
  case 'loaded': return `loaded ${e.programs} program(s), ${e.maps} map(s) in ${e.ms} ms`;
  case 'attached': return h('span', null, 'attached ', h('code', null, e.program), ' to ', h('code', null, e.section));
  case 'attach_failed': return h('span', { class: 'bad' }, `attach of ${e.program} failed: ${e.message}`);
  case 'verifier': return h('span', { class: 'bad' }, 'the verifier refused ',
    h('code', null, e.program || 'the object'), e.diagnosis ? `: ${e.diagnosis.title}` : '');
  case 'log': return h('span', { class: 'dim' }, e.text);
  case 'debug': return h('span', { class: 'debug' }, h('span', { class: 'label' }, e.label),
    h('span', { class: 'type' }, e.type), eventValue(e, ctx));
  case 'submit': return h('span', { class: 'submit' }, 'submitted ', h('span', { class: 'type' }, e.type), eventValue(e, ctx));
  case 'workload_done': return `workload finished in ${e.ms} ms (status ${e.status})`;
  case 'verdict': return h('span', { class: 'verdict v-' + e.verdict }, e.verdict, ' ', h('span', { class: 'msg' }, e.message));
  case 'error': return h('span', { class: 'bad' }, e.message);
  case 'done': return h('span', { class: 'dim' }, `done: compile ${e.compile_ms} ms, start ${e.start_ms} ms, load ${e.load_ms} ms, run ${e.run_ms} ms, total ${e.total_ms} ms`);
  default: return name;
  }
}

// run(exId, source, panel, hooks): hooks.onVerdict(e), hooks.onCompileError(diags),
// hooks.onDiagnosis(diagnosis); resolves with the verdict event (or null)
export async function run(exId, source, panel, hooks) {
  panel.replaceChildren();
  const head = h('p', { class: 'run-status', role: 'status' }, 'running…');
  const list = h('ol', { class: 'timeline' });
  panel.append(head, list);
  const t0 = performance.now();
  const ctx = {};
  let verdict = null, done = false;
  const onEvent = (name, e) => {
    const t = Math.round(performance.now() - t0);
    list.append(h('li', { class: 'ev ev-' + name, 'data-event': name },
      h('span', { class: 't' }, `${t} ms`), h('span', { class: 'what' }, describe(name, e, ctx))));
    if (name === 'compile_error') hooks.onCompileError(e.diagnostics || []);
    if ((name === 'compiled') && e.diagnostics && e.diagnostics.length) hooks.onCompileError(e.diagnostics);
    if ((name === 'verifier' || name === 'attach_failed') && e.diagnosis) {
      hooks.onDiagnosis(e.diagnosis);
      list.append(h('li', { class: 'diag' }, h('pre', null, [e.diagnosis.title,
        ...(e.diagnosis.help ? ['help: ' + e.diagnosis.help] : []), ...(e.diagnosis.notes || [])].join('\n'))));
    }
    if (name === 'verdict') { verdict = e; head.textContent = e.verdict; head.className = 'run-status v-' + e.verdict; hooks.onVerdict(e); }
    if (name === 'done') done = true;
  };
  try {
    const r = await fetch(`/api/run/${encodeURIComponent(exId)}`, { method: 'POST', body: source });
    if (!r.ok) {
      let msg = `the server said ${r.status}`;
      try { msg = (await r.json()).message || msg; } catch (e) { /* not JSON */ }
      head.textContent = msg;
      return null;
    }
    await parse(r.body, onEvent);
  } catch (e) {
    head.textContent = `the run failed: ${e.message}`;
    return null;
  }
  if (!done) list.append(h('li', { class: 'ev bad' }, 'the stream was cut before the end'));
  return verdict;
}
