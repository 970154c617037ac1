/* test_verifier_log.c: the verifier-log diagnosis (src/grade/verifier.h) on canned logs,
 * without a kernel: the log parser (failing instruction, error line, source line, register
 * states), the 7.3+ structured report, a load cut by its deadline, the trace's names for
 * registers and stack slots, then a deterministic fuzz loop over the whole diagnosis and its
 * renderings with mutated logs (built with ASan/UBSan), and how a name is found on a line.
 * The fixtures in real kernels are tests/test_verifier.c's, the measured sets
 * tests/test_verifier_sets.c's. */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include "core/buf.h"
#include "grade/verifier.h"
#include "grade/verifier_internal.h"
#include "harness.h"
#include "pipeline/pipeline.h"

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
		/* the message looks like the "arg#0 ..." lines that precede every log, but it is
		 * the only line after the failing call: still the message */
		{ "an arg# line as the message", "arg#0 type is not a struct\n0: (85) call "
		  "bpf_get_current_task#35\n1: (bf) r1 = r0\n2: (85) call bpf_task_acquire#65817\n"
		  "arg#0 pointer type STRUCT task_struct must point to scalar, or struct with scalar\n"
		  "processed 3 insns (limit 1000000)\n", 2, "arg#0 pointer type STRUCT task_struct "
		  "must point to scalar, or struct with scalar", 0, 1, NULL },
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

/* grade_find_token() finds a name at identifier boundaries; grade_find_var() skips members. */
static void test_tokens(void)
{
	static const char line[] = "v.cpu = cpu; e->pid = pid + cpus;";

	CHECK(grade_find_token(line, strlen(line), "cpu") == 2, "the first `cpu` is the member");
	CHECK(grade_find_var(line, strlen(line), "cpu") == 8, "the variable `cpu`: %ld",
	      grade_find_var(line, strlen(line), "cpu"));
	CHECK(grade_find_var(line, strlen(line), "pid") == 22, "after `e->pid`, `pid`");
	CHECK(grade_find_var(line, strlen(line), "v") == 0, "`v` at the start");
	CHECK(grade_find_var("e->len + s.len", 14, "len") == -1, "only members: -1");
	CHECK(grade_find_var("cpus", 4, "cpu") == -1, "not inside a longer name");
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
				  "\tu64 *v = bpf_map_lookup_elem(&m, &key); // = look\n" /* 5 */
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
	/* a loop's counter is named from the header's step, and keeps the name through a copy */
	{
		static const char lsrc[] = "SEC(\"tp/x/y\")\nint p(void *ctx)\n{\n"
					   "\tfor (u32 i = 0; i < n; i++)\n\t\tsum += i;\n}\n";
		static const char llog[] =
			"; sum += i; @ t.bpf.c:5\n"
			"7: (0f) r7 += r8                     ; R7=scalar() R8=3\n"
			"; for (u32 i = 0; i < n; i++) @ t.bpf.c:4\n"
			"8: (07) r8 += 1                      ; R8=4\n"
			"9: (bf) r1 = r8                      ; R1=4 R8=4\n"
			"10: (2d) if r6 > r1 goto pc-4        ; R1=4 R6=scalar(umin=5)\n"
			"; sum += i; @ t.bpf.c:5\n"
			"7: (0f) r7 += r8\n";
		struct grade_diag *l = grade_diagnose_load(NULL, 0, "p", -ETIMEDOUT, llog,
							   sizeof(llog) - 1, "longer than 8000 ms",
							   lsrc, sizeof(lsrc) - 1, "t.bpf.c");
		const struct grade_trace_step *h = l && l->ntrace >= 2 ? &l->trace[1] : NULL;

		CHECK(h && h->line == 4 && (r = trace_reg(h, "R8")) && !strcmp(r->var, "i") &&
		      (r = trace_reg(h, "R1")) && !strcmp(r->var, "i"),
		      "the loop header's step names its counter i (R8, and R1 copied from it)");
		CHECK(l && l->trace_deadline && l->ntrace == 3 && (r = trace_reg(&l->trace[0], "R7")) &&
		      !strcmp(r->var, "sum"), "`sum += i` names R7 sum");
		grade_diag_free(l);
	}
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

int main(void)
{
	test_log_parser();
	test_fields();
	test_tokens();
	test_report();
	test_message_only();
	test_load_timeout();
	test_trace_names();
	test_fuzz();
	return harness_done("verifier-log");
}
