// test_checker.js: the browser's TCC checker (web/checker), run in node on the same wasm.
// Every exercise's solution and starter check clean (no error, no warning); a syntax error and a
// type error injected into each solution are found at the line and column clang-19 reports with
// the server's flags and include directory; a few hand-written rows pin what the patches add.
// Usage: node test_checker.js CHECKER_NODE_JS TCC_WASM INCLUDE_DIR EXERCISES_DIR
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const [nodeJs, wasm, incDir, exDir] = process.argv.slice(2);
const CLANG = process.env.CLANG || 'clang-19';
let pass = 0, fail = 0;
const ok = () => pass++;
const bad = (what) => { fail++; console.error('FAIL test_checker: ' + what); };

// clang's first error as {line, col, message}, with the flags of src/compile (stdin in)
function clangFirstError(source) {
	let out = '';
	try {
		execFileSync(CLANG, ['-target', 'bpf', '-O2', '-g', '-D__TARGET_ARCH_x86', '-nostdinc', '-I', incDir,
			'-fno-color-diagnostics', '-fno-caret-diagnostics', '-fsyntax-only', '-x', 'c', '-'],
		{ input: source, stdio: ['pipe', 'pipe', 'pipe'] });
	} catch (e) {
		out = String(e.stderr);
	}
	const m = /^<stdin>:(\d+):(\d+): error: (.*)$/m.exec(out);
	return m ? { line: +m[1], col: +m[2], message: m[3] } : null;
}

const where = (d) => d ? `${d.line}:${d.col} ${d.message}` : 'nothing';

// every exercise folder: NN-chapter/NN-slug holding a solution.bpf.c
function exercises() {
	const out = [];
	for (const ch of fs.readdirSync(exDir).sort())
		for (const ex of /^\d/.test(ch) ? fs.readdirSync(path.join(exDir, ch)).sort() : [])
			if (fs.existsSync(path.join(exDir, ch, ex, 'solution.bpf.c')))
				out.push(path.join(exDir, ch, ex));
	return out;
}

// a missing ';' at the end of the last return statement
function injectSyntax(src) {
	const lines = src.split('\n');
	for (let i = lines.length - 1; i >= 0; i--)
		if (/^\s*return\b.*;\s*$/.test(lines[i])) {
			lines[i] = lines[i].replace(/;\s*$/, '');
			return lines.join('\n');
		}
	return null;
}

// a member the struct does not have, before the first return statement
function injectType(src) {
	const lines = src.split('\n');
	const i = lines.findIndex((l) => /^\s*return\b/.test(l));
	if (i < 0)
		return null;
	lines.splice(i, 0, '\t{ struct { int count; } dojo_s = { 0 }; dojo_s.cuont = 1; }');
	return lines.join('\n');
}

// the checker's first error must be clang's first error, at the same line and column
function sameAsClang(checker, name, source) {
	const want = clangFirstError(source);
	const got = checker.check(source).find((d) => d.severity === 'error');
	if (!want)
		return bad(`${name}: clang finds no error (the injection is wrong)`);
	if (got && got.line === want.line && got.col === want.col)
		return ok();
	bad(`${name}: clang ${where(want)}, checker ${where(got)}`);
}

// hand-written rows: what the prelude and the patches make TCC accept or report
const rows = [
	{ why: 'BPF_CORE_READ with one field', src: 'int f(struct task_struct *t) { return BPF_CORE_READ(t, pid); }' },
	{ why: 'BPF_CORE_READ with two fields', src: 'int f(struct task_struct *t) { return BPF_CORE_READ(t, real_parent, pid); }' },
	{ why: 'CO-RE builtins', src: 'int f(struct task_struct *t) { return bpf_core_field_exists(t->pid) + bpf_core_type_exists(struct task_struct) + bpf_core_field_size(t->pid); }' },
	{ why: '_Pragma, BTF decl and type tags', src: '_Pragma("GCC diagnostic push") int __attribute__((btf_decl_tag("x"))) dojo_v; int f(int __attribute__((btf_type_tag("user"))) *p) { return p ? 1 : 0; } _Pragma("GCC diagnostic pop")' },
	{ why: 'btf_type_id and enum values', src: 'int f(struct task_struct *t) { return __builtin_btf_type_id(*t, 0) + bpf_core_enum_value_exists(enum bpf_map_type, BPF_MAP_TYPE_HASH); }' },
	{ why: 'a kernel type beyond the exercises', src: 'int f(struct sock *sk) { return sk->__sk_common.skc_family; }' },
	{ why: 'BPF asm and barriers', src: 'int f(int x) { barrier_var(x); barrier(); return x; }' },
	{ why: 'a tab counts as one column', src: 'int f(void)\n{\n\t\treturn 0\n}', clang: true },
	{ why: 'undeclared struct member after a macro', src: 'int f(struct task_struct *t) { int n = bpf_get_smp_processor_id(); return t->no_such + n; }', clang: true },
	{ why: 'unknown type name', src: 'int f(void) { dojo_nope_t x; return 0; }', clang: true },
	{ why: 'undeclared function', src: 'int f(void) { return dojo_nope(1); }', clang: true },
	{ why: 'too many arguments to a helper', src: 'int f(void) { return bpf_get_smp_processor_id(1); }', clang: true },
	// TCC's "identifier expected" came one token late (next() had passed the bad token)
	{ why: 'no expression after =', src: 'int dojo_broken = ;', clang: true },
	{ why: 'no operand after +', src: 'int f(void) { int x = 1 + ; return x; }', clang: true },
	{ why: 'a closing parenthesis for an operand', src: 'int f(void) { int x = (1 + ); return x; }', clang: true },
	{ why: 'a brace for an initializer', src: 'int dojo_b = }', clang: true },
];
const prologue = '#include "vmlinux.h"\n#include <bpf/bpf_helpers.h>\n#include <bpf/bpf_core_read.h>\n#include "dojo.h"\n';

require(path.resolve(nodeJs)).create(wasm).then((checker) => {
	for (const dir of exercises()) {
		const name = path.relative(exDir, dir);
		for (const f of ['solution.bpf.c', 'starter.bpf.c']) {
			const d = checker.check(fs.readFileSync(path.join(dir, f), 'utf8'));
			d.length === 0 ? ok() : bad(`${name}/${f} is not clean: ${d.map(where).join('; ')}`);
		}
		const sol = fs.readFileSync(path.join(dir, 'solution.bpf.c'), 'utf8');
		const syn = injectSyntax(sol), typ = injectType(sol);
		syn ? sameAsClang(checker, `${name} missing ';'`, syn) : bad(`${name}: no return statement to break`);
		typ ? sameAsClang(checker, `${name} wrong member`, typ) : bad(`${name}: no return statement to put an error before`);
	}
	for (const r of rows) {
		const src = prologue + r.src + '\n';
		if (r.clang)
			sameAsClang(checker, r.why, src);
		else {
			// clean for both: clang accepts it, and the checker says nothing
			const c = clangFirstError(src);
			const d = checker.check(src);
			c ? bad(`${r.why}: clang refuses it: ${where(c)}`) : ok();
			d.length === 0 ? ok() : bad(`${r.why}: ${d.map(where).join('; ')}`);
		}
	}
	// a program too deep for TCC throws, and the next check is as good as ever
	let threw = false;
	try {
		checker.check(prologue + 'int f(void) { return ' + '('.repeat(100000) + '1' + ')'.repeat(100000) + '; }\n');
	} catch (e) {
		threw = true;
	}
	const after = checker.check(prologue + 'int f(void)\n{\n\treturn 0\n}\n');
	const want = { line: 7, col: 10 };
	after.length === 1 && after[0].line === want.line && after[0].col === want.col ? ok()
		: bad(`after a ${threw ? 'throwing' : 'deep'} check: ${after.map(where).join('; ')}`);
	// the snapshot is restored before each check: the same program twice gives the same answer,
	// and a definition from one check is gone in the next
	const a = checker.check(prologue + 'int dojo_once = 1;\n');
	const b = checker.check(prologue + 'int dojo_once = 1;\n');
	a.length === 0 && b.length === 0 ? ok() : bad('a check sees the previous check: ' + b.map(where).join('; '));
}).catch((e) => bad('the checker does not start: ' + (e && e.message || e))).finally(() => {
	console.log(`checker: ${pass} passed, ${fail} failed`);
	process.exitCode = fail ? 1 : 0;
});
