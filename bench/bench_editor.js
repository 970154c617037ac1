// bench_editor.js: the time from opening an exercise page to an editor ready for typing, in
// headless Debian chromium (puppeteer-core): navigation start to the moment main.js has built
// the editor (window.bpfdojo.ready, on the page's own clock), median of N loads, each cold (a
// fresh browser context: no HTTP cache) and warm (the same tab again).  The floor is measured
// in the same run the same way: an empty static page's navigation start to its
// DOMContentLoaded.  Also when the TCC worker is ready (polled every 5 ms; the checker is not
// needed to type: until then the server checks).  build/web is served by a small node
// server on loopback (no API: the editor does not need one to start).
// Usage: node bench_editor.js WEB_DIR [EXERCISE] [N]   (puppeteer-core from web/)
'use strict';
const fs = require('fs');
const path = require('path');
const http = require('http');
const zlib = require('zlib');
const puppeteer = require(path.resolve('web/node_modules/puppeteer-core'));

const [webArg, exArg, nArg] = process.argv.slice(2);
const webDir = path.resolve(webArg);
const EX = exArg || 'process-name';
const N = +(nArg || 21);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html; charset=utf-8',
	'.css': 'text/css', '.json': 'application/json' };
const EMPTY = '<!doctype html><meta charset="utf-8"><title>floor</title><p>empty</p>';

function serve() {
	const srv = http.createServer((req, res) => {
		let url = decodeURIComponent(req.url.split('?')[0]);
		if (url === '/empty.html') {
			res.writeHead(200, { 'content-type': types['.html'] });
			return res.end(EMPTY);
		}
		if (url.endsWith('/')) url += 'index.html';
		const file = path.join(webDir, path.normalize(url));
		if (!file.startsWith(webDir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
			res.writeHead(404);
			return res.end();
		}
		res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream',
			'cache-control': 'max-age=3600' });
		res.end(fs.readFileSync(file));
	});
	return new Promise((r) => srv.listen(0, '127.0.0.1', () => r(srv)));
}

const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const fmt = (a) => `median ${median(a).toFixed(1)} ms (min ${Math.min(...a).toFixed(1)}, max ${Math.max(...a).toFixed(1)})`;

// one load of @url in @tab: {ms, checkerMs} (page clock, from navigation start)
async function load(tab, url, editor) {
	await tab.goto(url, { waitUntil: 'domcontentloaded' });
	if (!editor) {
		return { ms: await tab.evaluate(() => new Promise((r) => {
			const f = () => { const n = performance.getEntriesByType('navigation')[0]; n && n.domContentLoadedEventEnd ? r(n.domContentLoadedEventEnd) : setTimeout(f, 5); };
			f();
		})) };
	}
	await tab.waitForFunction(() => document.body.dataset.ready === '1', { polling: 5, timeout: 10000 });
	const ms = await tab.evaluate(() => window.bpfdojo.ready);
	await tab.waitForFunction(() => window.bpfdojo.checker() === 'worker', { polling: 5, timeout: 10000 });
	const checkerMs = await tab.evaluate(() => performance.now());
	await tab.evaluate(() => localStorage.clear());
	return { ms, checkerMs };
}

(async () => {
	const srv = await serve();
	const base = `http://127.0.0.1:${srv.address().port}`;
	const exUrl = `${base}/ex/${EX}/`;
	const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true,
		args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'] });
	const res = { coldFloor: [], cold: [], coldChecker: [], warmFloor: [], warm: [], warmChecker: [] };
	try {
		for (let i = 0; i < N; i++) {
			// cold: a fresh context has an empty cache; the floor first, in its own context
			for (const editor of [false, true]) {
				const ctx = await browser.createBrowserContext();
				const tab = await ctx.newPage();
				await tab.setViewport({ width: 1280, height: 800 });
				const r = await load(tab, editor ? exUrl : `${base}/empty.html`, editor);
				if (editor) { res.cold.push(r.ms); res.coldChecker.push(r.checkerMs); } else res.coldFloor.push(r.ms);
				await ctx.close();
			}
		}
		const tab = await browser.newPage();
		await tab.setViewport({ width: 1280, height: 800 });
		await load(tab, exUrl, true);
		for (let i = 0; i < N; i++) {
			res.warmFloor.push((await load(tab, `${base}/empty.html`, false)).ms);
			const r = await load(tab, exUrl, true);
			res.warm.push(r.ms);
			res.warmChecker.push(r.checkerMs);
		}
	} finally {
		await browser.close();
		srv.close();
	}
	const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(webDir, f)), { level: 9 }).length / 1024;
	console.log(`exercise page /ex/${EX}/ to an editor ready for typing, headless chromium, ${N} loads each:`);
	console.log(`  cold (empty cache):  editor ready ${fmt(res.cold)}; floor (empty page DOMContentLoaded) ${fmt(res.coldFloor)}`);
	console.log(`                       TCC worker ready ${fmt(res.coldChecker)}`);
	console.log(`  warm (cached):       editor ready ${fmt(res.warm)}; floor ${fmt(res.warmFloor)}`);
	console.log(`                       TCC worker ready ${fmt(res.warmChecker)}`);
	console.log(`  above the floor: cold ${(median(res.cold) - median(res.coldFloor)).toFixed(1)} ms, warm ${(median(res.warm) - median(res.warmFloor)).toFixed(1)} ms`);
	console.log(`  app.js ${gz('app.js').toFixed(1)} KB gzipped (-9), style.css ${gz('style.css').toFixed(1)} KB`);
})().catch((e) => {
	console.error('bench_editor: ' + (e && e.stack || e));
	process.exit(1);
});
