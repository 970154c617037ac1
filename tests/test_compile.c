/* test_compile.c: tests of the compile part's contract (compile.h): the diagnostics parser
 * (table rows and a deterministic fuzz loop), and compile_bpf() end to end: objects, diagnostics,
 * rejections, the jail, the timeout, and real-world programs in tests/compile/realworld/.
 * Usage: test_compile [FIXTURE_DIR]  (default tests/compile).  Needs `make include pch`. */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <bpf/libbpf.h>
#include "compile/compile.h"
#include "tests/compile_sources.h"

static int passed, failed;

#define EXPECT_AT(line, cond, ...) do {                                               \
	if (cond) {                                                                   \
		passed++;                                                             \
	} else {                                                                      \
		failed++;                                                             \
		fprintf(stderr, "%s:%d: FAIL: %s: ", __FILE__, (line), #cond);        \
		fprintf(stderr, __VA_ARGS__);                                         \
		fputc('\n', stderr);                                                  \
	}                                                                             \
} while (0)
#define EXPECT(cond, ...) EXPECT_AT(__LINE__, cond, __VA_ARGS__)

/* ---- the diagnostics parser ---- */

struct want_diag {
	const char *file;
	int line, col;
	enum compile_severity sev;
	const char *msg;
};

static const struct diag_row {
	int line;
	const char *why;
	const char *text;
	const char *filename;
	size_t n;
	struct want_diag want[3];
} diag_rows[] = {
	{ __LINE__, "plain error", "prog.bpf.c:3:5: error: use of undeclared identifier 'x'\n", "prog.bpf.c", 1,
	  { { "prog.bpf.c", 3, 5, COMPILE_ERROR, "use of undeclared identifier 'x'" } } },
	{ __LINE__, "warning keeps its flag", "prog.bpf.c:7:12: warning: unused variable 'y' [-Wunused-variable]", "prog.bpf.c", 1,
	  { { "prog.bpf.c", 7, 12, COMPILE_WARNING, "unused variable 'y' [-Wunused-variable]" } } },
	{ __LINE__, "error then note in a libbpf header",
	  "prog.bpf.c:9:2: error: too few arguments to function call, expected 2, have 1\n"
	  "/inc/bpf/bpf_helper_defs.h:47:14: note: 'bpf_map_lookup_elem' declared here\n"
	  "1 error generated.\n", "prog.bpf.c", 2,
	  { { "prog.bpf.c", 9, 2, COMPILE_ERROR, "too few arguments to function call, expected 2, have 1" },
	    { "bpf/bpf_helper_defs.h", 47, 14, COMPILE_NOTE, "'bpf_map_lookup_elem' declared here" } } },
	{ __LINE__, "fatal error is an error", "prog.bpf.c:1:10: fatal error: 'stdio.h' file not found\n", "prog.bpf.c", 1,
	  { { "prog.bpf.c", 1, 10, COMPILE_ERROR, "'stdio.h' file not found" } } },
	{ __LINE__, "include stack lines are skipped, vmlinux.h is named",
	  "In file included from prog.bpf.c:2:\n/inc/vmlinux.h:10:1: error: redefinition of 'task_struct'\n", "prog.bpf.c", 1,
	  { { "vmlinux.h", 10, 1, COMPILE_ERROR, "redefinition of 'task_struct'" } } },
	{ __LINE__, "<stdin> becomes the learner's file", "<stdin>:4:2: error: y\n", "mine.bpf.c", 1,
	  { { "mine.bpf.c", 4, 2, COMPILE_ERROR, "y" } } },
	{ __LINE__, "driver message without location", "clang: error: unknown argument: '-foo'\n", "prog.bpf.c", 1,
	  { { "", 0, 0, COMPILE_ERROR, "unknown argument: '-foo'" } } },
	{ __LINE__, "inline asm", "<inline asm>:1:9: error: Could not find incbin file '/etc/passwd'\n", "p.c", 1,
	  { { "<inline asm>", 1, 9, COMPILE_ERROR, "Could not find incbin file '/etc/passwd'" } } },
	{ __LINE__, "no column", "prog.bpf.c:12: warning: x\n", "prog.bpf.c", 1,
	  { { "prog.bpf.c", 12, 0, COMPILE_WARNING, "x" } } },
	{ __LINE__, "CRLF", "prog.bpf.c:1:2: error: a\r\nprog.bpf.c:2:3: remark: b\r\n", "prog.bpf.c", 2,
	  { { "prog.bpf.c", 1, 2, COMPILE_ERROR, "a" }, { "prog.bpf.c", 2, 3, COMPILE_NOTE, "b" } } },
	{ __LINE__, "huge line number is capped", "prog.bpf.c:99999999999999999999:5: error: big", "prog.bpf.c", 1,
	  { { "prog.bpf.c", 2147483647, 5, COMPILE_ERROR, "big" } } },
	{ __LINE__, "invalid UTF-8 and control bytes are replaced", "prog.bpf.c:1:1: error: bad \xff\x01 byte\tend", "prog.bpf.c", 1,
	  { { "prog.bpf.c", 1, 1, COMPILE_ERROR, "bad ?? byte end" } } },
	{ __LINE__, "valid UTF-8 is kept", "prog.bpf.c:1:1: warning: caf\xc3\xa9 \xe2\x82\xac", "prog.bpf.c", 1,
	  { { "prog.bpf.c", 1, 1, COMPILE_WARNING, "caf\xc3\xa9 \xe2\x82\xac" } } },
	{ __LINE__, "a colon in the file name part", "a:b.c:3:4: error: m", NULL, 1,
	  { { "a:b.c", 3, 4, COMPILE_ERROR, "m" } } },
	{ __LINE__, "garbage", "hello world\n:::\n:1:2: error: x\n12:34\nerror:\n\n", "prog.bpf.c", 0, { { 0 } } },
	{ __LINE__, "truncated lines", "prog.bpf.c:3:\nprog.bpf.c:3:4: err\nprog.bpf.c:3:4: error:\nprog.bpf.c:3:4:", "prog.bpf.c", 0, { { 0 } } },
	{ __LINE__, "unknown severity", "prog.bpf.c:3:4: oops: x\n", "prog.bpf.c", 0, { { 0 } } },
	{ __LINE__, "empty input", "", "prog.bpf.c", 0, { { 0 } } },
};

static bool valid_text(const char *s, size_t cap)
{
	size_t n = strnlen(s, cap);

	if (n == cap)
		return false;  /* not terminated */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t l = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;

		if (!l || (l == 1 && (c < 0x20 || c == 0x7f)) || i + l > n)
			return false;
		for (size_t k = 1; k < l; k++)
			if (((unsigned char)s[i + k] & 0xc0) != 0x80)
				return false;
		i += l - 1;
	}
	return true;
}

static void test_diag_rows(void)
{
	for (size_t r = 0; r < sizeof(diag_rows) / sizeof(diag_rows[0]); r++) {
		const struct diag_row *row = &diag_rows[r];
		struct compile_diag *d = NULL;
		size_t n = 0;
		int ret = compile_parse_diags(row->text, strlen(row->text), row->filename, &d, &n);

		EXPECT_AT(row->line, ret == 0 && n == row->n, "%s: ret %d, %zu diags, want %zu", row->why, ret, n, row->n);
		for (size_t i = 0; i < n && i < row->n; i++) {
			const struct want_diag *w = &row->want[i];

			EXPECT_AT(row->line, !strcmp(d[i].file, w->file) && d[i].line == w->line &&
				  d[i].col == w->col && d[i].severity == w->sev && !strcmp(d[i].message, w->msg),
				  "%s: diag %zu is [%s:%d:%d sev %d] '%s'", row->why, i, d[i].file, d[i].line,
				  d[i].col, d[i].severity, d[i].message);
		}
		free(d);
	}
}

static void test_diag_limits(void)
{
	size_t big = 8u << 20, n = 0, len = 0;
	char *text = malloc(big + 1);
	struct compile_diag *d = NULL;

	if (!text)
		return;
	/* A long message with 2-byte characters: cut on a character boundary, below 512 bytes. */
	len = (size_t)sprintf(text, "prog.bpf.c:1:1: error: ");
	while (len < 2000)
		len += (size_t)sprintf(text + len, "\xc3\xa9");
	EXPECT(compile_parse_diags(text, len, "prog.bpf.c", &d, &n) == 0 && n == 1 &&
	       strlen(d[0].message) <= 511 && valid_text(d[0].message, sizeof(d[0].message)),
	       "long message: %zu diags", n);
	free(d);
	/* More than DOJO_MAX_DIAGS diagnostics: capped. */
	len = 0;
	for (int i = 0; i < 200; i++)
		len += (size_t)sprintf(text + len, "prog.bpf.c:%d:1: warning: w%d\n", i + 1, i);
	EXPECT(compile_parse_diags(text, len, "prog.bpf.c", &d, &n) == 0 && n == DOJO_MAX_DIAGS &&
	       d[DOJO_MAX_DIAGS - 1].line == (int)DOJO_MAX_DIAGS, "cap: %zu diags", n);
	free(d);
	/* 8 MiB without a newline, then 8 MiB of NULs and colons: no diagnostics, no crash. */
	memset(text, 'a', big);
	EXPECT(compile_parse_diags(text, big, "prog.bpf.c", &d, &n) == 0 && n == 0 && !d, "huge line: %zu", n);
	for (size_t i = 0; i < big; i++)
		text[i] = (i % 3) ? 0 : ':';
	EXPECT(compile_parse_diags(text, big, "prog.bpf.c", &d, &n) == 0 && n == 0, "NULs: %zu", n);
	free(text);
}

static unsigned long long rng = 0x9e3779b97f4a7c15ull;  /* fixed seed: reproducible */

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* Random and mutated clang-like text through the parser; check what compile.h promises. */
/* Errors that puzzle BPF newcomers get one sentence of help; others get none. */
static void test_diag_hints(void)
{
	static const struct {
		const char *line, *help_has;  /* help_has NULL: no help expected */
	} rows[] = {
		{ "p.bpf.c:4:40: error: Looks like the BPF stack limit is exceeded. Please move large on stack variables into BPF per-cpu array map.", "512 bytes" },
		{ "p.bpf.c:3:10: fatal error: 'stdio.h' file not found", "no libc" },
		{ "p.bpf.c:9:2: error: call to undeclared function 'SUBMIT_STR'; ISO C99 and later do not support implicit function declarations", "dojo.h" },
		{ "p.bpf.c:9:2: error: call to undeclared function 'bpf_get_current_commm'; ISO C99 and later do not support implicit function declarations", "no such helper" },
		{ "p.bpf.c:9:2: error: call to undeclared function 'strlen'; ISO C99 and later do not support implicit function declarations", "cannot call libc" },
		{ "p.bpf.c:5:8: error: redefinition of 'task_struct'", "___mine" },
		{ "p.bpf.c:5:8: error: expected ';' after expression", NULL },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct compile_diag *d = NULL;
		size_t n = 0;

		EXPECT(compile_parse_diags(rows[i].line, strlen(rows[i].line), "p.bpf.c", &d, &n) == 0 &&
		       n == 1, "hint row %zu parses", i);
		if (n == 1 && rows[i].help_has)
			EXPECT(strstr(d[0].help, rows[i].help_has) != NULL, "hint row %zu: help '%s'", i, d[0].help);
		else if (n == 1)
			EXPECT(d[0].help[0] == 0, "hint row %zu: no help, got '%s'", i, d[0].help);
		free(d);
	}
}

static void test_diag_fuzz(void)
{
	static const char *const pieces[] = {
		"prog.bpf.c", "/inc/", "vmlinux.h", ":", "1", "99", "4294967296", " ", "error", "fatal error",
		"warning", "note", "remark", ": ", "\n", "\r\n", "<stdin>", "clang: ", "\xff", "\xc3", "\xe2\x82",
		"In file included from ", "[-Wx]", "\t", "", "'", "\0",
	};
	char buf[4096];
	int bad = 0;

	for (int iter = 0; iter < 20000; iter++) {
		size_t len = 0, n = 0;
		struct compile_diag *d = NULL;
		int pieces_n = 1 + (int)rnd(40);

		for (int k = 0; k < pieces_n && len < sizeof(buf) - 64; k++) {
			if (rnd(5) == 0) {
				buf[len++] = (char)rnd(256);
			} else {
				const char *p = pieces[rnd(sizeof(pieces) / sizeof(pieces[0]))];
				size_t l = *p ? strlen(p) : 1;

				memcpy(buf + len, p, l);
				len += l;
			}
		}
		if (compile_parse_diags(buf, len, rnd(4) ? "prog.bpf.c" : NULL, &d, &n) || n > DOJO_MAX_DIAGS) {
			bad++;
			continue;
		}
		for (size_t i = 0; i < n; i++)
			if (!valid_text(d[i].file, sizeof(d[i].file)) || !valid_text(d[i].message, sizeof(d[i].message)) ||
			    d[i].line < 0 || d[i].col < 0 || d[i].severity > COMPILE_NOTE)
				bad++;
		free(d);
	}
	EXPECT(bad == 0, "%d fuzz inputs broke the contract (seed 0x9e3779b97f4a7c15)", bad);
}

/* ---- compile_bpf ---- */

/* Does the ELF object have a section called @name? */
static bool elf_has_section(const uint8_t *obj, size_t len, const char *name)
{
	const Elf64_Ehdr *eh = (const void *)obj;
	const Elf64_Shdr *sh, *strs;

	if (len < sizeof(*eh) || memcmp(obj, ELFMAG, SELFMAG) || eh->e_shoff > len ||
	    eh->e_shnum * sizeof(Elf64_Shdr) > len - eh->e_shoff || eh->e_shstrndx >= eh->e_shnum)
		return false;
	sh = (const void *)(obj + eh->e_shoff);
	strs = &sh[eh->e_shstrndx];
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		size_t off = strs->sh_offset + sh[i].sh_name;

		if (off + strlen(name) + 1 <= len && !strcmp((const char *)obj + off, name))
			return true;
	}
	return false;
}

static const struct cc_row {
	int line;
	const char *why;
	const char *filename;
	const char *src;
	size_t len;                 /* 0: strlen(src) */
	enum compile_status want;
	const char *diag;           /* substring of some diagnostic (FAILED) or of err (REJECTED) */
	const char *file;           /* that diagnostic's file, line, col (when line > 0) */
	int dline, dcol;
} cc_rows[] = {
	{ __LINE__, "good tracepoint program", NULL, SMALL, 0, COMPILE_OK, NULL, NULL, 0, 0 },
	{ __LINE__, "type error at the learner's line and column", "mine.bpf.c",
	  "#include \"vmlinux.h\"\n#include <bpf/bpf_helpers.h>\nSEC(\"kprobe/x\")\n"
	  "int f(struct task_struct *t) { return t->no_such_field; }\n", 0,
	  COMPILE_FAILED, "no member named 'no_such_field'", "mine.bpf.c", 4, 42 },
	{ __LINE__, "file name is sanitized", "../../etc/evil name$.c",
	  "SEC(\"x\") int f(void) { return undeclared; }\n", 0,
	  COMPILE_FAILED, "undeclared", "evil_name_.c", 1, 31 },
	{ __LINE__, "a warning does not fail", NULL, SMALL "#warning look here\n", 0,
	  COMPILE_OK, "look here", "prog.bpf.c", 10, 2 },
	{ __LINE__, "jail: absolute include", NULL, "#include \"/etc/passwd\"\nSEC(\"x\") int f(void) { return 0; }\n", 0,
	  COMPILE_FAILED, "file not found", "prog.bpf.c", 1, 10 },
	{ __LINE__, "jail: relative include", NULL, "#include \"../../../etc/passwd\"\nSEC(\"x\") int f(void) { return 0; }\n", 0,
	  COMPILE_FAILED, "file not found", "prog.bpf.c", 1, 10 },
	{ __LINE__, "jail: no /usr/include", NULL, "#include <stdio.h>\nSEC(\"x\") int f(void) { return 0; }\n", 0,
	  COMPILE_FAILED, "file not found", "prog.bpf.c", 1, 10 },
	{ __LINE__, "jail: no /usr/include by path", NULL, "#include \"/usr/include/linux/bpf.h\"\nSEC(\"x\") int f(void) { return 0; }\n", 0,
	  COMPILE_FAILED, "file not found", "prog.bpf.c", 1, 10 },
	{ __LINE__, "jail: .incbin", NULL, "asm(\".incbin \\\"/etc/passwd\\\"\");\nSEC(\"x\") int f(void) { return 0; }\n", 0,
	  COMPILE_FAILED, "/etc/passwd", NULL, 0, 0 },
	{ __LINE__, "jail: #embed", NULL, "const char h[] = {\n#embed \"/etc/hostname\"\n};\nSEC(\"x\") int f(void) { return h[0]; }\n", 0,
	  COMPILE_FAILED, "file not found", "prog.bpf.c", 2, 8 },
	{ __LINE__, "jail: /proc", NULL, "#include \"/proc/self/environ\"\nSEC(\"x\") int f(void) { return 0; }\n", 0,
	  COMPILE_FAILED, "file not found", "prog.bpf.c", 1, 10 },
	{ __LINE__, "rejected: empty", NULL, "", 0, COMPILE_REJECTED, "is empty", NULL, 0, 0 },
	{ __LINE__, "rejected: blank", NULL, "  \n\t\n", 0, COMPILE_REJECTED, "is empty", NULL, 0, 0 },
	{ __LINE__, "rejected: not UTF-8", NULL, "SEC(\"x\") int f(void) {\n return 0; } // \xff\n", 0,
	  COMPILE_REJECTED, "prog.bpf.c:2:17 is not valid UTF-8", NULL, 0, 0 },
	{ __LINE__, "rejected: NUL byte", NULL, "SEC(\"x\")\0 int f(void) { return 0; }\n", 36,
	  COMPILE_REJECTED, "prog.bpf.c:1:9 contains a NUL byte", NULL, 0, 0 },
	{ __LINE__, "rejected: no SEC", NULL, "int f(void) { return 0; }\n", 0, COMPILE_REJECTED, "has no SEC(", NULL, 0, 0 },
};

static void test_compile_rows(const struct dojo_paths *paths)
{
	for (size_t r = 0; r < sizeof(cc_rows) / sizeof(cc_rows[0]); r++) {
		const struct cc_row *row = &cc_rows[r];
		struct compile_opts opts = { .filename = row->filename, .paths = paths };
		struct compile_result res;
		struct dojo_err err = { 0 };
		size_t len = row->len ? row->len : strlen(row->src);
		bool found = !row->diag;
		int ret = compile_bpf(row->src, len, &opts, &res, &err);

		EXPECT_AT(row->line, ret == 0 && res.status == row->want, "%s: ret %d status %d (want %d): %s%s",
			  row->why, ret, res.status, row->want, err.msg, res.raw_stderr ? res.raw_stderr : "");
		if (ret)
			continue;
		if (row->want == COMPILE_OK)
			EXPECT_AT(row->line, res.obj && elf_has_section(res.obj, res.obj_len, ".BTF"),
				  "%s: no ELF object with .BTF (%zu bytes)", row->why, res.obj_len);
		else
			EXPECT_AT(row->line, !res.obj && !res.obj_len, "%s: an object despite the failure", row->why);
		if (row->want == COMPILE_REJECTED && row->diag)
			found = strstr(err.msg, row->diag) && err.code < 0;
		for (size_t i = 0; i < res.ndiags && !found; i++) {
			const struct compile_diag *d = &res.diags[i];

			if (!strstr(d->message, row->diag))
				continue;
			found = true;
			if (row->file)
				EXPECT_AT(row->line, !strcmp(d->file, row->file) && d->line == row->dline && d->col == row->dcol,
					  "%s: diag at %s:%d:%d, want %s:%d:%d", row->why, d->file, d->line, d->col,
					  row->file, row->dline, row->dcol);
		}
		EXPECT_AT(row->line, found, "%s: no diagnostic mentions '%s' (err '%s', stderr '%s')", row->why,
			  row->diag, err.msg, res.raw_stderr ? res.raw_stderr : "");
		compile_result_free(&res);
	}
}

static void test_too_big(const struct dojo_paths *paths)
{
	size_t len = DOJO_MAX_SOURCE_BYTES + 1;
	char *src = malloc(len);
	struct compile_opts opts = { .paths = paths };
	struct compile_result res;
	struct dojo_err err = { 0 };

	if (!src)
		return;
	memset(src, ' ', len);
	memcpy(src, "SEC(\"x\")", 8);
	EXPECT(compile_bpf(src, len, &opts, &res, &err) == 0 && res.status == COMPILE_REJECTED &&
	       err.code == -E2BIG && strstr(err.msg, "limit"), "too big: status %d '%s'", res.status, err.msg);
	compile_result_free(&res);
	free(src);
}

/* Children of ours that are still alive (we are a subreaper, so clang would land here). */
static int live_children(void)
{
	char path[300], buf[512];
	struct dirent *de;
	DIR *d = opendir("/proc");
	int n = 0;

	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	while (d && (de = readdir(d))) {
		FILE *f;
		int ppid = 0;
		char *rp;

		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(buf, sizeof(buf), f) && (rp = strrchr(buf, ')')) && sscanf(rp + 2, "%*c %d", &ppid) == 1 &&
		    ppid == getpid())
			n++;
		fclose(f);
	}
	if (d)
		closedir(d);
	return n;
}

static void test_timeout(const struct dojo_paths *paths)
{
	struct compile_opts opts = { .paths = paths, .timeout_ms = 5 };
	struct compile_result res;
	struct dojo_err err = { 0 };
	int ret = compile_bpf(SMALL, strlen(SMALL), &opts, &res, &err), left = 1;

	EXPECT(ret == 0 && res.status == COMPILE_TIMEOUT && err.code == -ETIMEDOUT && !res.obj,
	       "timeout: ret %d status %d '%s'", ret, res.status, err.msg);
	compile_result_free(&res);
	for (int i = 0; i < 100 && left; i++) {
		left = live_children();
		if (left)
			usleep(20000);
	}
	EXPECT(left == 0, "%d processes left behind after a timeout", left);
}

static void test_broken_install(const struct dojo_paths *paths)
{
	struct dojo_paths p = *paths;
	struct compile_opts opts = { .paths = &p };
	struct compile_result res;
	struct dojo_err err = { 0 };
	int ret;

	strcpy(p.pch, "/nonexistent/dojo.pch");
	ret = compile_bpf(SMALL, strlen(SMALL), &opts, &res, &err);
	EXPECT(ret == -ENOENT && strstr(err.msg, "run make") && !res.diags && !res.obj,
	       "missing PCH: ret %d '%s'", ret, err.msg);
}

static void test_realworld(const struct dojo_paths *paths, const char *dir)
{
	char rw[1024], path[2048];
	static char src[DOJO_MAX_SOURCE_BYTES + 1];
	struct dirent *de;
	DIR *d;
	int count = 0;

	snprintf(rw, sizeof(rw), "%s/realworld", dir);
	d = opendir(rw);
	EXPECT(d != NULL, "cannot open %s", rw);
	while (d && (de = readdir(d))) {
		struct compile_opts opts = { .filename = de->d_name, .paths = paths };
		struct compile_result res;
		struct dojo_err err = { 0 };
		size_t n, l = strlen(de->d_name);
		FILE *f;
		int ret;

		if (l < 6 || strcmp(de->d_name + l - 6, ".bpf.c"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", rw, de->d_name);
		f = fopen(path, "rb");
		if (!f)
			continue;
		n = fread(src, 1, sizeof(src), f);
		fclose(f);
		ret = compile_bpf(src, n, &opts, &res, &err);
		EXPECT(ret == 0 && res.status == COMPILE_OK && elf_has_section(res.obj, res.obj_len, ".BTF"),
		       "%s: ret %d status %d %s %s", path, ret, res.status, err.msg, res.raw_stderr ? res.raw_stderr : "");
		if (ret == 0 && res.status == COMPILE_OK) {
			/* libbpf's open checks that every extern (a kfunc, a __ksym) has its BTF */
			struct bpf_object *o = bpf_object__open_mem(res.obj, res.obj_len, NULL);

			EXPECT(o != NULL, "%s: libbpf cannot open the object: %d", path, -errno);
			bpf_object__close(o);
		}
		compile_result_free(&res);
		count++;
	}
	if (d)
		closedir(d);
	EXPECT(count >= 4, "only %d real-world programs in %s", count, rw);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/compile";
	struct dojo_paths paths;
	struct dojo_err err = { 0 };
	int ret;

	/* Orphans of the jail would be re-parented to us: lets test_timeout() see them. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	test_diag_rows();
	test_diag_limits();
	test_diag_hints();
	test_diag_fuzz();

	ret = dojo_paths_init(&paths, &err);
	EXPECT(ret == 0, "dojo_paths_init: %s", err.msg);
	if (!ret) {
		test_compile_rows(&paths);
		test_too_big(&paths);
		test_timeout(&paths);
		test_broken_install(&paths);
		test_realworld(&paths, dir);
	}
	printf("compile: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
