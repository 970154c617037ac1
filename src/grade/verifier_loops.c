/* verifier_loops.c: the rows of the class table about loops the verifier cannot finish: it
 * gave up ("too complex", "BPF program is too large", "infinite loop detected"), or it was
 * still exploring paths when loading ran out of time (the agent's load deadline: a slow
 * verifier, such as one under TCG, is not a hung program).  Each is explained at the loop. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "verifier_util.h"

#define D (c->d)
#define LOOP_SCAN_LINES 4096   /* log lines looked at, from the end, for a back edge */
#define LOOP_HEADER_UP  20     /* source lines looked up from a loop's body for its header */

static int fail_line(const struct vctx *c)
{
	int col;

	return grade_fail_line(c, &col);
}

/* The `for`/`while`/`do` line at or above @line (within LOOP_HEADER_UP lines), 0 if none. */
static int loop_header(const struct vctx *c, int line)
{
	static const char *const kw[] = { "for (", "while (", "while(", "for(", "bpf_for(",
					  "bpf_repeat(", "do {" };

	for (int l = line; l > 0 && l > line - LOOP_HEADER_UP; l--)
		for (size_t k = 0; k < sizeof(kw) / sizeof(kw[0]); k++)
			if (vu_find_line(c, kw[k], l, l))
				return l;
	return 0;
}

int vu_logged_loop(const struct vctx *c, int *back_line)
{
	const struct vlog *v = c->log;

	for (size_t i = v->n, seen = 0; i > 0 && seen < LOOP_SCAN_LINES; i--, seen++) {
		const struct vline *l = &v->lines[i - 1];
		const char *g = l->kind == VL_INSN ? strstr(l->text, "goto pc-") : NULL;
		int off, line, col, target;

		if (!g || sscanf(g, "goto pc-%d", &off) != 1)
			continue;
		target = l->insn + 1 - off;
		*back_line = vu_insn_line(c, (int)i - 1);
		if (!grade_vobj_insn_line(c->obj, c->prog, target, &line, &col))
			line = *back_line;
		return loop_header(c, line) ?: line;
	}
	return 0;
}

/* Without a log (the deadline cut a first, log-less attempt): the first loop in the rejected
 * program's body whose condition has no constant bound, else its first loop; 0 if none. */
static int source_loop(const struct vctx *c)
{
	int def = c->prog[0] ? grade_src_find_sec(c->src, NULL, c->prog) : 0, first = 0;
	char t[512];

	for (int l = def + 1; def && vu_line(c, l, t, sizeof(t)) && l < def + 400; l++) {
		const char *p;
		int h;

		if (t[0] == '}' && c->src->text) {
			const char *raw;
			size_t n;

			if (grade_src_line(c->src, l, &raw, &n) && raw[0] == '}')
				break;   /* the function's closing brace, in column 1 */
		}
		if ((h = loop_header(c, l)) != l)
			continue;
		first = first ? first : l;
		/* a bound is a number after the comparison: "i < 64", "i < MAX && ..." counts too */
		p = strchr(t, '<') ? strchr(t, '<') : strchr(t, '>');
		while (p && (*p == '<' || *p == '>' || *p == '=' || *p == ' '))
			p++;
		if (!p || !((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z')))
			return l;
	}
	return first;
}

void vu_loop_condition(const char *t, char *out, size_t cap)
{
	const char *a = strchr(t, ';'), *b = a ? strchr(a + 1, ';') : NULL;

	out[0] = 0;
	if (!strncmp(t, "for", 3) && a && b) {
		a++;
		while (*a == ' ')
			a++;
		snprintf(out, cap, "%.*s", (int)(b - a), a);
	} else if ((a = strstr(t, "while")) && (a = strchr(a, '(')) && (b = strrchr(a, ')'))) {
		snprintf(out, cap, "%.*s", (int)(b - a - 1), a + 1);
	}
}

int vc_load_timeout(struct vctx *c)
{
	const char *ms = strstr(c->message, "longer than ");
	unsigned limit = 0;
	int back = 0, loop, line;
	char t[512], cond[128] = "";

	if (c->err != -ETIMEDOUT)
		return 0;
	if (ms)
		sscanf(ms, "longer than %u ms", &limit);
	loop = vu_logged_loop(c, &back);
	if (!loop)
		loop = source_loop(c);
	line = loop ? loop : fail_line(c);
	if (vu_line(c, loop, t, sizeof(t)))
		vu_loop_condition(t, cond, sizeof(cond));
	snprintf(D->cls, sizeof(D->cls), "verifier-timeout");
	snprintf(D->title, sizeof(D->title), "loading ran out of time (%.1f s): the verifier was "
		 "still exploring the program's paths", limit / 1000.0);
	grade_span_at(c, &D->primary, line, "");
	/* not the count of instructions walked: it depends on the machine's speed */
	snprintf(D->primary.label, sizeof(D->primary.label), "the verifier was going round this "
		 "loop, one iteration at a time");
	if (!loop)
		snprintf(D->primary.label, sizeof(D->primary.label), "the verifier was here when "
			 "time ran out");
	if (cond[0]) {
		grade_secondary_at(c, loop, cond, "nothing bounds this by a constant: the verifier "
			 "must check every iteration until `%s` is false", cond);
	}
	snprintf(D->help, sizeof(D->help), "bound the loop by a small constant (`%s && i < 64`), "
		 "or run its body through bpf_loop() / bpf_for(), which the verifier checks once",
		 cond[0] ? cond : "i < n");
	grade_diag_note(D, "this is the verifier being slow, not your program: it never ran");
	return 1;
}

int vc_loops(struct vctx *c)
{
	const char *big = vu_err(c, "BPF program is too large");
	const char *inf = vu_err(c, "infinite loop detected at insn");
	const char *cplx = vu_err(c, "is too complex");
	int line = fail_line(c), insn, col, loop = 0;

	if (!big && !inf && !cplx)
		return 0;
	if (inf && sscanf(strstr(inf, "insn"), "insn %d", &insn) == 1)
		grade_vobj_insn_line(c->obj, c->prog, insn, &line, &col);
	loop = loop_header(c, line);
	grade_span_at(c, &D->primary, loop ? loop : line, "");
	if (inf) {
		snprintf(D->cls, sizeof(D->cls), "infinite-loop");
		snprintf(D->title, sizeof(D->title), "the verifier found a loop that comes back to the "
			 "same state: for it, the loop may never end");
		snprintf(D->primary.label, sizeof(D->primary.label), "nothing in this loop moves it "
			 "towards its exit");
		snprintf(D->help, sizeof(D->help), "give the loop a counter with a constant bound: "
			 "`for (int i = 0; i < 64; i++) { ... if (done) break; }`");
	} else {
		snprintf(D->cls, sizeof(D->cls), big ? "too-many-instructions" : "too-complex");
		snprintf(D->title, sizeof(D->title), "the verifier gave up: %s", big ?
			 "it walked 1,000,000 instructions without reaching the end" :
			 "too many branches to follow");
		snprintf(D->primary.label, sizeof(D->primary.label), "the verifier walks this loop "
			 "once per iteration, and nothing bounds how many there are");
		snprintf(D->help, sizeof(D->help), "bound the loop by a constant (`i < n && i < 64`), or "
			 "use bpf_loop() / bpf_for() for long loops");
	}
	return 1;
}
