// strip-comments.js: copy a C header without its comments and empty lines, to keep the checker's
// download small (the checker reports positions in the learner's file only).  String and
// character literals are copied as they are.  Usage: node strip-comments.js IN OUT
'use strict';
const fs = require('fs');
const [input, output] = process.argv.slice(2);
const s = fs.readFileSync(input, 'latin1');
let out = '';
for (let i = 0; i < s.length;) {
	const c = s[i];
	if (c === '"' || c === "'") {
		let j = i + 1;
		while (j < s.length && s[j] !== c && s[j] !== '\n')
			j += s[j] === '\\' ? 2 : 1;
		out += s.slice(i, j + 1);
		i = j + 1;
	} else if (c === '/' && s[i + 1] === '*') {
		const end = s.indexOf('*/', i + 2);
		// one space, as the C standard's phase 3 does (a comment inside a continued macro line
		// keeps its backslashes only there)
		out += ' ';
		i = end < 0 ? s.length : end + 2;
	} else if (c === '/' && s[i + 1] === '/') {
		while (i < s.length && s[i] !== '\n')
			i++;
	} else {
		out += c;
		i++;
	}
}
// trailing blanks left by the comments, and runs of empty lines, carry nothing
fs.writeFileSync(output, out.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n'), 'latin1');
