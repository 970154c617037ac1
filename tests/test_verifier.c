/* test_verifier.c: the verifier-log diagnosis (src/grade/verifier.h).
 *
 * Unit rows: the log parser on canned logs (failing instruction, error line, source line,
 * register states), a load cut by its deadline, then a deterministic fuzz loop over the whole
 * diagnosis with mutated logs.
 * Fixtures: every tests/verifier/<NN-class>.bpf.c is compiled once, loaded through the sandbox
 * into each kernel it runs in (the micro-VM's guest kernel and this host's), must be rejected
 * there (at load or attach), and its rendered diagnosis must match <NN-class>.expected, or
 * <NN-class>.<vm|host>.expected where the kernels word it differently (UPDATE_EXPECTED=1
 * rewrites them for review).  Needs root, the guest kernel and its initramfs.
 * VERIFIER_ONLY=<substring>[,<substring>...] runs only matching fixtures; VERIFIER_KERNEL=vm or
 * host only that kernel; VERIFIER_SHOW=1 prints their logs and classes.
 * `test_verifier wild` runs instead the set in tests/verifier-wild/, `test_verifier blind` the
 * one in tests/verifier-blind/ (programs nobody wrote the classes for): a rejection must be
 * diagnosed; how many a class named with a span on the marked line is a figure, not asserted. */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <unistd.h>
#include "compile/compile.h"
#include "core/proto.h"
#include "grade/verifier.h"
#include "grade/verifier_internal.h"
#include "harness.h"
#include "pipeline/pipeline.h"
#include "sandbox/sandbox.h"

#define FIXTURE_DIR "tests/verifier"
#define MAX_FIXTURES 128

/* ---- the log parser on canned logs ---- */

static const char log_oob[] =
	"arg#0 reference type('UNKNOWN ') size cannot be determined: -22\n"
	"0: R1=ctx() R10=fp0\n"
	";  @ a.bpf.c:21\n"
	"0: (85) call bpf_get_prandom_u32#7    ; R0=scalar()\n"
	"1: (bf) r6 = r0                       ; R0=scalar(id=1) R6=scalar(id=1)\n"
	"; if (idx > 16) @ a.bpf.c:27\n"
	"12: (25) if r2 > 0x10 goto pc+1       ; R2=scalar(smin=smin32=0,smax=umax=smax32=umax32=16,var_off=(0x0; 0x1f)) refs=3\n"
	"; e->buf[idx] = c; @ a.bpf.c:29\n"
	"17: (0f) r2 += r1                     ; R1=scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff)) R2=ringbuf_mem(ref_obj_id=3,sz=20)\n"
	"19: (73) *(u8 *)(r2 +4) = r1\n"
	"R2 unbounded memory access, make sure to bounds check any such access\n"
	"processed 19 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0\n";

static const char log_branch[] =
	"0: R1=ctx() R10=fp0\n"
	"0: (b7) r1 = 0                        ; R1_w=0\n"
	"1: (15) if r0 == 0x0 goto pc+3        ; R0=map_value(map=m,ks=4,vs=8)\n"
	"2: (95) exit\n"
	"from 1 to 5: R0=0 R1=7 R10=fp0\n"
	"5: (71) r2 = *(u8 *)(r0 +0)\n"
	"R0 invalid mem access 'scalar'\n"
	"processed 6 insns (limit 1000000)\n";

/* Kernels from 7.3 on follow the terse message with a structured report.  No such kernel runs
 * here (the guest is 6.12, the host 6.18): these logs are CANNED, written by hand after the
 * format the kernel's report is described with ("Verification failed: <category>: <problem>",
 * Reason:, At:, Causal path: with one step per indented line, Suggestion:), around a real 6.x
 * log.  They check that the terse line stays the key and that the report fills the gaps. */
static const char log_oob_report[] =
	"0: R1=ctx() R10=fp0\n"
	";  @ a.bpf.c:21\n"
	"0: (85) call bpf_get_prandom_u32#7    ; R0=scalar()\n"
	"1: (bf) r6 = r0                       ; R0=scalar(id=1) R6=scalar(id=1)\n"
	"; if (idx > 16) @ a.bpf.c:27\n"
	"12: (25) if r2 > 0x10 goto pc+1       ; R2=scalar(smin=smin32=0,smax=umax=smax32=umax32=16,var_off=(0x0; 0x1f)) refs=3\n"
	"; e->buf[idx] = c; @ a.bpf.c:29\n"
	"17: (0f) r2 += r1                     ; R1=scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff)) R2=ringbuf_mem(ref_obj_id=3,sz=20)\n"
	"19: (73) *(u8 *)(r2 +4) = r1\n"
	"R2 unbounded memory access, make sure to bounds check any such access\n"
	"Verification failed: memory access: unbounded offset into ringbuf memory\n"
	"Reason: R2 is ringbuf_mem(sz=20) plus R1, and R1 has no upper bound (umax=4294967295)\n"
	"At: insn 19, a.bpf.c:29:13\n"
	"Causal path:\n"
	"  insn 1 (a.bpf.c:21): R6 = bpf_get_prandom_u32(): any value\n"
	"  insn 12 (a.bpf.c:27): the branch bounds R2 to [0, 16], not R1\n"
	"  insn 17 (a.bpf.c:29): R2 += R1 with R1 unbounded\n"
	"Suggestion: bound the offset before the access, e.g. 'if (off >= 20) return 0;'\n"
	"processed 19 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0\n";

/* CANNED (see above): a terse message no class knows, with its report. */
static const char log_new_report[] =
	"0: R1=ctx() R10=fp0\n"
	"; int x = pick(); @ w.bpf.c:3\n"
	"2: (85) call pick#177                 ; R0=scalar()\n"
	"; frob(x); @ w.bpf.c:4\n"
	"5: (85) call bpf_frob#211\n"
	"R1 frobnication state is not settled\n"
	"Verification failed: helper argument: bpf_frob() needs a settled frob state\n"
	"Reason: R1 comes from pick(), which may return any value;\n"
	"  bpf_frob() accepts only values from bpf_frob_init()\n"
	"At: insn 5 (w.bpf.c:4:2)\n"
	"Causal path: insn 2 (w.bpf.c:3): R0 = pick()\n"
	"Suggestion: pass a value returned by bpf_frob_init()\n"
	"processed 6 insns (limit 1000000)\n";

static void test_report(void)
{
	static const char src_a[] = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n"
				    "17\n18\n19\n20\n\tu32 idx = bpf_get_prandom_u32();\n22\n23\n"
				    "24\n25\n26\n\tif (idx > 16)\n28\n\te->buf[idx] = c;\n30\n";
	static const char src_w[] = "SEC(\"tp/x/y\")\nint p(void *ctx)\n{\n\tint x = pick();\n"
				    "\tfrob(x);\n\treturn 0;\n}\n";
	struct grade_diag *plain, *rep;
	struct vlog v;
	int has_reason = 0;

	CHECK_INT(grade_vlog_parse(&v, log_oob_report, strlen(log_oob_report)), 0, "report parse");
	CHECK_STR(v.error, "R2 unbounded memory access, make sure to bounds check any such access",
		  "the terse line stays the error");
	CHECK_INT(v.fail_insn, 19, "the failing instruction with a report");
	CHECK(v.report.present && !strcmp(v.report.category, "memory access") &&
	      !strcmp(v.report.problem, "unbounded offset into ringbuf memory"),
	      "category '%s', problem '%s'", v.report.category, v.report.problem);
	CHECK(v.report.at_line == 29 && v.report.at_col == 13 && v.report.at_insn == 19,
	      "At: line %d col %d insn %d", v.report.at_line, v.report.at_col, v.report.at_insn);
	CHECK(v.report.nsteps == 3 && v.report.steps[0].line == 21 && v.report.steps[1].line == 27 &&
	      v.report.steps[2].line == 29, "causal path: %u steps", v.report.nsteps);
	CHECK(strstr(v.report.suggestion, "off >= 20") != NULL, "suggestion: %s",
	      v.report.suggestion);
	grade_vlog_free(&v);

	/* a known class: same class and primary with and without the report; the report's
	 * reason is added as a note */
	plain = grade_diagnose_load(NULL, 0, "p", -EACCES, log_oob, strlen(log_oob), NULL, src_a,
				    sizeof(src_a) - 1, "a.bpf.c");
	rep = grade_diagnose_load(NULL, 0, "p", -EACCES, log_oob_report, strlen(log_oob_report),
				  NULL, src_a, sizeof(src_a) - 1, "a.bpf.c");
	CHECK(plain && rep && plain->known && rep->known && !strcmp(plain->cls, rep->cls) &&
	      plain->primary.line == rep->primary.line,
	      "the report does not change the class: %s vs %s", plain ? plain->cls : "",
	      rep ? rep->cls : "");
	for (unsigned i = 0; rep && i < rep->nnotes; i++)
		has_reason |= strstr(rep->notes[i], "R1 has no upper bound") != NULL;
	CHECK(has_reason, "the kernel's reason is a note");
	CHECK(rep && !strcmp(plain->help, rep->help), "the class's help wins");
	grade_diag_free(plain);
	grade_diag_free(rep);

	/* an unknown terse message: the report names it, places it and gives the help */
	CHECK_INT(grade_vlog_parse(&v, log_new_report, strlen(log_new_report)), 0, "parse 2");
	CHECK_STR(v.error, "R1 frobnication state is not settled", "terse key of an unknown log");
	CHECK(strstr(v.report.reason, "any value; bpf_frob() accepts") != NULL,
	      "a field continued on an indented line: %s", v.report.reason);
	CHECK(v.report.nsteps == 1 && v.report.steps[0].line == 3, "an inline causal path");
	grade_vlog_free(&v);
	rep = grade_diagnose_load(NULL, 0, "p", -EINVAL, log_new_report, strlen(log_new_report),
				  NULL, src_w, sizeof(src_w) - 1, "w.bpf.c");
	CHECK(rep && !rep->known && strstr(rep->title, "helper argument: bpf_frob()"),
	      "fallback titled by the report: %s", rep ? rep->title : "");
	CHECK(rep && rep->primary.line == 4 && rep->nsecondary == 1 &&
	      rep->secondary[0].line == 3 && strstr(rep->secondary[0].label, "pick()"),
	      "placed at At: and the causal path: %d, %u", rep ? rep->primary.line : -1,
	      rep ? rep->nsecondary : 0);
	CHECK(rep && !strcmp(rep->help, "pass a value returned by bpf_frob_init()"),
	      "help from the suggestion: %s", rep ? rep->help : "");
	CHECK(rep && rep->nnotes && strstr(rep->notes[0], "frobnication"),
	      "the terse line kept as a note");
	grade_diag_free(rep);
}

struct log_row {
	const char *why;
	const char *log;
	int fail_insn;
	const char *error;
	int src_line;
	int reg;              /* a register whose state before the failure is checked */
	const char *reg_state;
};

static void test_log_parser(void)
{
	static const struct log_row rows[] = {
		{ "out of bounds", log_oob, 19,
		  "R2 unbounded memory access, make sure to bounds check any such access", 29,
		  2, "ringbuf_mem(ref_obj_id=3,sz=20)" },
		{ "after a branch", log_branch, 5, "R0 invalid mem access 'scalar'", 0, 1, "7" },
		{ "empty", "", -1, "", 0, 1, NULL },
		{ "error only", "libbpf: failed\n", -1, "libbpf: failed", 0, 1, NULL },
		{ "no newline at the end", "3: (95) exit\nR0 !read_ok", 3, "R0 !read_ok", 0, 0, NULL },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct log_row *r = &rows[i];
		struct vlog v;
		char st[256];
		bool have;

		CHECK_INT(grade_vlog_parse(&v, r->log, strlen(r->log)), 0, r->why);
		CHECK_INT(v.fail_insn, r->fail_insn, r->why);
		CHECK_STR(v.error, r->error, r->why);
		CHECK_INT(v.src_line, r->src_line, r->why);
		have = v.fail >= 0 && grade_vlog_reg_before(&v, v.fail, r->reg, st, sizeof(st));
		if (r->reg_state)
			CHECK(have && !strcmp(st, r->reg_state), "%s: R%d is '%s'", r->why, r->reg,
			      have ? st : "(none)");
		else
			CHECK(!have, "%s: no state expected", r->why);
		grade_vlog_free(&v);
	}
}

static void test_fields(void)
{
	const char *st = "R2=scalar(smin=smin32=0,smax=umax=smax32=umax32=16,var_off=(0x0; 0x1f)) "
			 "R0=ringbuf_mem(ref_obj_id=3,sz=20) R3_w=-5 R4=0x10";
	char v[128];
	long long n;

	CHECK(grade_vlog_reg(st, 2, v, sizeof(v)) && grade_vlog_num(v, "umax", &n) && n == 16,
	      "umax of R2");
	CHECK(grade_vlog_num(v, "smin", &n) && n == 0, "smin of R2");
	CHECK(grade_vlog_field(v, "var_off", v, sizeof(v)) && !strcmp(v, "(0x0; 0x1f)"),
	      "var_off: %s", v);
	CHECK(grade_vlog_reg(st, 0, v, sizeof(v)) && grade_vlog_num(v, "sz", &n) && n == 20, "sz");
	CHECK(grade_vlog_reg(st, 3, v, sizeof(v)) && grade_vlog_num(v, NULL, &n) && n == -5, "R3");
	CHECK(grade_vlog_reg(st, 4, v, sizeof(v)) && grade_vlog_num(v, NULL, &n) && n == 16, "R4");
	CHECK(!grade_vlog_reg(st, 1, v, sizeof(v)), "R1 absent");
	CHECK(!grade_vlog_reg("R10=fp0", 1, v, sizeof(v)), "R1 is not R10");
}

/* a lookup whose result is used unchecked, with a key on the stack */
static const char log_names[] =
	"0: R1=ctx() R10=fp0\n"
	"; u32 key = 0; @ t.bpf.c:4\n"
	"0: (b7) r1 = 0                        ; R1_w=0\n"
	"1: (63) *(u32 *)(r10 -4) = r1         ; R1_w=0 R10=fp0 fp-8=0000????\n"
	"; u64 *v = bpf_map_lookup_elem(&m, &key); @ t.bpf.c:5\n"
	"2: (bf) r2 = r10                      ; R2_w=fp0 R10=fp0\n"
	"3: (07) r2 += -4                      ; R2_w=fp-4\n"
	"4: (18) r1 = 0xffff888100000000       ; R1_w=map_ptr(map=m,ks=4,vs=8)\n"
	"6: (85) call bpf_map_lookup_elem#1    ; R0_w=map_value_or_null(id=1,map=m,ks=4,vs=8)\n"
	"7: (bf) r6 = r0                       ; R0_w=map_value_or_null(id=1,map=m,ks=4,vs=8) "
	"R6_w=map_value_or_null(id=1,map=m,ks=4,vs=8)\n"
	"; *v += 1; @ t.bpf.c:6\n"
	"8: (79) r1 = *(u64 *)(r6 +0)\n"
	"R6 invalid mem access 'map_value_or_null'\n"
	"processed 9 insns (limit 1000000) max_states_per_insn 0 total_states 0\n";

/* The trace names registers and stack slots after the learner's variables (verifier_names.c)
 * and shows the slots the log printed: a copy of the lookup's result is `v`, the key pointer
 * `&key`, the slot the key was stored in `key`, with its state on the refused step too. */
static const struct grade_trace_reg *trace_reg(const struct grade_trace_step *s, const char *r)
{
	for (unsigned k = 0; k < s->nregs; k++)
		if (!strcmp(s->regs[k].name, r))
			return &s->regs[k];
	return NULL;
}

static void test_trace_names(void)
{
	static const char src[] = "SEC(\"tp/x/y\")\n"                              /* 1 */
				  "int p(void *ctx)\n"                                  /* 2 */
				  "{\n"                                                  /* 3 */
				  "\tu32 key = 0;\n"                                     /* 4 */
				  "\tu64 *v = bpf_map_lookup_elem(&m, &key);\n"          /* 5 */
				  "\t*v += 1;\n"                                         /* 6 */
				  "\treturn 0;\n"                                        /* 7 */
				  "}\n";
	struct grade_diag *d = grade_diagnose_load(NULL, 0, "p", -13, log_names, sizeof(log_names) - 1,
						   "m", src,
						   sizeof(src) - 1, "t.bpf.c");
	const struct grade_trace_step *s5 = NULL, *last;
	const struct grade_trace_reg *r;
	struct buf text;

	CHECK(d && d->ntrace >= 2, "trace of %u steps", d ? d->ntrace : 0);
	if (!d || d->ntrace < 2) {
		grade_diag_free(d);
		return;
	}
	for (unsigned i = 0; i < d->ntrace; i++)
		if (d->trace[i].line == 5)
			s5 = &d->trace[i];
	last = &d->trace[d->ntrace - 1];
	CHECK(s5 && (r = trace_reg(s5, "R6")) && !strcmp(r->var, "v"), "R6 after the lookup is v");
	CHECK(s5 && (r = trace_reg(s5, "R0")) && !strcmp(r->var, "v"), "R0 after the lookup is v");
	CHECK(s5 && (r = trace_reg(s5, "R2")) && !strcmp(r->var, "&key"), "R2 points at key");
	CHECK(s5 && (r = trace_reg(s5, "R1")) && !r->var[0], "R1 (the map) has no variable");
	CHECK(d->trace[0].nstack == 1 && !strcmp(d->trace[0].stack[0].slot, "fp-8") &&
	      !strcmp(d->trace[0].stack[0].state, "0000????") &&
	      !strcmp(d->trace[0].stack[0].var, "key"), "line 4 stores key in fp-8: %s %s %s",
	      d->trace[0].nstack ? d->trace[0].stack[0].slot : "", d->trace[0].nstack ?
	      d->trace[0].stack[0].state : "", d->trace[0].nstack ? d->trace[0].stack[0].var : "");
	CHECK(last->rejected && (r = trace_reg(last, "R6")) && !strcmp(r->var, "v") &&
	      last->nstack == 1 && !strcmp(last->stack[0].var, "key"),
	      "the refused step: R6 is v, the stack still holds key");
	buf_init(&text, 1 << 16);
	CHECK(!grade_trace_render_text(d, 0, &text) && text.data &&
	      strstr((char *)text.data, "R6 (v) = map_value_or_null") &&
	      strstr((char *)text.data, "stack fp-8 (key) = 0000????"), "rendered: %s",
	      text.data ? (char *)text.data : "");
	buf_free(&text);
	grade_diag_free(d);
}

/* ---- hostile logs: a deterministic fuzz loop over the whole diagnosis ---- */

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* A load refused with no verifier log (EPERM for fentry on a host that lacks trampolines):
 * the title is libbpf's first line without its prefix, libbpf's MEMLOCK guess is dropped, and
 * the help points to the VM sandbox. */
static void test_message_only(void)
{
	static const char msg[] = "libbpf: prog 'on_unlink': BPF program load failed: Operation not permitted\n"
				  "libbpf: permission error while running as root; try raising 'ulimit -l'? current value: 8.0 MiB\n"
				  "libbpf: prog 'on_unlink': failed to load: -1\n";
	static const char src[] = "SEC(\"fentry/do_unlinkat\")\nint on_unlink(void *ctx) { return 0; }\n";
	struct grade_diag *d = grade_diagnose_load(NULL, 0, "on_unlink", -EPERM, "", 0, msg, src,
						   sizeof(src) - 1, "f.bpf.c");

	CHECK(d != NULL, "message-only diagnosis");
	if (!d)
		return;
	CHECK(!strchr(d->title, '\n') && strstr(d->title, "BPF program load failed") &&
	      !strstr(d->title, "libbpf:"), "one-line title: %s", d->title);
	CHECK(strstr(d->help, "--sandbox vm") != NULL, "help points to the VM: %s", d->help);
	for (unsigned i = 0; i < d->nnotes; i++)
		CHECK(!strstr(d->notes[i], "ulimit"), "no MEMLOCK guess: %s", d->notes[i]);
	grade_diag_free(d);
}

/* Loading cut by its deadline (LOAD_FAILED with -ETIMEDOUT): explained at the loop, from the
 * log's last backward jump when the attempt had a log, else from the source. */
static void test_load_timeout(void)
{
	static const char src[] = "SEC(\"tp/x/y\")\n"              /* 1 */
				  "int p(void *ctx)\n"                  /* 2 */
				  "{\n"                                  /* 3 */
				  "\tfor (int i = 0; i < 8; i++)\n"      /* 4 */
				  "\t\tx++;\n"                          /* 5 */
				  "\tfor (u32 j = 0; j < n; j++)\n"      /* 6 */
				  "\t\tsum += j;\n"                     /* 7 */
				  "\treturn 0;\n"                        /* 8 */
				  "}\n";
	static const char log[] = "; sum += j; @ t.bpf.c:7\n"
				  "7: (0f) r7 += r0\n"
				  "; for (u32 j = 0; j < n; j++) @ t.bpf.c:6\n"
				  "8: (2d) if r6 > r1 goto pc-3\n";
	static const char msg[] = "loading took longer than 8000 ms: the verifier was still "
				  "exploring the paths of program 'p'";
	struct grade_diag *d;

	d = grade_diagnose_load(NULL, 0, "p", -ETIMEDOUT, "", 0, msg, src, sizeof(src) - 1, "t.bpf.c");
	CHECK(d && d->known && !strcmp(d->cls, "verifier-timeout"), "timeout without a log: %s",
	      d ? d->cls : "(none)");
	CHECK(d && d->primary.line == 6, "the unbounded loop, from the source: line %d",
	      d ? d->primary.line : -1);
	CHECK(d && strstr(d->title, "8.0 s"), "the limit in the title: %s", d ? d->title : "");
	grade_diag_free(d);
	d = grade_diagnose_load(NULL, 0, "p", -ETIMEDOUT, log, sizeof(log) - 1, msg, src,
				sizeof(src) - 1, "t.bpf.c");
	CHECK(d && d->known && d->primary.line == 6, "the loop of the last backward jump: line %d",
	      d ? d->primary.line : -1);
	CHECK(d && d->trace_deadline && d->ntrace == 2 && d->trace[0].line == 7 &&
	      d->trace[1].line == 6 && d->trace[1].rejected,
	      "the log so far as a trace, ending where the verifier was: %u steps", d ? d->ntrace : 0);
	grade_diag_free(d);
}

static void test_fuzz(void)
{
	static const char *const seeds[] = { log_oob, log_branch, log_oob_report, log_new_report,
					     log_names };
	static const char *const junk[] = { "R", "=", "(", ")", "; ", " @ ", ":", "\n", "from ",
					    " to ", "0x", "-", "99999999999", "scalar(", "\xff",
					    "processed 1 insns", "Validating f() func#1...\n",
					    /* the shapes the newer classes parse */
					    "invalid access to packet, off=12 size=2, R1(id=0,off=12,r=0)\n",
					    "Unreleased reference id=2 alloc_insn=", "goto pc-",
					    "func 'p' doesn't have 3-th argument\n", "cannot pass map_type ",
					    "calling kernel function p is not allowed\n", "arg #",
					    "variable ctx access var_off=", "dereference of modified ctx ptr R1 off=",
					    "At callback return the register R0 ", "longer than 9 ms",
					    "call bpf_skb_pull_data#39", "call bpf_ringbuf_submit#132",
					    /* the 7.3+ report */
					    "Verification failed: ", "Verification failed: a: b\n",
					    "Reason: ", "At: insn ", "a.bpf.c:", ".c:99999999:",
					    "Causal path:\n", "  insn 3 (a.bpf.c:4): ", "Suggestion: ",
					    /* what the trace's names and stack slots read */
					    " fp-8=", "fp-99999999=", " fp-16_w=map_value(", "*(u64 *)(r10 -",
					    ") = r", "r2 = r10", "r2 += -", "r10 ", "w3 = w", " = *(u32 *)(r10 ",
					    "call bpf_map_lookup_elem#1", "r0 <<= 32" };
	static const int errs[] = { -13, -22, -110, -7, -28 };
	static const char src[] = "SEC(\"xdp\")\nint BPF_PROG(p, int a)\n{\n\tint y = e->buf[idx];\n"
				  "\tfor (int i = 0; i < n; i++)\n\t\tctx->args[i] = *l4;\n"
				  "\tu64 *v = f(&k), a = 1, *b = (int *)g(x) ? : c;\n\ts.x[i] += h() == 2;\n}\n";
	char buf[4096];
	int ok = 1;

	for (int it = 0; it < 3000 && ok; it++) {
		const char *seed = seeds[next_rand() % (sizeof(seeds) / sizeof(seeds[0]))];
		size_t n = strlen(seed), len = 0;
		struct grade_diag *d;
		struct buf out;

		/* splice the seed's pieces with junk, truncated anywhere */
		while (len < sizeof(buf) - 64 && len < n * 2) {
			if (next_rand() % 4 == 0) {
				const char *j = junk[next_rand() % (sizeof(junk) / sizeof(junk[0]))];

				memcpy(buf + len, j, strlen(j));
				len += strlen(j);
			} else {
				size_t a = next_rand() % n, k = 1 + next_rand() % 40;

				k = a + k > n ? n - a : k;
				memcpy(buf + len, seed + a, k);
				len += k;
			}
			if (next_rand() % 16 == 0)
				buf[len++] = (char)next_rand();
		}
		d = grade_diagnose_load(it % 3 ? NULL : buf, len, "p", errs[it % 5], buf, len, buf, src,
					sizeof(src) - 1, "a.bpf.c");
		ok = d != NULL;
		buf_init(&out, 1 << 20);
		if (d) {
			json_t *j = pipeline_diag_json(d);

			ok = !grade_diag_render_text(d, it & 1, &out) &&
			     !grade_trace_render_text(d, it & 1, &out) && j;
			json_decref(j);
		}
		buf_free(&out);
		grade_diag_free(d);
	}
	CHECK(ok, "fuzzed logs are diagnosed and rendered");
	CHECK(grade_diagnose_load(NULL, 0, NULL, 0, NULL, 0, NULL, NULL, 0, NULL) == NULL &&
	      errno == EINVAL, "err 0 is EINVAL");
}

/* ---- fixtures in the real kernel ---- */

struct outcome {
	int load_failed, attach_failed;
	int err;
	char prog[PROTO_NAME_MAX], section[PROTO_NAME_MAX], msg[PROTO_TEXT_MAX];
	char *log;
	size_t log_len;
};

static int on_frame(const struct sandbox_msg *m, void *ctx)
{
	struct outcome *o = ctx;

	if (m->type == FRAME_LOAD_FAILED) {
		const struct proto_load_failed lf = m->u.load_failed;

		o->load_failed = 1;
		o->err = lf.err;
		snprintf(o->prog, sizeof(o->prog), "%s", lf.prog);
		snprintf(o->msg, sizeof(o->msg), "%s", lf.msg);
		o->log = malloc(lf.log_len + 1);
		if (!o->log)
			return -ENOMEM;
		memcpy(o->log, lf.log, lf.log_len);
		o->log[lf.log_len] = 0;
		o->log_len = lf.log_len;
	} else if (m->type == FRAME_ATTACH_FAILED && !o->attach_failed) {
		const struct proto_attach_failed af = m->u.attach_failed;

		o->attach_failed = 1;
		o->err = af.err;
		snprintf(o->prog, sizeof(o->prog), "%s", af.prog);
		snprintf(o->section, sizeof(o->section), "%s", af.section);
		snprintf(o->msg, sizeof(o->msg), "%s", af.msg);
	}
	return 0;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "re");
	char *b = NULL;
	long n;

	*len = 0;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (b = malloc((size_t)n + 1)))
		*len = fread(b, 1, (size_t)n, f);
	fclose(f);
	if (b)
		b[*len] = 0;
	return b;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The diagnosis's JSON form, from the one event writer (pipeline.h). */
static int check_json(const struct grade_diag *d, const char *name)
{
	json_t *j = pipeline_diag_json(d);
	int ok;

	ok = j && json_is_string(json_object_get(j, "title")) &&
	     json_is_object(json_object_get(j, "primary")) &&
	     json_is_array(json_object_get(j, "secondary")) &&
	     json_is_string(json_object_get(j, "raw_log")) &&
	     json_integer_value(json_object_get(json_object_get(j, "primary"), "line")) ==
	     d->primary.line;
	CHECK(ok, "%s: JSON rendering parses and has its fields", name);
	json_decref(j);
	return ok;
}

/* What the verifier saw (d->trace and its JSON): for a rejection whose log has instructions,
 * a path in order that ends on the refused step; on fixture 05 (an off-by-one check), the
 * check's jump and the refused line with the pointer's state, in each kernel. */
static void check_trace(const struct grade_diag *d, const char *name, const char *kernel,
			int rejected_insns)
{
	json_t *j, *t, *last;
	int ok = 1, saw_check = 0;
	struct buf text;

	if (rejected_insns < 0) {   /* an attach failure: no log, no trace */
		CHECK(d->ntrace == 0, "%s (%s): a trace without instructions", name, kernel);
		return;
	}
	if (!rejected_insns)        /* a load cut short, or no instruction refused */
		return;
	CHECK(d->ntrace > 0 && d->ntrace <= GRADE_TRACE_MAX_STEPS && d->trace[d->ntrace - 1].rejected,
	      "%s (%s): trace of %u steps, the last not the refused one", name, kernel, d->ntrace);
	for (unsigned i = 0; i < d->ntrace; i++) {
		const struct grade_trace_step *s = &d->trace[i];

		ok &= s->ninsns > 0 && s->insn >= 0 && (i == 0 || s->insn != d->trace[i - 1].insn) &&
		      (!s->rejected || i + 1 == d->ntrace);
		if (s->line == 27 && !strcmp(s->branch, "taken"))
			saw_check = 1;
	}
	CHECK(ok, "%s (%s): a trace step without instructions or out of place", name, kernel);
	j = pipeline_diag_json(d);
	t = j ? json_object_get(j, "verifier_trace") : NULL;
	last = t ? json_array_get(t, json_array_size(t) - 1) : NULL;
	CHECK(json_array_size(t) == d->ntrace && last &&
	      json_is_integer(json_object_get(last, "line")) &&
	      json_is_integer(json_object_get(last, "insn")) &&
	      json_is_string(json_object_get(last, "text")) &&
	      json_is_true(json_object_get(last, "rejected")),
	      "%s (%s): verifier_trace in the JSON diagnosis", name, kernel);
	if (!strcmp(name, "05-ringbuf-off-by-one.bpf.c")) {
		const struct grade_trace_step *s = &d->trace[d->ntrace - 1];
		const char *r1 = json_string_value(json_object_get(json_object_get(last, "regs"),
								   "R1"));

		CHECK(saw_check, "%s (%s): the trace lacks the check at line 27, jump taken", name,
		      kernel);
		CHECK(s->line == 31 && r1 && strstr(r1, "ringbuf_mem") && strstr(r1, "umax") &&
		      strstr(s->text, "e->buf[idx]"),
		      "%s (%s): refused step at line %d '%s', R1 %s", name, kernel, s->line, s->text,
		      r1 ? r1 : "(none)");
		buf_init(&text, 1 << 20);
		CHECK(!grade_trace_render_text(d, 0, &text) && text.data &&
		      strstr((char *)text.data, "31 | e->buf[idx] = 'c';") &&
		      strstr((char *)text.data, "<- refused here") &&
		      strstr((char *)text.data, "<- jump taken"),
		      "%s (%s): rendered trace:\n%s", name, kernel,
		      text.data ? (char *)text.data : "");
		buf_free(&text);
	}
	json_decref(j);
}

/* The kernels a fixture runs in.  A fixture that one kernel accepts says so in a comment
 * "fixture: host only: <why>" (or "vm only") and runs only where it is rejected.  Its
 * diagnosis is <NN-class>.expected when both kernels word it alike, else one file per kernel,
 * <NN-class>.host.expected and <NN-class>.vm.expected. */
enum { K_HOST, K_VM, K_N };
static const char *const kernel_names[K_N] = { "host", "vm" };

static int fixture_runs_in(const char *src, int k)
{
	const char *only = strstr(src, "fixture: ");

	if (!only || !strstr(only, " only:"))
		return 1;
	return !strncmp(only + 9, kernel_names[k], strlen(kernel_names[k]));
}

static void expected_path(char *out, size_t cap, const char *name, const char *kernel)
{
	int stem = (int)(strlen(name) - strlen(".bpf.c"));

	if (kernel)
		snprintf(out, cap, FIXTURE_DIR "/%.*s.%s.expected", stem, name, kernel);
	else
		snprintf(out, cap, FIXTURE_DIR "/%.*s.expected", stem, name);
}

/* The distinct classes seen per kernel (for the closing line). */
static char seen_cls[2][MAX_FIXTURES][40];
static int nseen[2];

static void saw_class(int k, const char *cls)
{
	for (int i = 0; i < nseen[k]; i++)
		if (!strcmp(seen_cls[k][i], cls))
			return;
	if (nseen[k] < MAX_FIXTURES)
		snprintf(seen_cls[k][nseen[k]++], sizeof(seen_cls[k][0]), "%s", cls);
}

/* Whether a step of @d's trace is on @line. */
static int trace_visits(const struct grade_diag *d, int line)
{
	for (unsigned i = 0; i < d->ntrace; i++)
		if (d->trace[i].line == line)
			return 1;
	return 0;
}

/* Load @cr's object in kernel @k and diagnose the rejection; the rendered text in @text.
 * 1 when a class diagnosed it, 0 for the fallback or a failure (reported). */
static int on_line(const struct grade_diag *d, int line)
{
	if (d->primary.line == line)
		return 1;
	for (unsigned i = 0; i < d->nsecondary; i++)
		if (d->secondary[i].line == line)
			return 1;
	return 0;
}

/* ... and, @want_line non-zero, sets *@hit when a class placed its primary or a secondary span
 * on that line. */
static int diagnose_in(const char *name, const char *src, size_t src_len,
		       const struct compile_result *cr, int k, int show, struct buf *text,
		       int want_line, int *hit, int *accepted)
{
	struct sandbox_job job = { .exercise = "process-name", .key = 1,
				   .obj = cr->obj, .obj_len = cr->obj_len };
	struct sandbox_opts sopts = { .kind = k == K_VM ? SANDBOX_VM : SANDBOX_HOST,
				      .timeout_ms = 20000 };
	struct outcome o = { 0 };
	struct dojo_err err = { 0 };
	struct grade_diag *d = NULL;
	int rc, known = 0;

	rc = sandbox_run(&job, &sopts, on_frame, &o, NULL, &err);
	CHECK(rc == 0, "%s (%s): sandbox_run: %d %s", name, kernel_names[k], rc, err.msg);
	if (accepted)   /* a figure's set: a kernel that accepts it is counted apart */
		*accepted = rc == 0 && !o.load_failed && !o.attach_failed;
	else
		CHECK(o.load_failed || o.attach_failed, "%s (%s): was not rejected", name,
		      kernel_names[k]);
	if (show)
		printf("---- %s (%s): err %d prog '%s' section '%s'\nmsg: %s\n%s\n", name,
		       kernel_names[k], o.err, o.prog, o.section, o.msg, o.log ? o.log : "");
	if (o.load_failed)
		d = grade_diagnose_load(cr->obj, cr->obj_len, o.prog, o.err, o.log, o.log_len,
					o.msg, src, src_len, name);
	else if (o.attach_failed)
		d = grade_diagnose_attach(cr->obj, cr->obj_len, o.prog, o.section, o.err, o.msg,
					  src, src_len, name);
	if (o.load_failed || o.attach_failed) {
		CHECK(d != NULL, "%s (%s): no diagnosis", name, kernel_names[k]);
		if (d) {
			known = d->known;
			if (known && !want_line)
				saw_class(k, d->cls);
			if (hit)
				*hit = known && on_line(d, want_line);
			if (accepted && !strcmp(d->cls, "no-dojo-h"))
				*accepted = 1;   /* verified, then refused for the missing dojo.h */
			else
				CHECK(!want_line || strcmp(d->cls, "no-dojo-h"),
				      "%s (%s): the verifier accepted it", name, kernel_names[k]);
			CHECK(!grade_diag_render_text(d, 0, text), "%s: render", name);
			check_json(d, name);
			check_trace(d, name, kernel_names[k], !o.load_failed ? -1 :
				    o.log && strstr(o.log, ": (") && strcmp(d->cls, "no-dojo-h") &&
				    strcmp(d->cls, "unknown"));
			/* a load cut by its deadline: the agent gives the verifier's log so far */
			CHECK(strcmp(d->cls, "verifier-timeout") || (d->ntrace > 1 && d->trace_deadline &&
			      trace_visits(d, d->primary.line)),
			      "%s (%s): loading ran out of time, but no trace of the path the verifier "
			      "was walking (%u steps; log: %.200s)", name, kernel_names[k], d->ntrace,
			      o.log ? o.log : "");
			if (show) {
				struct buf tr;

				buf_init(&tr, 1 << 20);
				if (!grade_trace_render_text(d, 0, &tr) && tr.len)
					printf("%.*s", (int)tr.len, (char *)tr.data);
				buf_free(&tr);
				printf("class: %s\n%s", d->cls, text->data ? (char *)text->data : "");
			}
		}
	}
	grade_diag_free(d);
	free(o.log);
	return known;
}

static void write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "we");

	CHECK(f && fwrite(b->data, 1, b->len, f) == b->len, "%s: cannot write", path);
	if (f)
		fclose(f);
}

static int same_text(const struct buf *a, const struct buf *b)
{
	return a->len == b->len && (!a->len || !memcmp(a->data, b->data, a->len));
}

/* UPDATE_EXPECTED=1: one <NN>.expected when the kernels it ran in say the same (or it runs in
 * one kernel only), else <NN>.host.expected and <NN>.vm.expected.  A run restricted to one
 * kernel (VERIFIER_KERNEL) writes that kernel's file only where the shared one differs. */
static void update_expected(const char *name, const int *in, int both, const struct buf *text)
{
	char shared[512], per[K_N][512];

	expected_path(shared, sizeof(shared), name, NULL);
	for (int k = 0; k < K_N; k++)
		expected_path(per[k], sizeof(per[k]), name, kernel_names[k]);
	if (in[K_HOST] && in[K_VM]) {
		if (same_text(&text[K_HOST], &text[K_VM])) {
			write_file(shared, &text[K_HOST]);
			unlink(per[K_HOST]);
			unlink(per[K_VM]);
		} else {
			write_file(per[K_HOST], &text[K_HOST]);
			write_file(per[K_VM], &text[K_VM]);
			unlink(shared);
		}
		return;
	}
	for (int k = 0; k < K_N; k++) {
		size_t len = 0;
		char *cur;

		if (!in[k])
			continue;
		if (!both) {   /* the fixture runs in this kernel only */
			write_file(shared, &text[k]);
			unlink(per[k]);
			continue;
		}
		cur = slurp(shared, &len);
		if (cur && len == text[k].len && (!len || !memcmp(cur, text[k].data, len)))
			unlink(per[k]);
		else
			write_file(per[k], &text[k]);
		free(cur);
	}
}

/* Compile one fixture, load and diagnose it in each kernel it runs in; adds to @known[k] the
 * kernels where a class diagnosed it and to @ran[k] where it ran. */
static void run_fixture(const char *name, int update, int show, const int *kernels,
			int *known, int *ran)
{
	char path[512], exp_path[512];
	size_t src_len;
	char *src;
	struct compile_result cr = { 0 };
	struct compile_opts copts = { .filename = name };
	struct dojo_err err = { 0 };
	struct buf text[K_N];
	int rc, in[K_N];

	snprintf(path, sizeof(path), FIXTURE_DIR "/%s", name);
	src = slurp(path, &src_len);
	CHECK(src, "cannot read %s", path);
	if (!src)
		return;
	for (int k = 0; k < K_N; k++) {
		buf_init(&text[k], 1 << 20);
		in[k] = kernels[k] && fixture_runs_in(src, k);
	}
	rc = compile_bpf(src, src_len, &copts, &cr, &err);
	CHECK(rc == 0 && cr.status == COMPILE_OK, "%s: does not compile: %s %s", name, err.msg,
	      cr.raw_stderr ? cr.raw_stderr : "");
	if (rc || cr.status != COMPILE_OK)
		goto out;
	for (int k = 0; k < K_N; k++) {
		if (!in[k])
			continue;
		ran[k]++;
		if (diagnose_in(name, src, src_len, &cr, k, show, &text[k], 0, NULL, NULL))
			known[k]++;
		else
			printf("  fallback (%s): %s\n", kernel_names[k], name);
	}
	if (update) {
		update_expected(name, in, fixture_runs_in(src, K_HOST) && fixture_runs_in(src, K_VM), text);
		goto out;
	}
	for (int k = 0; k < K_N; k++) {
		size_t exp_len = 0;
		char *expected;

		if (!in[k])
			continue;
		expected_path(exp_path, sizeof(exp_path), name, kernel_names[k]);
		expected = slurp(exp_path, &exp_len);
		if (!expected) {
			expected_path(exp_path, sizeof(exp_path), name, NULL);
			expected = slurp(exp_path, &exp_len);
		}
		CHECK(expected && exp_len == text[k].len &&
		      (!exp_len || !memcmp(expected, text[k].data, exp_len)),
		      "%s (%s): diagnosis differs from %s:\n%s", name, kernel_names[k], exp_path,
		      text[k].data ? (char *)text[k].data : "");
		free(expected);
	}
out:
	for (int k = 0; k < K_N; k++)
		buf_free(&text[k]);
	compile_result_free(&cr);
	free(src);
}

/* VERIFIER_ONLY=a,b,c: the fixtures whose names contain one of them. */
static int selected(const char *name, const char *only)
{
	char want[256];

	if (!only)
		return 1;
	snprintf(want, sizeof(want), "%s", only);
	for (char *save = NULL, *w = strtok_r(want, ",", &save); w; w = strtok_r(NULL, ",", &save))
		if (strstr(name, w))
			return 1;
	return 0;
}

/* VERIFIER_KERNEL=host or vm runs the fixtures in that kernel only (default: both). */
static void test_fixtures(void)
{
	const char *only = getenv("VERIFIER_ONLY"), *kern = getenv("VERIFIER_KERNEL");
	int update = getenv("UPDATE_EXPECTED") && !strcmp(getenv("UPDATE_EXPECTED"), "1");
	int show = getenv("VERIFIER_SHOW") != NULL;
	int kernels[K_N], known[K_N] = { 0 }, ran[K_N] = { 0 };
	char *names[MAX_FIXTURES];
	size_t n = 0;
	DIR *dir = opendir(FIXTURE_DIR);
	struct dirent *e;

	for (int k = 0; k < K_N; k++)
		kernels[k] = !kern || !strcmp(kern, kernel_names[k]);
	CHECK(dir, "cannot open " FIXTURE_DIR " (run from the repository root)");
	while (dir && (e = readdir(dir)) && n < MAX_FIXTURES) {
		size_t l = strlen(e->d_name);

		if (l > 6 && !strcmp(e->d_name + l - 6, ".bpf.c") && selected(e->d_name, only))
			names[n++] = strdup(e->d_name);
	}
	if (dir)
		closedir(dir);
	CHECK(n < MAX_FIXTURES, "more than %d fixtures: raise MAX_FIXTURES", MAX_FIXTURES);
	qsort(names, n, sizeof(names[0]), cmp_names);
	for (size_t i = 0; i < n; i++) {
		if (names[i])
			run_fixture(names[i], update, show, kernels, known, ran);
		free(names[i]);
	}
	printf("verifier: %d of %d fixture classes diagnosed (vm), %d of %d (host)\n",
	       known[K_VM], ran[K_VM], known[K_HOST], ran[K_HOST]);
	printf("verifier: %d distinct classes (vm), %d (host)\n", nseen[K_VM], nseen[K_HOST]);
}

/* ---- the sets nobody here wrote the classes for: their rates are figures ----
 * wild:  tests/verifier-wild/MANIFEST rows "<file> <line> <both|vm|host>" (looked at while the
 *        classes were tuned: no longer blind);
 * blind: tests/verifier-blind/<NN>.bpf.c, the line a good explanation must point at marked in the
 *        file with "// expect-line" (before any diagnosis ran), "// blind: vm only" (or host)
 *        where one kernel is meant; never tuned to. */

#define WILD_DIR  "tests/verifier-wild"
#define BLIND_DIR "tests/verifier-blind"

struct set_tally {
	const char *label;
	int must_reject;   /* the wild set is all rejections: an acceptance fails the test */
	int hit[K_N], ran[K_N], accepted[K_N];
};

/* One program of a set in each kernel named: a rejection must be diagnosed without a crash;
 * whether a class named it with a span on @line is a figure, and so is a kernel accepting it. */
static void run_set_program(const char *dir, const char *name, int line, const char *kernels,
			    int show, const int *kern, struct set_tally *t)
{
	char path[512];
	size_t src_len;
	char *src;
	struct compile_result cr = { 0 };
	struct compile_opts copts = { .filename = name };
	struct dojo_err err = { 0 };
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	src = slurp(path, &src_len);
	CHECK(src, "cannot read %s", path);
	if (!src)
		return;
	rc = compile_bpf(src, src_len, &copts, &cr, &err);
	CHECK(rc == 0 && cr.status == COMPILE_OK, "%s: does not compile: %s %s", name, err.msg,
	      cr.raw_stderr ? cr.raw_stderr : "");
	for (int k = 0; rc == 0 && cr.status == COMPILE_OK && k < K_N; k++) {
		struct buf text;
		int h = 0, known, acc = 0;

		if (!kern[k] || (strcmp(kernels, "both") && strcmp(kernels, kernel_names[k])))
			continue;
		buf_init(&text, 1 << 20);
		known = diagnose_in(name, src, src_len, &cr, k, show, &text, line, &h,
				    t->must_reject ? NULL : &acc);
		if (acc) {
			t->accepted[k]++;
			printf("  %s (%s): %s: accepted by this kernel (not counted)\n", t->label,
			       kernel_names[k], name);
		} else {
			t->ran[k]++;
			t->hit[k] += h;
			if (!h)
				printf("  %s (%s): %s: %s, not at line %d\n", t->label, kernel_names[k],
				       name, known ? "named" : "fallback", line);
		}
		buf_free(&text);
	}
	compile_result_free(&cr);
	free(src);
}

static void set_kernels(int *kernels)
{
	const char *kern = getenv("VERIFIER_KERNEL");

	for (int k = 0; k < K_N; k++)
		kernels[k] = !kern || !strcmp(kern, kernel_names[k]);
}

static void test_wild(void)
{
	const char *only = getenv("VERIFIER_ONLY");
	int show = getenv("VERIFIER_SHOW") != NULL;
	int kernels[K_N];
	struct set_tally t = { .label = "verifier-wild", .must_reject = 1 };
	FILE *f = fopen(WILD_DIR "/MANIFEST", "re");
	char row[512];

	set_kernels(kernels);
	CHECK(f, "cannot open " WILD_DIR "/MANIFEST (run from the repository root)");
	while (f && fgets(row, sizeof(row), f)) {
		char name[256], which[16];
		int line;

		if (row[0] == '#' || row[0] == '\n')
			continue;
		if (sscanf(row, "%255s %d %15s", name, &line, which) != 3 || line <= 0) {
			CHECK(0, "MANIFEST: bad row: %s", row);
			continue;
		}
		if (selected(name, only))
			run_set_program(WILD_DIR, name, line, which, show, kernels, &t);
	}
	if (f)
		fclose(f);
	printf("verifier-wild: named class with a span on the right line in %d of %d (vm), "
	       "%d of %d (host)\n", t.hit[K_VM], t.ran[K_VM], t.hit[K_HOST], t.ran[K_HOST]);
}

/* The line of @src marked "// expect-line" (0 if none, -1 if more than one), and the kernels
 * its "// blind: <vm|host> only" comment names into @which ("both" without one). */
static int blind_marks(const char *src, char *which, size_t cap)
{
	const char *only = strstr(src, "// blind: "), *m = strstr(src, "// expect-line");
	int line = 1;

	snprintf(which, cap, "both");
	if (only && !strncmp(only + 10, "vm only", 7))
		snprintf(which, cap, "vm");
	else if (only && !strncmp(only + 10, "host only", 9))
		snprintf(which, cap, "host");
	if (!m)
		return 0;
	if (strstr(m + 1, "// expect-line"))
		return -1;
	for (const char *p = src; p < m; p++)
		line += *p == '\n';
	return line;
}

static void test_blind(void)
{
	const char *only = getenv("VERIFIER_ONLY");
	int show = getenv("VERIFIER_SHOW") != NULL;
	int kernels[K_N];
	struct set_tally t = { .label = "verifier-blind" };
	char *names[MAX_FIXTURES];
	size_t n = 0;
	DIR *dir = opendir(BLIND_DIR);
	struct dirent *e;

	set_kernels(kernels);
	CHECK(dir, "cannot open " BLIND_DIR " (run from the repository root)");
	while (dir && (e = readdir(dir)) && n < MAX_FIXTURES) {
		size_t l = strlen(e->d_name);

		if (l > 6 && !strcmp(e->d_name + l - 6, ".bpf.c") && selected(e->d_name, only))
			names[n++] = strdup(e->d_name);
	}
	if (dir)
		closedir(dir);
	CHECK(n < MAX_FIXTURES, "more than %d programs: raise MAX_FIXTURES", MAX_FIXTURES);
	qsort(names, n, sizeof(names[0]), cmp_names);
	for (size_t i = 0; i < n; i++) {
		char path[512], which[8];
		size_t len;
		char *src;
		int line;

		if (!names[i])
			continue;
		snprintf(path, sizeof(path), BLIND_DIR "/%s", names[i]);
		src = slurp(path, &len);
		line = src ? blind_marks(src, which, sizeof(which)) : 0;
		CHECK(line > 0, "%s: needs exactly one \"// expect-line\" mark", names[i]);
		if (line > 0)
			run_set_program(BLIND_DIR, names[i], line, which, show, kernels, &t);
		free(src);
		free(names[i]);
	}
	printf("verifier blind set: %d of %d named at the right line (vm), %d of %d (host)\n",
	       t.hit[K_VM], t.ran[K_VM], t.hit[K_HOST], t.ran[K_HOST]);
	if (t.accepted[K_VM] || t.accepted[K_HOST])
		printf("verifier blind set: accepted, so not counted: %d (vm), %d (host)\n",
		       t.accepted[K_VM], t.accepted[K_HOST]);
}

int main(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "wild") || !strcmp(argv[1], "blind"))) {
		int wild = !strcmp(argv[1], "wild");

		if (geteuid() != 0)
			CHECK(0, "verifier-%s: needs root (it loads into this kernel)", argv[1]);
		else if (wild)
			test_wild();
		else
			test_blind();
		return harness_done(wild ? "verifier-wild" : "verifier-blind");
	}
	test_log_parser();
	test_fields();
	test_report();
	test_message_only();
	test_load_timeout();
	test_trace_names();
	test_fuzz();
	if (geteuid() != 0) {
		fprintf(stderr, "test_verifier: fixtures need root (they load into this kernel)\n");
		CHECK(0, "not root");
	} else {
		test_fixtures();
	}
	return harness_done("verifier");
}
