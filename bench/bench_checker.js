// bench_checker.js: the browser checker (build/web/checker) in headless Debian chromium, driven
// by puppeteer-core: the worker's start (wasm + header parse, once), then for each exercise's
// reference solution the first (cold) check and the median of ROUNDS checks, as the worker
// measures them; and the gzip size of what a browser downloads for it (wasm, which embeds the
// header, and worker.js).  Budgets printed beside: 2 ms a check, 150 KB gzipped.
// Usage: node bench_checker.js WEB_DIR EXERCISES_DIR [ROUNDS]   (puppeteer-core from web/)
'use strict';
const fs = require('fs');
const path = require('path');
const http = require('http');
const zlib = require('zlib');
const puppeteer = require(path.resolve('web/node_modules/puppeteer-core'));

const [webArg, exDir, roundsArg] = process.argv.slice(2);
const webDir = path.resolve(webArg);
const ROUNDS = +(roundsArg || 51);
const BUDGET_MS = 2, BUDGET_KB = 150;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
const page = `<!doctype html><meta charset="utf-8"><title>bench-checker</title><script>
window.bench = async (sources, rounds, module) => {
	const t0 = performance.now();
	const w = new Worker('checker/worker.js', module ? { type: 'module' } : {});
	let waiting = null;
	w.onmessage = (e) => waiting(e.data);
	const next = () => new Promise((r) => (waiting = r));
	const ready = await next();
	if (!ready.ready) throw new Error(ready.error);
	const out = { startMs: performance.now() - t0, workerMs: ready.ms, rows: [] };
	let id = 0;
	for (const [name, source] of sources) {
		const ms = [];
		let diags = 0;
		for (let i = 0; i < rounds; i++) {
			w.postMessage({ id: ++id, source });
			const r = await next();
			ms.push(r.ms);
			diags = r.diagnostics.length;
		}
		out.rows.push({ name, cold: ms[0], ms, diags });
	}
	w.terminate();
	return out;
};
</script>`;

function serve() {
	const srv = http.createServer((req, res) => {
		const url = decodeURIComponent(req.url.split('?')[0]);
		if (url === '/' || url === '/bench.html') {
			res.writeHead(200, { 'content-type': 'text/html' });
			return res.end(page);
		}
		const file = path.join(webDir, path.normalize(url));
		if (!file.startsWith(path.resolve(webDir)) || !fs.existsSync(file)) {
			res.writeHead(404);
			return res.end();
		}
		res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
		res.end(fs.readFileSync(file));
	});
	return new Promise((r) => srv.listen(0, '127.0.0.1', () => r(srv)));
}

function median(a) {
	const s = [...a].sort((x, y) => x - y);
	return s[s.length >> 1];
}

function solutions() {
	const out = [];
	for (const ch of fs.readdirSync(exDir).sort())
		for (const ex of /^\d/.test(ch) ? fs.readdirSync(path.join(exDir, ch)).sort() : []) {
			const f = path.join(exDir, ch, ex, 'solution.bpf.c');
			if (fs.existsSync(f))
				out.push([ex, fs.readFileSync(f, 'utf8')]);
		}
	return out;
}

(async () => {

	const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(webDir, 'checker', f)), { level: 9 }).length;
	const wasmGz = gz('tcc.wasm'), jsGz = gz('worker.js');
	const srv = await serve();
	const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true,
		args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'] });
	try {
		const tab = await browser.newPage();
		await tab.goto(`http://127.0.0.1:${srv.address().port}/bench.html`);
		const sources = solutions();
		const r = await tab.evaluate((s, n) => window.bench(s, n, false), sources, ROUNDS);
		const m = await tab.evaluate((s) => window.bench(s, 3, true), sources.slice(0, 1));
		console.log(`checker start (fetch, instantiate, header parse, snapshot, warm-up check): ${r.startMs.toFixed(1)} ms ` +
			`(${r.workerMs.toFixed(1)} in the worker); as a module worker: ${m.startMs.toFixed(1)} ms`);
		console.log(`one check of each reference solution, ${ROUNDS} rounds (budget: median <= ${BUDGET_MS} ms):`);
		const meds = [];
		for (const row of r.rows) {
			const med = median(row.ms);
			meds.push(med);
			console.log(`  ${row.name.padEnd(20)} median ${med.toFixed(3)} ms  cold ${row.cold.toFixed(3)} ms` +
				`  max ${Math.max(...row.ms).toFixed(3)} ms${row.diags ? `  (${row.diags} diagnostics!)` : ''}`);
		}
		console.log(`  cold: the worker's first check after ready (${r.rows[0].name}) ${r.rows[0].cold.toFixed(3)} ms; ` +
			'the worker clock ticks in 0.1 ms steps (no cross-origin isolation)');
		console.log(`  all exercises: median of medians ${median(meds).toFixed(3)} ms, worst median ` +
			`${Math.max(...meds).toFixed(3)} ms (budget ${BUDGET_MS} ms)`);
		const total = wasmGz + jsGz;
		console.log(`size gzipped (-9): tcc.wasm with the embedded header ${(wasmGz / 1024).toFixed(1)} KB + ` +
			`worker.js ${(jsGz / 1024).toFixed(1)} KB = ${(total / 1024).toFixed(1)} KB (budget ${BUDGET_KB} KB)`);
	} finally {
		await browser.close();
		srv.close();
	}
})().catch((e) => {
	console.error('bench_checker: ' + (e && e.stack || e));
	process.exit(1);
});
