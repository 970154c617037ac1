// checker.js: the JavaScript half of the TCC checker, appended to emscripten's glue
// (createTcc).  dojoCheckerCreate() instantiates the wasm, parses the headers once
// (checker_preload), snapshots the linear memory and runs one warm-up check; each check restores
// that snapshot, so the headers are never parsed again and a check starts from the same state.
// Diagnostics: {line, col, severity: "error"|"warning", message}, line and col 1-based, col in
// bytes of the line as clang counts it.
const dojoCheckerEncoder = new TextEncoder();

function dojoCheckerParse(text) {
	const out = [];
	for (const l of text.split('\n')) {
		const m = /^([EW]) (\d+) (\d+) (.*)$/.exec(l);
		if (m)
			out.push({ line: +m[2], col: +m[3], severity: m[1] === 'E' ? 'error' : 'warning', message: m[4] });
	}
	return out;
}

async function dojoCheckerCreate(wasmBinary) {
	const quiet = () => {};
	const M = await createTcc({ wasmBinary, print: quiet, printErr: quiet });
	if (M._checker_preload() !== 0)
		throw new Error('checker: the headers do not parse: ' + M.UTF8ToString(M._checker_diagnostics()));
	const low = M._checker_stack_low(), high = M._checker_stack_high(), top = M._checker_heap_top();
	const snapLow = M.HEAPU8.slice(0, low);
	const snapHigh = M.HEAPU8.slice(high, top);
	const sp = M.stackSave();
	const checker = {
		snapshotBytes: snapLow.length + snapHigh.length,
		// throws when TCC does (a program nested too deep for the JS stack); the next check
		// starts from the snapshot and the saved stack pointer all the same
		check(source) {
			M.stackRestore(sp);
			M.HEAPU8.set(snapLow, 0);
			M.HEAPU8.set(snapHigh, high);
			const bytes = dojoCheckerEncoder.encode(source);
			const p = M._malloc(bytes.length + 1);
			M.HEAPU8.set(bytes, p);
			M.HEAPU8[p + bytes.length] = 0;
			M._checker_check(p, bytes.length);
			return dojoCheckerParse(M.UTF8ToString(M._checker_diagnostics()));
		},
	};
	// one check before the first real one, so the learner's first check does not pay for the
	// engine's first run of the parser's code
	checker.check(dojoCheckerWarmup);
	return checker;
}

const dojoCheckerWarmup = `#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"
SEC("tp/sched/sched_process_exec")
int warm(struct trace_event_raw_sched_process_exec *ctx)
{
	struct task_struct *t = (void *)bpf_get_current_task();
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < 4; i++)
		if (comm[i] == 'x')
			return BPF_CORE_READ(t, real_parent, tgid);
	SUBMIT_NUM(BPF_CORE_READ(t, pid) + ctx->pid);
	SUBMIT_STR(comm);
	return 0;
}
`;
