/* verifier_internal.h: what the verifier_*.c files share (the parsed log, the object's line
 * info, the source lines).  Not part of grade's public API: that is verifier.h. */
#ifndef DOJO_GRADE_VERIFIER_INTERNAL_H
#define DOJO_GRADE_VERIFIER_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include "verifier.h"

/* ---- the log (verifier_log.c) ---- */

enum vline_kind {
	VL_OTHER,     /* anything else: error text, "func#0 @0", mark_precise, ... */
	VL_INSN,      /* "12: (25) if r2 > 0x10 goto pc+1   ; R2=scalar(...)" */
	VL_STATE,     /* "0: R1=ctx() R10=fp0" (full state at a path's start) */
	VL_FROM,      /* "from 12 to 14: R0=... " (a branch taken: full state) */
	VL_SOURCE,    /* "; e->buf[idx] = c; @ exec.bpf.c:25" */
	VL_STATS,     /* "processed 19 insns (limit 1000000) ..." */
	VL_REPORT,    /* a line of a 7.3+ kernel's structured report (see verifier_report.c) */
};

struct vline {
	enum vline_kind kind;
	int insn;          /* VL_INSN, VL_STATE: index; VL_FROM: the target */
	int from;          /* VL_FROM: the branch instruction */
	unsigned opcode;   /* VL_INSN */
	const char *text;  /* VL_INSN: "if r2 > 0x10 goto pc+1"; VL_SOURCE: the source text;
			    * otherwise the whole line */
	const char *state; /* VL_INSN/VL_STATE/VL_FROM: "R2=scalar(...) R6=..." or "" */
	const char *file;  /* VL_SOURCE: file name or "" */
	int line;          /* VL_SOURCE: line number or 0 */
};

/* The structured report kernels from 7.3 on print after the terse message:
 *     Verification failed: <category>: <problem>
 *     Reason: <text>
 *     At: <text naming "insn N" and/or "file.c:L[:C]">
 *     Causal path: [<step>]      (then one step per indented line)
 *     Suggestion: <text>
 * Every field may be missing (present is 0 when there is no "Verification failed:" line). */
struct vreport_step {
	char text[200];
	int line;           /* the source line the step names, 0 if none */
};

struct vreport {
	int present;
	char category[64], problem[200], reason[256], at[200], suggestion[256];
	int at_line, at_col, at_insn;   /* from At:, 0 (at_insn -1) when not named */
	struct vreport_step steps[DOJO_VERIFIER_REPORT_STEPS];
	unsigned nsteps;
};

struct vlog {
	char *buf;               /* owned copy of the scanned tail, lines NUL-terminated */
	struct vline *lines;
	size_t n;
	int fail;                /* index in lines of the failing instruction, -1 if none */
	int err_first, err_last; /* lines of the error message (inclusive), -1 if none */
	const char *error;       /* the main error line ("" if none) */
	int src_line;            /* the last "; ... @ file:N" before the failure, 0 if none */
	const char *src_file;
	int fail_insn;           /* instruction index of the failure, -1 if none */
	int subprog;             /* 1 when the failure is in a function validated on its own */
	char func[64];           /* "Validating <func>() func#N" name when subprog */
	struct vreport report;   /* a 7.3+ kernel's structured report, if the log has one */
};

/* Parse @len bytes of @log (any bytes; only the tail is scanned).  0 or -ENOMEM. */
int grade_vlog_parse(struct vlog *v, const char *log, size_t len);
void grade_vlog_free(struct vlog *v);

/* The state of register @reg ("R2") in @state (a "R1=... R2=..." list): copies the value
 * ("scalar(smin=0,...)", "20", "ringbuf_mem(...)") into @out; false when absent. */
bool grade_vlog_reg(const char *state, int reg, char *out, size_t cap);
/* A field of a register value: "umax", "smin", "sz", "vs", "off", "map"...: the text after
 * '=' (the last '=' of a chain "smax=umax=16") in @out; false when absent. */
bool grade_vlog_field(const char *value, const char *field, char *out, size_t cap);
/* Numeric value of a register state: a plain constant ("20", "-3", "0x10") or a field. */
bool grade_vlog_num(const char *value, const char *field, long long *out);
/* The register state just before line @at (following logged states back along the path). */
bool grade_vlog_reg_before(const struct vlog *v, int at, int reg, char *out, size_t cap);
/* Index of the line before @i on the path that reached @i (a branch taken jumps back to
 * the branch instruction), -1 at the path's start. */
int grade_vlog_path_prev(const struct vlog *v, int i);
/* The source line (from "; ... @ f:N" comments) of log line @at, 0 if unknown. */
int grade_vlog_src_line_at(const struct vlog *v, int at);

/* Find and parse the structured report in @v's lines (marking them VL_REPORT, so the terse
 * message stays the error line); called by grade_vlog_parse() before it looks for the error. */
void grade_vreport_parse(struct vlog *v);

/* ---- the object (verifier_lines.c) ---- */

struct vobj;   /* .BTF, .BTF.ext line info and symbols of the object */

/* NULL when the object cannot be read (then no columns nor types). */
struct vobj *grade_vobj_new(const void *obj, size_t len);
void grade_vobj_free(struct vobj *o);
/* Line and column of instruction @insn of program (function) @prog; false if unknown. */
bool grade_vobj_insn_line(const struct vobj *o, const char *prog, int insn, int *line, int *col);
/* Whether instruction @insn's line is in a header (dojo.h's inline code, for which
 * grade_vobj_insn_line() gives no line of the source). */
bool grade_vobj_insn_in_header(const struct vobj *o, const char *prog, int insn);
/* The furthest read of program @prog through its context pointer (followed from r1 through
 * copies): its instruction and the byte it reads up to; false when none is found. */
bool grade_vobj_ctx_furthest(const struct vobj *o, const char *prog, int *insn, int *end);
/* The name of parameter @i of function @func in the object's BTF (func info, not a guess)
 * into @out; false when the BTF has no such function or the parameter no name. */
bool grade_vobj_func_param(const struct vobj *o, const char *func, int i, char *out, size_t cap);
/* The first column recorded for @line, 0 if none. */
int grade_vobj_line_col(const struct vobj *o, int line);
/* Size and element count of struct member @member (an array); the struct's size.  When several
 * structs have such a member, the one whose size is @want_size (if non-zero) wins. */
bool grade_vobj_member(const struct vobj *o, const char *member, long want_size,
		       long *elems, long *elem_size, long *struct_size);

/* ---- source text (verifier_diag.c) ---- */

struct vsrc {
	const char *text;
	size_t len;
};
/* Line @line (1-based) of @s, without its newline: pointer and length; false past the end. */
bool grade_src_line(const struct vsrc *s, int line, const char **p, size_t *n);

/* ---- classes (verifier_classes.c) ---- */

struct vctx {
	const struct vlog *log;
	const struct vobj *obj;
	const struct vsrc *src;
	const char *prog;
	const char *message;   /* libbpf's last words */
	int err;
	const char *file;
	struct grade_diag *d;
};

/* Use what a 7.3+ report adds to the diagnosis @known said (verifier_report.c): the class's
 * own spans and help win; the report fills what it left empty, and makes the fallback named
 * after the kernel's category, placed at its At: line, with its causal path as spans. */
void grade_vreport_apply(struct vctx *c, int known);

/* ---- the learner's names for registers and stack slots (verifier_names.c) ---- */

#define VNAMES_SLOTS 64   /* 8-byte stack slots tracked: the whole 512-byte frame */
#define VNAME_MAX    32

struct vnames {
	char reg[11][VNAME_MAX];           /* r0..r10: the variable it holds, "" unknown */
	char slot[VNAMES_SLOTS][VNAME_MAX]; /* fp-8 is slot 0, fp-16 slot 1, ... */
	int last_write, last_mov_src;      /* within the current step, -1 none */
	bool by_call;                      /* the step's line named a call's result already */
	bool fp_valid[11];                 /* the register points into the stack ... */
	int fp_off[11];                    /* ... at fp+fp_off */
};

/* The name to show for register @reg: its variable, or "&<var>" for a pointer to a named
 * stack slot; "" when unknown. */
void grade_names_reg(const struct vnames *n, int reg, char *out, size_t cap);

/* At a program's first instruction: r1..r5 are its parameters (BTF func info). */
void grade_names_start(struct vnames *n, const struct vctx *c, bool at_entry);
/* After instruction @insn ("r1 = *(u64 *)(r10 -8)") of a step whose source line is @line_text
 * ("" unknown): copies, stack stores and loads carry names; other writes forget them. */
void grade_names_insn(struct vnames *n, const char *insn, const char *line_text);
/* At a step's end: the last register it wrote holds the variable its line assigns. */
void grade_names_step_end(struct vnames *n, const char *line_text);
void grade_names_step_begin(struct vnames *n);
/* Stack slot "fp-8" (offset -8) to its index, -1 outside the frame. */
int grade_names_slot_index(int off);

/* Fill c->d->trace with the path the verifier walked to the failure (verifier_trace.c): 0
 * (also when the log has none), or -ENOMEM. */
int grade_trace_build(struct vctx *c);

/* Try every class in order; 1 when one explained the failure (d filled), 0 otherwise. */
int grade_classes_explain(struct vctx *c);
/* Same for a failed attach (c->message is the agent's sentence, c->err its errno). */
int grade_classes_explain_attach(struct vctx *c, const char *section);
/* Line of `SEC("@section")` (or, @section NULL, of the definition of function @func); 0. */
int grade_src_find_sec(const struct vsrc *s, const char *section, const char *func);
/* The source line of the failure: the log's own comment, else the object's line info. */
/* The source line of log line @logline's instruction (its column into *@col, 0 unknown): the
 * object's line info, else the log's "; @ file:N" comments; for dojo.h's inline code, the
 * source line on the path before it.  0 if unknown. */
int grade_insn_line(const struct vctx *c, int logline, int *col);
int grade_fail_line(const struct vctx *c, int *col);
/* Place the primary span on @line at the first occurrence of @token (or the whole trimmed line
 * when @token is NULL or absent). */
void grade_span_at(const struct vctx *c, struct grade_span *s, int line, const char *token);
/* The offset of @token in @p[0..n) at an identifier boundary, outside string literals if it
 * occurs there too; -1 if absent. */
long grade_find_token(const char *p, size_t n, const char *token);
/* As grade_find_token(), for a variable: the first occurrence that is not a member's name
 * (after `.` or `->`, as in `v.cpu = cpu`); -1 if every occurrence is one, or none. */
long grade_find_var(const char *p, size_t n, const char *var);
/* As grade_span_at(), at the first occurrence of variable @var (grade_find_var()) when there
 * is one. */
void grade_span_at_var(const struct vctx *c, struct grade_span *s, int line, const char *var);
/* Add a secondary span; ignored past GRADE_DIAG_MAX_SECONDARY. */
struct grade_span *grade_diag_secondary(struct grade_diag *d);
/* Whether @d's primary or one of its secondary spans is on @line. */
bool grade_diag_shows_line(const struct grade_diag *d, int line);
/* Argument @argn (1-based) of the call whose '(' is the first at or after @t + @at: its text,
 * trimmed, is [*a, *b) in @t; false past the last argument or when the call does not close. */
bool grade_call_arg_range(const char *t, long at, int argn, const char **a, const char **b);
/* @s on @line at argument @argn (1-based) of the call to @fn there; at @fn when the call cannot
 * be taken apart. */
void grade_span_arg(const struct vctx *c, struct grade_span *s, int line, const char *fn, int argn);
/* @s on @line at the argument of the call to @fn whose text is @arg (not an earlier mention of
 * the same name on the line); at @fn when @arg is empty. */
void grade_span_in_call(const struct vctx *c, struct grade_span *s, int line, const char *fn,
			const char *arg);
/* Add a secondary span to c->d on @line at @token (as grade_span_at()), labelled @fmt. */
void grade_secondary_at(const struct vctx *c, int line, const char *token, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void grade_diag_note(struct grade_diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
