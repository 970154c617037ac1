/* verifier_trace.c: what the verifier saw on its way to a rejection, as steps the learner can
 * follow in their own source.
 *
 * The log of a rejected program ends with the path that failed; the verifier prints the other
 * paths it explored before it, and a branch it took shows as "from N to M: <state>" (or as
 * "goto pc+K M: <state>" on the jump's own line).  grade_vlog_path_prev() walks that path back
 * from the failing instruction; this file turns it, in order, into steps: one per visit of a
 * source line (the object's line info, else the log's "; ... @ file:N" comments), with the
 * instructions checked there, whether the step's conditional jump was taken, and the state the
 * verifier held for the registers those instructions use (after them, and before the refused
 * instruction on the last step), the registers and stack slots named after the learner's
 * variables where verifier_names.c can tell, and the stack slots the log printed (fp-8=...).
 * Only the last GRADE_TRACE_MAX_STEPS steps are kept.  The
 * terminal text is rendered here too; the JSON form is the event writer's (event_json.c). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "verifier_util.h"

#define TRACE_WALK DOJO_VERIFIER_FAIL_WALK   /* path instructions looked at */

/* A conditional jump (BPF_JMP/BPF_JMP32 other than ja, call and exit). */
static bool cond_jump(unsigned op)
{
	unsigned cls = op & 7, code = op & 0xf0;

	return (cls == 5 || cls == 6) && code != 0x00 && code != 0x80 && code != 0x90;
}

static int insn_line(const struct vctx *c, int logline, int *col)
{
	return grade_insn_line(c, logline, col);
}

/* The registers r0..r9 that @text names, in order, into @regs (at most @cap). */
static unsigned regs_named(const char *text, int *regs, unsigned cap, unsigned n)
{
	for (const char *p = text; *p && n < cap; p++) {
		int r;

		if (*p != 'r' || (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_')) ||
		    !isdigit((unsigned char)p[1]) || isalnum((unsigned char)p[2]) || p[2] == '_')
			continue;
		r = p[1] - '0';
		for (unsigned k = 0; k < n; k++)
			if (regs[k] == r)
				r = -1;
		if (r >= 0)
			regs[n++] = r;
	}
	return n;
}

/* Fill the registers of step @s from log lines @first..@last (path order in @path), named
 * after the variables @names says they hold. */
static void step_regs(const struct vctx *c, struct grade_trace_step *s, const int *path,
		      int first, int last, const struct vnames *names)
{
	int regs[GRADE_TRACE_MAX_REGS];
	unsigned n = 0;

	for (int i = first; i <= last; i++) {
		const char *t = c->log->lines[path[i]].text;

		n = regs_named(t, regs, GRADE_TRACE_MAX_REGS, n);
		if (!strncmp(t, "call ", 5))   /* a call's result */
			n = regs_named("r0", regs, GRADE_TRACE_MAX_REGS, n);
	}
	for (unsigned k = 0; k < n; k++) {
		char st[sizeof(s->regs[0].state)];
		bool have = false;

		if (s->rejected)
			have = grade_vlog_reg_before(c->log, path[last], regs[k], st, sizeof(st));
		for (int i = last; !have && i >= first; i--)
			have = grade_vlog_reg(c->log->lines[path[i]].state, regs[k], st, sizeof(st));
		if (!have)
			continue;
		snprintf(s->regs[s->nregs].name, sizeof(s->regs[0].name), "R%d", regs[k]);
		grade_names_reg(names, regs[k], s->regs[s->nregs].var, sizeof(s->regs[0].var));
		snprintf(s->regs[s->nregs].state, sizeof(s->regs[0].state), "%s", st);
		s->nregs++;
	}
}

/* The stack slots a state list ("R1=ctx() fp-8=mmmmmmmm fp-16_w=0") prints: each slot's
 * latest text into @seen (indexed as grade_names_slot_index(), NULL when not printed). */
struct slot_text {
	const char *p;
	int len;
};

static void scan_slots(const char *state, struct slot_text *seen)
{
	for (const char *p = state; p && (p = strstr(p, "fp-")); p += 3) {
		int off, k, n = 0, depth = 0;
		const char *v, *sp = strchr(p, ' ');

		if ((p != state && p[-1] != ' ') || sscanf(p + 3, "%d", &off) != 1 ||
		    (k = grade_names_slot_index(-off)) < 0 || !(v = strchr(p, '=')) ||
		    v - p > 10 || (sp && sp < v))
			continue;
		v++;
		while (v[n] && (depth > 0 || v[n] != ' ')) {
			depth += v[n] == '(' ? 1 : v[n] == ')' ? -1 : 0;
			n++;
		}
		seen[k].p = v;
		seen[k].len = n;
	}
}

/* Stack of step @s: the slots the state lines of its instructions printed, or, on the rejected
 * step, every slot known on the path so far (@known); at most GRADE_TRACE_MAX_SLOTS, the
 * nearest the frame pointer first. */
static void step_stack(struct grade_trace_step *s, const struct slot_text *here,
		       const struct slot_text *known, const struct vnames *names)
{
	const struct slot_text *from = s->rejected ? known : here;

	for (int k = 0; k < VNAMES_SLOTS && s->nstack < GRADE_TRACE_MAX_SLOTS; k++) {
		struct grade_trace_slot *t = &s->stack[s->nstack];
		int cap = (int)sizeof(t->state) - 1;

		if (!from[k].p)
			continue;
		snprintf(t->slot, sizeof(t->slot), "fp-%d", 8 * (k + 1));
		if (from[k].len <= cap)
			snprintf(t->state, sizeof(t->state), "%.*s", from[k].len, from[k].p);
		else
			snprintf(t->state, sizeof(t->state), "%.*s...", cap - 3, from[k].p);
		snprintf(t->var, sizeof(t->var), "%s", names->slot[k]);
		s->nstack++;
	}
}

/* The path's instruction lines, in order, into @path; their count.  It ends at @end: the
 * refused instruction, or the last one logged when loading ran out of time. */
static int walk_path(const struct vlog *v, int end, int *path)
{
	int n = 0;

	for (int i = end; i >= 0 && n < TRACE_WALK; i = grade_vlog_path_prev(v, i))
		if (v->lines[i].kind == VL_INSN)
			path[n++] = i;
	for (int a = 0, b = n - 1; a < b; a++, b--) {
		int t = path[a];

		path[a] = path[b];
		path[b] = t;
	}
	return n;
}

int grade_trace_build(struct vctx *c)
{
	const struct vlog *v = c->log;
	struct grade_trace_step *steps, scratch;
	struct slot_text known[VNAMES_SLOTS] = { { 0 } };
	struct vnames names;
	int *path, *first, n, nsteps = 0, keep, end = v->fail;

	if (c->err == -ETIMEDOUT)   /* cut short: the log ends where the verifier was */
		for (int i = (int)v->n - 1; i >= 0 && (end = -1) < 0; i--)
			if (v->lines[i].kind == VL_INSN) {
				end = i;
				break;
			}
	if (end < 0)
		return 0;
	path = calloc(TRACE_WALK, sizeof(*path));
	first = calloc(TRACE_WALK, sizeof(*first));
	if (!path || !first) {
		free(path);
		free(first);
		return -ENOMEM;
	}
	n = walk_path(v, end, path);
	/* steps: where the source line changes (instructions without a line stay in the step) */
	for (int i = 0, cur = -1; i < n; i++) {
		int col, line = insn_line(c, path[i], &col);

		if (nsteps == 0 || (line && line != cur)) {
			first[nsteps++] = i;
			cur = line;
		}
	}
	keep = nsteps > GRADE_TRACE_MAX_STEPS ? GRADE_TRACE_MAX_STEPS : nsteps;
	steps = keep ? calloc((size_t)keep, sizeof(*steps)) : NULL;
	if (keep && !steps) {
		free(path);
		free(first);
		return -ENOMEM;
	}
	grade_names_start(&names, c, n > 0 && v->lines[path[0]].insn == 0 && !v->subprog);
	for (int k = 0, o = -(nsteps - keep); k < nsteps; k++, o++) {
		struct grade_trace_step *s = o >= 0 ? &steps[o] : &scratch;
		int a = first[k], b = k + 1 < nsteps ? first[k + 1] - 1 : n - 1;
		struct slot_text here[VNAMES_SLOTS] = { { 0 } };
		char t[512];

		memset(&scratch, 0, sizeof(scratch));
		s->insn = v->lines[path[a]].insn;
		for (int i = a; i <= b && !s->line; i++)
			s->line = insn_line(c, path[i], &s->col);
		if (s->line && vu_line(c, s->line, t, sizeof(t)))
			snprintf(s->text, sizeof(s->text), "%.*s", (int)sizeof(s->text) - 1, t);
		s->rejected = k == nsteps - 1;
		grade_names_step_begin(&names);
		for (int i = a; i <= b; i++) {
			const struct vline *l = &v->lines[path[i]];

			if (!(s->rejected && i == b)) {   /* the state before the refused one */
				grade_names_insn(&names, l->text, s->text);
				scan_slots(l->state, here);
				scan_slots(l->state, known);
			}

			if (s->ninsns < GRADE_TRACE_MAX_INSNS)
				snprintf(s->insns[s->ninsns++], sizeof(s->insns[0]), "%d: %s", l->insn,
					 l->text);
			else
				s->more_insns++;
			if (cond_jump(l->opcode) && i + 1 < n)
				snprintf(s->branch, sizeof(s->branch), "%s",
					 v->lines[path[i + 1]].insn == l->insn + 1 ? "not taken" : "taken");
		}
		if (!s->rejected)
			grade_names_step_end(&names, s->text);
		if (o < 0)
			continue;
		step_regs(c, s, path, a, b, &names);
		step_stack(s, here, known, &names);
	}
	c->d->trace_deadline = c->err == -ETIMEDOUT;
	c->d->trace = steps;
	c->d->ntrace = (unsigned)keep;
	c->d->trace_omitted = (unsigned)(nsteps - keep);
	free(path);
	free(first);
	return 0;
}

int grade_trace_render_text(const struct grade_diag *d, int color, struct buf *out)
{
	const char *dim = color ? "\033[2m" : "", *bold = color ? "\033[1;34m" : "",
		   *red = color ? "\033[1;31m" : "", *reset = color ? "\033[0m" : "";
	int w = 1, err;

	if (!d->ntrace)
		return 0;
	for (unsigned i = 0; i < d->ntrace; i++)
		for (int l = d->trace[i].line, k = 1; l >= 10; l /= 10)
			w = ++k > w ? k : w;
	err = buf_addf(out, "what the verifier saw, %s (%u step%s%s):\n", d->trace_deadline ?
		       "on the path it was walking when loading ran out of time" :
		       "on the path to the rejection", d->ntrace + d->trace_omitted,
		       d->ntrace + d->trace_omitted == 1 ? "" : "s",
		       d->trace_omitted ? ", the last shown" : "");
	for (unsigned i = 0; i < d->ntrace && !err; i++) {
		const struct grade_trace_step *s = &d->trace[i];

		if (s->line)
			err = buf_addf(out, "%s%*d |%s %s", bold, w, s->line, reset, s->text);
		else
			err = buf_addf(out, "%s%*s |%s (no source line)", bold, w, "?", reset);
		if (!err && s->branch[0])
			err = buf_addf(out, "   %s<- jump %s%s", dim, s->branch, reset);
		if (!err)
			err = buf_adds(out, "\n");
		for (unsigned k = 0; k < s->ninsns && !err; k++) {
			bool last = s->rejected && k + 1 == s->ninsns && !s->more_insns;

			err = buf_addf(out, "%s%*s |%s   %s%s%s%s\n", bold, w, "", reset,
				       last ? red : dim, s->insns[k], !last ? "" : d->trace_deadline ?
				       "   <- here when time ran out" : "   <- refused here",
				       reset);
		}
		if (!err && s->more_insns)
			err = buf_addf(out, "%s%*s |%s   %s... %u more%s\n", bold, w, "", reset, dim,
				       s->more_insns, reset);
		for (unsigned k = 0; k < s->nregs && !err; k++)
			err = buf_addf(out, "%s%*s |%s     %s%s%s%s = %s\n", bold, w, "", reset,
				       s->regs[k].name, s->regs[k].var[0] ? " (" : "",
				       s->regs[k].var, s->regs[k].var[0] ? ")" : "",
				       s->regs[k].state);
		for (unsigned k = 0; k < s->nstack && !err; k++)
			err = buf_addf(out, "%s%*s |%s     %sstack %s%s%s%s = %s%s\n", bold, w, "",
				       reset, dim, s->stack[k].slot, s->stack[k].var[0] ? " (" : "",
				       s->stack[k].var, s->stack[k].var[0] ? ")" : "",
				       s->stack[k].state, reset);
	}
	return err;
}
