// worker.js: the checker as a Web Worker (classic or module), at checker/worker.js of the site.
// page -> worker: {id, source}; worker -> page: first {ready: true, ms} (or {ready: false,
// error}), then for each check {id, ms, diagnostics: [{line, col, severity, message}]} (and
// error, with no diagnostics, when TCC itself failed: a program nested too deep).
// Checks queued while the wasm loads are answered once it is ready.
{
	const base = new URL('.', self.location.href);
	const queue = [];
	let checker = null;
	const answer = (d) => {
		const t0 = performance.now();
		let diagnostics = [], error;
		try {
			diagnostics = checker.check(String(d.source));
		} catch (err) {
			error = 'checker: ' + String(err && err.message || err);	// no marker: clang judges
		}
		self.postMessage({ id: d.id, ms: performance.now() - t0, diagnostics, ...(error && { error }) });
	};
	self.onmessage = (e) => (checker ? answer(e.data) : queue.push(e.data));
	const t0 = performance.now();
	fetch(new URL('tcc.wasm', base))
		.then((r) => {
			if (!r.ok)
				throw new Error('checker: tcc.wasm: HTTP ' + r.status);
			return r.arrayBuffer();
		})
		.then((buf) => dojoCheckerCreate(new Uint8Array(buf)))
		.then((c) => {
			checker = c;
			self.postMessage({ ready: true, ms: performance.now() - t0 });
			while (queue.length)
				answer(queue.shift());
		})
		.catch((err) => self.postMessage({ ready: false, error: String(err && err.message || err) }));
}
