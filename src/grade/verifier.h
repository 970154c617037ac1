/* verifier.h: a verifier rejection (or a failed attach) explained against the learner's source.
 *
 * The kernel's verifier log says what went wrong in terms of instructions and registers
 * ("R2 unbounded memory access").  The diagnosis says it in the learner's terms: which line and
 * expression of their file, which variable, struct member or map value, which earlier check (if
 * any) narrowed the value too little, and what to change.  It is built from three sources, all
 * on the host and none trusted: the verifier log (parsed within fixed limits, the failing
 * instruction and the register states it logged), the object's .BTF/.BTF.ext (instruction ->
 * file:line:col, names of struct members and sizes of arrays), and the learner's source text.
 *
 * Recognised shapes live in one table (verifier_classes.c), one row per class with its learner
 * message and a fixture in tests/verifier/.  A log no row recognises still gets a diagnosis:
 * the failing source line and the verifier's last lines ("known" is then 0).  The raw log is
 * always kept in the diagnosis.
 *
 * Nothing here needs the kernel, the sandbox or jansson: a diagnosis is plain data, rendered
 * for a terminal here (grade_diag_render_text) and as JSON by the one event writer
 * (pipeline_diag_json() in pipeline.h). */
#ifndef DOJO_GRADE_VERIFIER_H
#define DOJO_GRADE_VERIFIER_H

#include <stddef.h>
#include "core/buf.h"
#include "core/limits.h"

#define GRADE_DIAG_MAX_SECONDARY 4
#define GRADE_DIAG_MAX_NOTES     8
#define GRADE_DIAG_LOG_TAIL      DOJO_VERIFIER_LOG_TAIL    /* raw-log bytes kept (the tail) */
#define GRADE_DIAG_SCAN_LINES    DOJO_VERIFIER_SCAN_LINES  /* verifier-log lines scanned (the tail) */

/* A place in the learner's file.  Lines and columns are 1-based, columns count bytes of the
 * learner's source; @line 0 means "no place known" (the span is then not shown).  The span
 * covers columns [col, end_col) of @line. */
struct grade_span {
	char file[64];
	int line, col, end_col;
	char label[256];      /* what to say at that place; may be "" */
};

/* One step of the path the verifier walked to the rejection: a visit of one source line
 * (consecutive instructions of the same line merged), with the instructions the verifier
 * checked there and the state it held for the registers they use. */
#define GRADE_TRACE_MAX_STEPS DOJO_VERIFIER_TRACE_STEPS
#define GRADE_TRACE_MAX_INSNS DOJO_VERIFIER_TRACE_INSNS
#define GRADE_TRACE_MAX_REGS  6

#define GRADE_TRACE_MAX_SLOTS 6

struct grade_trace_reg {
	char name[8];           /* "R2" */
	char state[160];        /* "scalar(smin=0,smax=umax=16,...)", after the step's instructions
				 * (before the failing one, on the rejected step) */
	char var[32];           /* the learner's variable it holds ("e", "&key", "ctx"), ""
				 * unknown: a parameter from BTF, else a heuristic
				 * (verifier_names.c) */
};

/* A stack slot as the verifier printed it ("fp-8=mmmmmmmm", "fp-16_w=map_value(...)"). */
struct grade_trace_slot {
	char slot[12];          /* "fp-8" */
	char state[96];         /* "mmmmmmmm" (bytes written, not a known value), "0", "ctx()"...;
				 * cut with "..." past its size */
	char var[32];           /* the learner's variable stored there, "" unknown (heuristic) */
};

struct grade_trace_step {
	int line, col;          /* the learner's source line (0 when unknown) and column (0) */
	int insn;               /* the first instruction of the step */
	char text[160];         /* the source line, trimmed ("" when unknown) */
	char insns[GRADE_TRACE_MAX_INSNS][96];  /* "12: if r2 > 0x10 goto pc+1" */
	unsigned ninsns, more_insns;            /* shown, and left out past the cap */
	struct grade_trace_reg regs[GRADE_TRACE_MAX_REGS];
	unsigned nregs;
	struct grade_trace_slot stack[GRADE_TRACE_MAX_SLOTS]; /* slots the verifier printed in
				 * this step (every slot known so far on the rejected step) */
	unsigned nstack;
	char branch[12];        /* its last conditional jump: "taken", "not taken", or "" */
	int rejected;           /* 1 on the last step: the instruction the verifier refused */
};

/* A diagnosis: plain data, owned by whoever got it from grade_diagnose_*(). */
struct grade_diag {
	int known;            /* 1 when a class recognised the failure, 0 for the fallback */
	char cls[40];         /* the class id ("null-map-value", ...); "unknown" for the fallback */
	char title[256];      /* one line: "possible out-of-bounds access to `buf`" */
	struct grade_span primary;
	struct grade_span secondary[GRADE_DIAG_MAX_SECONDARY];
	unsigned nsecondary;
	char help[512];       /* what to change; may be "" */
	char notes[GRADE_DIAG_MAX_NOTES][256]; /* extra lines ("the verifier said: ...") */
	unsigned nnotes;
	char *raw_log;        /* the tail of the verifier log (or libbpf's message), NUL-terminated */
	size_t raw_log_len;
	char *source;         /* a copy of the learner's source, for rendering (NUL-terminated) */
	size_t source_len;
	struct grade_trace_step *trace; /* what the verifier saw: the path to the rejection, in
					 * order, the last step the rejected one; NULL (ntrace 0)
					 * when the log has no instructions (attach failures) */
	unsigned ntrace;
	unsigned trace_omitted; /* earlier steps left out (only the last GRADE_TRACE_MAX_STEPS) */
	int trace_deadline;     /* 1 when loading ran out of time: the trace is the path the
				 * verifier was walking (from the log so far), its last step where
				 * it was, not a refusal */
};

/* Explain a load failure.
 *   @obj/@obj_len   the ELF object that was loaded (for .BTF and .BTF.ext); may be NULL (then
 *                   no columns and no type names, lines still come from the log)
 *   @prog           the rejected program's name ("" or NULL when libbpf named none)
 *   @err            the negative errno of the load
 *   @log/@log_len   the verifier log, any bytes (only the last GRADE_DIAG_LOG_TAIL bytes and
 *                   GRADE_DIAG_SCAN_LINES lines are looked at); may be empty
 *   @message        libbpf's last words (the LOAD_FAILED message); may be NULL
 *   @source/@source_len  the learner's source as compiled (line info refers to it)
 *   @filename       the learner's file name as given to the compiler ("exec.bpf.c")
 * Returns a new diagnosis (free with grade_diag_free()), or NULL with errno ENOMEM or EINVAL
 * (@err is 0).  Any input the learner controls gives a diagnosis, never a crash. */
struct grade_diag *grade_diagnose_load(const void *obj, size_t obj_len, const char *prog, int err,
				       const char *log, size_t log_len, const char *message,
				       const char *source, size_t source_len, const char *filename);

/* Explain a failed attach of program @prog from section @section (the ATTACH_FAILED frame:
 * @err its negative errno, @message the agent's sentence).  Same ownership and errors as
 * grade_diagnose_load(); the primary span is the SEC("...") line of the program. */
struct grade_diag *grade_diagnose_attach(const void *obj, size_t obj_len, const char *prog,
					 const char *section, int err, const char *message,
					 const char *source, size_t source_len,
					 const char *filename);

/* Free a diagnosis; accepts NULL. */
void grade_diag_free(struct grade_diag *d);

/* Append the diagnosis as a learner reads it in a terminal (see tests/verifier/ *.expected):
 *     error: <title>
 *       --> file:line:col
 *     <source lines with their labels, secondary spans underlined with '-', primary with '^'>
 *     help: <help>
 *     note: <notes>
 * @color adds ANSI colours.  The raw log is not included (the CLI prints it on --raw-log).
 * 0, or -E2BIG/-ENOMEM from @out (whatever was appended stays). */
int grade_diag_render_text(const struct grade_diag *d, int color, struct buf *out);

/* Append the path the verifier walked (d->trace) as a learner reads it in a terminal, one
 * source line per step with its instructions and register states under it:
 *     what the verifier saw, on the path to the rejection (N steps):
 *       27 | if (idx > 16)   <- jump taken
 *          |   12: if r2 > 0x10 goto pc+1
 *          |     R2 = scalar(smin=0,umax=16)
 * Nothing is appended when there is no trace.  0, or -E2BIG/-ENOMEM from @out. */
int grade_trace_render_text(const struct grade_diag *d, int color, struct buf *out);

#endif
