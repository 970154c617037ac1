/* test_grade.c: the grader's promises (grade.h): values decoded with the object's own BTF,
 * malformed records refused, one verdict per run, and grade_decide()'s table (the facts of a
 * run -> its verdict), one row per case.  The BTF comes from a BPF fixture
 * (tests/grade/types.bpf.c, path in argv[1]); records are made by hand against it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gelf.h>
#include <libelf.h>
#include <linux/bpf.h>
#include <bpf/btf.h>
#include "tests/harness.h"
#include "grade/grade.h"
#include "tests/grade/types.h"


static struct btf *raw;   /* the fixture's BTF through libbpf, to find type ids */

/* the type id of global variable @var in the fixture (0 for "?": an unknown id) */
static uint32_t type_of(const char *var)
{
	int id;

	if (strcmp(var, "?") == 0)
		return 99999;
	id = btf__find_by_name_kind(raw, var, BTF_KIND_VAR);
	return id > 0 ? btf__type_by_id(raw, id)->type : 0;
}

static size_t make_rec(struct dojo_rec *r, int kind, int vkind, const char *var,
		       const void *val, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->hdr.kind = kind;
	r->hdr.vkind = vkind;
	r->hdr.type_id = type_of(var);
	r->hdr.value_len = len;
	memcpy(r->value, val, len);
	return sizeof(*r);
}

static int v_int = 42, v_neg = -7;
static u64 v_u64 = ~0ull;
static pid_chain v_chain = 1234;
static char v_comm[16] = "bash";
static char v_odd[16] = "a\"b\x01";
static enum color v_blue = BLUE, v_green = GREEN;
static struct event v_event = {
	.pid = 12, .comm = "curl", .in = { .x = -3, .flags = { 1, 2, 3 } }, .ts = 99,
	.arr = { 4, 5, 6 }, .a = 5, .b = 17, .neg = -2, .c = GREEN, .ptr = (void *)0x1000,
};
static union word v_word = { .c = "abc" };
static int v_matrix[2][3] = { { 1, 2, 3 }, { 4, 5, 6 } };
static _Bool v_bool = 1;
static signed char v_schar = -100;
static char *v_ptr = (char *)0xffff8880deadbeefull;
static unsigned char v_bytes[2] = { 0xab, 0x01 };

/* The bytes of section @name of ELF image @img (what libbpf gives its map as initial value). */
static const void *section_bytes(char *img, size_t n, const char *name, size_t *len)
{
	const void *found = NULL;
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	Elf *elf;

	if (elf_version(EV_CURRENT) == EV_NONE || !(elf = elf_memory(img, n)))
		return NULL;
	if (elf_getshdrstrndx(elf, &shstrndx) == 0)
		while ((scn = elf_nextscn(elf, scn))) {
			GElf_Shdr sh;
			Elf_Data *d;
			const char *sn = gelf_getshdr(scn, &sh) ?
					 elf_strptr(elf, shstrndx, sh.sh_name) : NULL;

			if (sn && !strcmp(sn, name) && (d = elf_getdata(scn, NULL)) && d->d_buf) {
				found = (const char *)img + sh.sh_offset;   /* img outlives elf */
				*len = d->d_size;
				break;
			}
		}
	elf_end(elf);
	return found;
}

/* The fixture object (GRADE_FIXTURE) read into @obj (@cap bytes), its length in *@n, and its
 * BTF as the host reads it; NULL (and a failed check) when either cannot be had. */
static struct grade_btf *fixture_btf(char *obj, size_t cap, size_t *n)
{
	struct dojo_err err = { 0 };
	struct grade_btf *btf;
	FILE *f = fopen(getenv("GRADE_FIXTURE"), "rb");

	CHECK(f, "cannot open the fixture object");
	if (!f)
		return NULL;
	*n = fread(obj, 1, cap, f);
	fclose(f);
	btf = grade_btf_new(obj, *n, &err);
	CHECK(btf, "grade_btf_new: %s", err.msg);
	return btf;
}

/* A global section map's value (.data, .rodata as the object initializes them): every
 * variable at its own offset.  clang leaves the DATASEC's offsets at 0; read without libbpf's
 * fix-up, every variable showed the first one's bytes. */
static void test_globals(void)
{
	static const struct { const char *map, *var_text, *why; } rows[] = {
		{ "prog.data", ".d_a = -11", "int at offset 0" },
		{ "prog.data", ".d_b = 1234567890123", "long after an int (padded to 8)" },
		{ "prog.data", ".d_c = \"abcd\"", "char[5] after a long" },
		{ "prog.data", ".d_d = 7", "u16 after a char[5]" },
		{ "prog.rodata", ".g_cv = 1", ".rodata's first" },
		{ "prog.rodata", ".r_e = -2", ".rodata's second" },
	};
	static char obj[1 << 20];
	size_t n;
	struct grade_btf *btf = fixture_btf(obj, sizeof(obj), &n);

	if (!btf)
		return;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		uint32_t key_id, value_id;
		const char *sec = strchr(rows[i].map, '.');
		size_t len = 0;
		const void *val = section_bytes(obj, n, sec, &len);
		char type[64];
		struct buf b;
		int ret;

		grade_map_types(btf, rows[i].map, 0, &key_id, &value_id);
		CHECK(val && value_id, "%s: no section or no DATASEC", rows[i].map);
		if (!val || !value_id)
			continue;
		buf_init(&b, 4096);
		ret = grade_value_format(btf, value_id, val, len, &b, type, sizeof(type));
		CHECK(ret == 0 && b.data && strstr((char *)b.data, rows[i].var_text),
		      "%s: %s: '%s' lacks '%s'", rows[i].why, rows[i].map,
		      b.data ? (char *)b.data : "", rows[i].var_text);
		CHECK_STR(type, sec, "a global section's type is the section");
		buf_free(&b);
	}
	grade_btf_free(btf);
}

static void test_format(void)
{
	static const struct {
		int vkind;
		const char *var;       /* whose type the value has; "?" for an unknown id */
		const void *val;
		size_t len;
		const char *value, *type, *why;
	} rows[] = {
		{ DOJO_VAL_NUM, "g_int", &v_int, 4, "42", "int", "int" },
		{ DOJO_VAL_NUM, "g_int", &v_neg, 4, "-7", "int", "negative int" },
		{ DOJO_VAL_NUM, "g_u64", &v_u64, 8, "18446744073709551615", "u64", "u64 max" },
		{ DOJO_VAL_NUM, "g_chain", &v_chain, 4, "1234", "pid_chain", "typedef chain" },
		{ DOJO_VAL_NUM, "g_color", &v_blue, 4, "BLUE", "enum color", "signed enum by name" },
		{ DOJO_VAL_NUM, "g_bool", &v_bool, 1, "true", "_Bool", "bool" },
		{ DOJO_VAL_NUM, "g_schar", &v_schar, 1, "-100", "signed char", "signed char" },
		{ DOJO_VAL_NUM, "?", &v_int, 4, "42", "?", "number of unknown type" },
		{ DOJO_VAL_STR, "g_comm", v_comm, 16, "bash", "char[16]", "char[16]" },
		{ DOJO_VAL_STR, "g_comm", v_odd, 16, "a\"b\\x01", "char[16]", "non-printable" },
		{ DOJO_VAL_STR, "g_schar", v_comm, 4, "bash", "signed char[4]", "SUBMIT_STR_LEN" },
		{ DOJO_VAL_STRUCT, "g_event", &v_event, sizeof(v_event),
		  "{.pid = 12, .comm = \"curl\", .in = {.x = -3, .flags = {1, 2, 3}}, .ts = 99, "
		  ".arr = {4, 5, 6}, .a = 5, .b = 17, .neg = -2, .c = GREEN, .ptr = 0x1000}",
		  "struct event", "nested struct, arrays, bitfields" },
		{ DOJO_VAL_STRUCT, "g_event", &v_event, 10, "{.pid = 12, ...}", "struct event",
		  "struct cut short by value_len" },
		{ DOJO_VAL_STRUCT, "g_word", &v_word, 4, "{.i = 6513249, .c = \"abc\"}",
		  "union word", "union" },
		{ DOJO_VAL_STRUCT, "g_matrix", v_matrix, sizeof(v_matrix),
		  "{{1, 2, 3}, {4, 5, 6}}", "int[2][3]", "2-d array" },
		{ DOJO_VAL_STRUCT, "g_ptr", &v_ptr, 8, "0xffff8880deadbeef", "char *", "pointer" },
		{ DOJO_VAL_STRUCT, "g_cv", &v_int, 4, "42", "const volatile int", "modifiers" },
		{ DOJO_VAL_STRUCT, "g_color", &v_green, 4, "GREEN", "enum color", "enum" },
		{ DOJO_VAL_STRUCT, "?", v_bytes, 2, "ab 01", "?", "unknown type id: hex" },
	};
	struct dojo_err err = { 0 };
	struct grade_btf *btf;
	static char obj[1 << 20];
	size_t n;

	btf = grade_btf_new("not an ELF", 10, &err);
	CHECK(!btf && err.code < 0, "a non-ELF object must be refused");
	btf = fixture_btf(obj, sizeof(obj), &n);
	if (!btf)
		return;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct dojo_rec r;
		struct buf b;
		char type[64];
		size_t len = make_rec(&r, DOJO_REC_DEBUG, rows[i].vkind, rows[i].var, rows[i].val,
				      rows[i].len);
		int ret;

		buf_init(&b, 4096);
		ret = grade_format_value(btf, &r, len, &b, type, sizeof(type));
		CHECK(ret == 0, "%s: ret %d", rows[i].why, ret);
		CHECK(ret || strcmp(b.data ? (char *)b.data : "", rows[i].value) == 0,
		      "%s: value '%s', want '%s'", rows[i].why, b.data ? (char *)b.data : "",
		      rows[i].value);
		CHECK(ret || strcmp(type, rows[i].type) == 0, "%s: type '%s', want '%s'",
		      rows[i].why, type, rows[i].type);
		buf_free(&b);
	}

	/* malformed records */
	static const struct { int kind, vkind, value_len; size_t len; int label_nul; const char *why; }
	bad[] = {
		{ DOJO_REC_DEBUG, DOJO_VAL_NUM, 4, sizeof(struct dojo_rec_hdr) - 1, 1, "truncated header" },
		{ DOJO_REC_DEBUG, DOJO_VAL_NUM, 300, sizeof(struct dojo_rec), 1, "value_len > 256" },
		{ DOJO_REC_DEBUG, DOJO_VAL_NUM, 8, sizeof(struct dojo_rec_hdr) + 4, 1, "value past the end" },
		{ DOJO_REC_DEBUG, DOJO_VAL_NUM, 4, sizeof(struct dojo_rec) + 1, 1, "record too long" },
		{ 7, DOJO_VAL_NUM, 4, sizeof(struct dojo_rec), 1, "unknown kind" },
		{ DOJO_REC_DEBUG, 9, 4, sizeof(struct dojo_rec), 1, "unknown value kind" },
		{ DOJO_REC_DEBUG, DOJO_VAL_NUM, 4, sizeof(struct dojo_rec), 0, "label without NUL" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct dojo_rec r;
		struct buf b;
		char type[64];
		int ret;

		make_rec(&r, bad[i].kind, bad[i].vkind, "g_int", &v_int, 4);
		r.hdr.value_len = bad[i].value_len;
		if (!bad[i].label_nul)
			memset(r.hdr.label, 'x', sizeof(r.hdr.label));
		buf_init(&b, 4096);
		ret = grade_format_value(btf, &r, bad[i].len, &b, type, sizeof(type));
		CHECK(ret == -EPROTO, "%s: ret %d, want -EPROTO", bad[i].why, ret);
		buf_free(&b);
	}
	grade_btf_free(btf);
}

/* @msg, with the submitted value blanked out, still contains @answer */
static int shows_answer(const char *msg, const char *submitted, const char *answer)
{
	char copy[512];
	char *p;

	snprintf(copy, sizeof(copy), "%s", msg);
	if (*submitted && (p = strstr(copy, submitted)))
		memset(p, '_', strlen(submitted));
	return strstr(copy, answer) != NULL;
}

static void fake_answer(uint64_t key, struct answer *out)
{
	(void)key;
	out->kind = ANSWER_NUM;
	out->num = (uint64_t)-5;
}

static const struct exercise negative = {
	.id = "negative", .expects = "a negative number", .kind = ANSWER_NUM,
	.answer = fake_answer,
};

static void test_answer(void)
{
	const struct exercise *pname = exercise_find("process-name");
	const struct exercise *ecode = exercise_find("exit-code");
	const uint64_t key = 0x1234567890abcdefull;
	static struct answer name, code;
	static char exact[13], prefix[16], longer[16], wrongstr[16] = "secret_000000";
	static int code_ok, code_raw, neg5 = -5;
	static u32 u_neg5 = (u32)-5;
	static u64 ll_neg5 = (u64)-5;
	static struct dojo_rec recs[40];

	CHECK(pname && ecode, "exercises missing from the registry");
	if (!pname || !ecode)
		return;
	pname->answer(key, &name);
	ecode->answer(key, &code);
	memcpy(exact, name.str, 13);
	snprintf(prefix, sizeof(prefix), "%.*s", (int)strlen(name.str) - 1, name.str);
	snprintf(longer, sizeof(longer), "%sx", name.str);
	code_ok = (int)code.num;
	code_raw = code_ok << 8;
	char comm[16] = { 0 };
	memcpy(comm, name.str, strlen(name.str));

	enum { MAXR = 4 };
	struct row {
		const struct exercise *ex;
		int n;
		struct { int kind, vkind; const char *var; const void *val; size_t len; } r[MAXR];
		enum grade_verdict verdict;
		int ret;
		const char *in_message, *why;
	} rows[] = {
		{ pname, 1, { { 1, 2, "g_comm", comm, 16 } }, GRADE_CORRECT, 0, "correct",
		  "correct string (char[16], trailing NULs)" },
		{ pname, 1, { { 1, 2, "g_schar", exact, 13 } }, GRADE_CORRECT, 0, NULL,
		  "correct string without any NUL (SUBMIT_STR_LEN)" },
		{ pname, 1, { { 1, 2, "g_comm", wrongstr, 16 } }, GRADE_WRONG, 0, "secret_000000",
		  "wrong string" },
		{ pname, 1, { { 1, 2, "g_comm", prefix, 16 } }, GRADE_WRONG, 0, "a process name",
		  "a prefix of the answer" },
		{ pname, 1, { { 1, 2, "g_comm", longer, 16 } }, GRADE_WRONG, 0, NULL,
		  "the answer and more" },
		{ pname, 1, { { 1, 1, "g_int", &code_ok, 4 } }, GRADE_WRONG, 0, "SUBMIT_STR",
		  "a number for a string answer" },
		{ ecode, 1, { { 1, 1, "g_int", &code_ok, 4 } }, GRADE_CORRECT, 0, NULL, "right number" },
		{ ecode, 1, { { 1, 1, "g_int", &code_raw, 4 } }, GRADE_WRONG, 0, "exit code",
		  "wrong number" },
		{ ecode, 1, { { 1, 2, "g_comm", comm, 16 } }, GRADE_WRONG, 0, "SUBMIT_NUM",
		  "a string for a number answer" },
		{ &negative, 1, { { 1, 1, "g_int", &neg5, 4 } }, GRADE_CORRECT, 0, NULL,
		  "negative int" },
		{ &negative, 1, { { 1, 1, "g_chain", &u_neg5, 4 } }, GRADE_WRONG, 0, "4294967291",
		  "u32 is not sign-extended" },
		{ &negative, 1, { { 1, 1, "g_u64", &ll_neg5, 8 } }, GRADE_CORRECT, 0, NULL,
		  "the same 64 bits" },
		{ pname, 0, { { 0 } }, GRADE_NO_SUBMIT, 0, "no SUBMIT_* call, and no sample sent with bpf_perf_event_output()", "no submit names both ways of submitting" },
		{ pname, 3, { { 1, 2, "g_comm", comm, 16 }, { 1, 2, "g_comm", wrongstr, 16 },
			      { 1, 2, "g_comm", comm, 16 } },
		  GRADE_MULTIPLE_SUBMITS, 0, "submitted 3 times", "multiple submits" },
		{ pname, 1, { { 1, 7, "g_comm", comm, 16 } }, GRADE_RUN_ERROR, -EPROTO, "malformed",
		  "malformed record" },
		{ pname, 1, { { 2, 2, "g_comm", comm, 16 } }, GRADE_RUN_ERROR, -EPROTO, NULL,
		  "a DEBUG record among the submits" },
	};
	static char obj[1 << 20];
	size_t n, used = 0;
	struct grade_btf *btf = fixture_btf(obj, sizeof(obj), &n);

	if (!btf)
		return;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const void *subs[MAXR];
		size_t lens[MAXR];
		struct grade_result res;
		int ret;

		for (int j = 0; j < rows[i].n; j++) {
			struct dojo_rec *r = &recs[used++ % 40];

			lens[j] = make_rec(r, rows[i].r[j].kind, rows[i].r[j].vkind, rows[i].r[j].var,
					   rows[i].r[j].val, rows[i].r[j].len);
			subs[j] = r;
		}
		ret = grade_answer(rows[i].ex, key, btf, subs, lens, (size_t)rows[i].n, &res);
		CHECK(ret == rows[i].ret, "%s: ret %d, want %d", rows[i].why, ret, rows[i].ret);
		CHECK(res.verdict == rows[i].verdict, "%s: verdict %s, want %s (%s)", rows[i].why,
		      grade_verdict_name(res.verdict), grade_verdict_name(rows[i].verdict),
		      res.message);
		CHECK(!rows[i].in_message || strstr(res.message, rows[i].in_message),
		      "%s: message lacks '%s': %s", rows[i].why, rows[i].in_message, res.message);
		CHECK(res.verdict != GRADE_WRONG || rows[i].ex != pname ||
		      !shows_answer(res.message, res.submitted, name.str),
		      "%s: a WRONG message shows the answer: %s", rows[i].why, res.message);
		CHECK(res.verdict != GRADE_WRONG || strstr(res.message, rows[i].ex->expects),
		      "%s: a WRONG message must say what is expected: %s", rows[i].why, res.message);
	}
	CHECK(grade_answer(NULL, key, btf, NULL, NULL, 0, &(struct grade_result){0}) == -EINVAL,
	      "no exercise: -EINVAL");
	{
		/* without BTF (NULL): values are still judged, shown with type "?" */
		struct grade_result res;
		const void *sub = &recs[0];
		size_t len = make_rec(&recs[0], DOJO_REC_SUBMIT, DOJO_VAL_STR, "g_comm", comm, 16);

		CHECK(grade_answer(pname, key, NULL, &sub, &len, 1, &res) == 0 &&
		      res.verdict == GRADE_CORRECT && strcmp(res.submitted_type, "?") == 0,
		      "no BTF: %s (%s)", grade_verdict_name(res.verdict), res.submitted_type);
	}
	grade_btf_free(btf);
}

/* grade_decide(): every verdict from the facts of a run, one row per case, in the order of
 * the table in grade.h; later rows also check that an earlier fact wins. */
static void test_decide(void)
{
	const struct exercise *pname = exercise_find("process-name");
	const uint64_t key = 0x1234567890abcdefull;
	static struct dojo_rec good, bad;
	static struct answer name;
	const void *sub_good = &good, *subs_two[2] = { &good, &good };
	size_t len = sizeof(good), lens_two[2] = { sizeof(good), sizeof(good) };
	struct grade_result res;
	struct {
		const char *why;
		struct grade_run run;
		enum grade_verdict want;
		const char *says;          /* a piece of the message */
	} rows[] = {
		{ "the caller stopped it", { .cancelled = 1, .compile_failed = 1 }, GRADE_RUN_ERROR, "stopped by its caller" },
		{ "the compiler did not run", { .host_err = -ENOENT, .host_msg = "clang-19 is missing", .compile_failed = 1 }, GRADE_RUN_ERROR, "clang-19 is missing" },
		{ "host failure without words", { .host_err = -ENOMEM }, GRADE_RUN_ERROR, "memory" },
		{ "does not compile", { .compile_failed = 1, .compile_msg = "your program does not compile", .compile_only = 1 }, GRADE_COMPILE_ERROR, "does not compile" },
		{ "compile error without words", { .compile_failed = 1 }, GRADE_COMPILE_ERROR, "does not compile" },
		{ "check: it compiles", { .compile_only = 1, .sandbox_err = -EIO }, GRADE_OK, "compiled" },
		{ "the sandbox's deadline", { .sandbox_err = -ETIMEDOUT, .timeout_ms = 3000, .load_failed = 1 }, GRADE_TIMEOUT, "3000 ms" },
		{ "the agent's deadline", { .agent_err = -ETIMEDOUT, .attach_failed = 1 }, GRADE_TIMEOUT, "10000 ms" },
		{ "the deadline while loading", { .sandbox_err = -ETIMEDOUT, .job_sent = 1 }, GRADE_TIMEOUT, "the verifier was still checking" },
		{ "the deadline after loading", { .sandbox_err = -ETIMEDOUT, .job_sent = 1, .loaded = 1 }, GRADE_TIMEOUT, "slow down the workload" },
		{ "the deadline before the job", { .sandbox_err = -ETIMEDOUT }, GRADE_TIMEOUT, "slow down the workload" },
		{ "no qemu", { .sandbox_err = -ENOENT, .sandbox_msg = "qemu-system-x86_64 is not installed", .done = 1 }, GRADE_RUN_ERROR, "not installed" },
		{ "the guest broke the protocol", { .sandbox_err = -EPROTO }, GRADE_RUN_ERROR, "Protocol error" },
		{ "the verifier rejected a program", { .load_failed = 1, .load_prog = "on_exec", .diag_title = "possible NULL pointer", .attach_failed = 2 }, GRADE_LOAD_ERROR, "'on_exec': possible NULL pointer" },
		{ "rejected, no diagnosis", { .load_failed = 1, .load_prog = "on_exec" }, GRADE_LOAD_ERROR, "end of its log" },
		{ "libbpf refused the object", { .load_failed = 1, .load_msg = "no program in the object" }, GRADE_LOAD_ERROR, "no program" },
		{ "one attach failed", { .attach_failed = 1, .diag_title = "no tracepoint x/y", .done = 1 }, GRADE_LOAD_ERROR, "1 program could not be attached: no tracepoint" },
		{ "two attaches failed", { .attach_failed = 2 }, GRADE_LOAD_ERROR, "2 programs could not be attached (see above)" },
		{ "the agent's error", { .agent_err = -EINVAL, .agent_msg = "unknown exercise 'x'" }, GRADE_RUN_ERROR, "could not run the job: unknown exercise" },
		{ "a malformed record", { .malformed_record = 3, .done = 1 }, GRADE_RUN_ERROR, "record 3" },
		{ "no result", { .ex = pname }, GRADE_RUN_ERROR, "without a result" },
		{ "done, no SUBMIT", { .ex = pname, .key = key, .done = 1 }, GRADE_NO_SUBMIT, "submitted nothing (no SUBMIT_* call" },
		{ "done, the answer", { .ex = pname, .key = key, .done = 1, .submits = &sub_good, .submit_lens = &len, .nsubmits = 1 }, GRADE_CORRECT, "correct" },
		{ "done, two SUBMITs", { .ex = pname, .key = key, .done = 1, .submits = subs_two, .submit_lens = lens_two, .nsubmits = 2 }, GRADE_MULTIPLE_SUBMITS, "2 times" },
	};

	CHECK(pname, "process-name is in the registry");
	if (!pname)
		return;
	pname->answer(key, &name);
	make_rec(&good, DOJO_REC_SUBMIT, DOJO_VAL_STR, "g_comm", name.str, strlen(name.str) + 1);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		CHECK_INT(grade_decide(&rows[i].run, &res), 0, rows[i].why);
		CHECK(res.verdict == rows[i].want, "%s: %s, want %s", rows[i].why,
		      grade_verdict_name(res.verdict), grade_verdict_name(rows[i].want));
		CHECK(strstr(res.message, rows[i].says), "%s: message \"%s\" lacks \"%s\"",
		      rows[i].why, res.message, rows[i].says);
	}
	{
		/* a SUBMIT that is not one: RUN_ERROR with grade_answer()'s sentence */
		const void *sub_bad = &bad;
		struct grade_run run = { .ex = pname, .key = key, .done = 1, .submits = &sub_bad,
					 .submit_lens = &len, .nsubmits = 1 };

		memset(&bad, 0, sizeof(bad));
		bad.hdr.kind = 7;
		CHECK(grade_decide(&run, &res) == 0 && res.verdict == GRADE_RUN_ERROR &&
		      strstr(res.message, "malformed"), "a bad SUBMIT: %s", res.message);
	}
	CHECK(grade_decide(NULL, &res) == -EINVAL && res.verdict == GRADE_RUN_ERROR, "no run: -EINVAL");
	CHECK(grade_decide(&(struct grade_run){ .done = 1 }, &res) == -EINVAL &&
	      res.verdict == GRADE_RUN_ERROR, "done without an exercise: -EINVAL");
	CHECK(grade_decide(&rows[0].run, NULL) == -EINVAL, "no result: -EINVAL");
}

/* grade_record_decode(): a record as the events show it. */
static void test_record_decode(void)
{
	static struct dojo_rec r;
	static struct grade_record gr;
	static char big[DOJO_VALUE_MAX];

	/* no BTF: values are shown without types ("?") */
	make_rec(&r, DOJO_REC_DEBUG, DOJO_VAL_NUM, "?", &v_int, sizeof(v_int));
	memcpy(r.hdr.label, "pid", 4);
	CHECK(grade_record_decode(NULL, &r, sizeof(r), &gr) == 0 && gr.kind == DOJO_REC_DEBUG &&
	      gr.vkind == DOJO_VAL_NUM && !strcmp(gr.label, "pid") && !strcmp(gr.value, "42") &&
	      gr.value_len == 2 && !strcmp(gr.type, "?"), "a DEBUG number: %s = %s (%s)",
	      gr.label, gr.value, gr.type);
	make_rec(&r, DOJO_REC_SUBMIT, DOJO_VAL_STR, "?", "bash", 5);
	CHECK(grade_record_decode(NULL, &r, sizeof(r), &gr) == 0 && gr.kind == DOJO_REC_SUBMIT &&
	      !strcmp(gr.value, "bash") && !gr.label[0], "a SUBMIT string: %s", gr.value);
	memset(big, 0xff, sizeof(big));
	make_rec(&r, DOJO_REC_DEBUG, DOJO_VAL_STRUCT, "?", big, sizeof(big));
	CHECK(grade_record_decode(NULL, &r, sizeof(r), &gr) == 0 && gr.value_len > 0 &&
	      gr.value_len < sizeof(gr.value), "an unknown struct as bytes: %zu bytes", gr.value_len);
	r.hdr.kind = 9;
	CHECK(grade_record_decode(NULL, &r, sizeof(r), &gr) == -EPROTO, "a bad kind: -EPROTO");
	CHECK(grade_record_decode(NULL, &r, 3, &gr) == -EPROTO, "a short record: -EPROTO");
}

static void test_names(void)
{
	CHECK(strcmp(grade_verdict_name(GRADE_CORRECT), "CORRECT") == 0, "CORRECT");
	CHECK(strcmp(grade_verdict_name(GRADE_MULTIPLE_SUBMITS), "MULTIPLE_SUBMITS") == 0, "MULTI");
	CHECK(strcmp(grade_verdict_name(GRADE_RUN_ERROR), "RUN_ERROR") == 0, "RUN_ERROR");
	CHECK(strcmp(grade_verdict_name(GRADE_OK), "OK") == 0, "OK");
	CHECK(strcmp(grade_verdict_name((enum grade_verdict)99), "UNKNOWN") == 0, "out of range");
}

int main(int argc, char **argv)
{
	if (argc > 1)
		setenv("GRADE_FIXTURE", argv[1], 1);
	raw = getenv("GRADE_FIXTURE") ? btf__parse_elf(getenv("GRADE_FIXTURE"), NULL) : NULL;
	CHECK(raw, "usage: test_grade FIXTURE.bpf.o (could not read its BTF)");
	if (raw) {
		test_format();
		test_globals();
		test_answer();
		test_decide();
	}
	test_names();
	test_record_decode();
	btf__free(raw);
	return harness_done("grade");
}
