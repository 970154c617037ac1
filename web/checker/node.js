// node.js: the checker for node (tests): `node checker-node.js WASM FILE...` prints one JSON
// line per file: {file, ms, diagnostics}; or require() it and call create(wasmPath).
{
	const fs = require('fs');
	const create = (wasmPath) => dojoCheckerCreate(new Uint8Array(fs.readFileSync(wasmPath)));
	module.exports = { create };
	if (require.main === module) {
		const [wasm, ...files] = process.argv.slice(2);
		create(wasm).then((c) => {
			for (const file of files) {
				const t0 = performance.now();
				const diagnostics = c.check(fs.readFileSync(file, 'utf8'));
				console.log(JSON.stringify({ file, ms: performance.now() - t0, diagnostics }));
			}
		}, (err) => {
			console.error(String(err.message || err));
			process.exit(2);
		});
	}
}
