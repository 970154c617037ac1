/* verifier_provenance.c: where a value at the failure came from, walking the verifier's path
 * back from the rejected instruction: the check that narrowed (or failed to narrow) an index,
 * and the helper call or load that produced a register (followed through register copies).
 * Bounded walks that give up quietly, like the rest of verifier_util.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "verifier_util.h"

#define UTIL_MAX_WALK DOJO_VERIFIER_FAIL_WALK   /* log lines walked back from the failure */

/* The scalar register added to the failing access's pointer ("r0 += r6" -> 6), -1. */
static int index_reg(const struct vctx *c)
{
	const struct vlog *v = c->log;
	int steps = 0, p = -1, a, b;
	const char *t = vu_insn(c), *q = strstr(t, "(r");

	if (q)
		sscanf(q, "(r%d", &p);
	for (int i = grade_vlog_path_prev(v, v->fail); i >= 0 && p >= 0 && steps++ < UTIL_MAX_WALK;
	     i = grade_vlog_path_prev(v, i)) {
		const struct vline *l = &v->lines[i];

		if (l->kind == VL_INSN && sscanf(l->text, "r%d += r%d", &a, &b) == 2 && a == p)
			return b;
	}
	return -1;
}

/* The register of jump @text that holds a range (not a constant) in @state, else the first. */
static int jump_reg(const char *text, const char *state, int prefer)
{
	int regs[2] = { -1, -1 }, n = 0;
	char st[256];
	long long k;

	for (const char *p = text + 3; *p && n < 2; p++)
		if ((*p == 'r' || *p == 'w') && isdigit((unsigned char)p[1]) && (p == text + 3 ||
		    !(isalnum((unsigned char)p[-1]) || p[-1] == '_')))
			regs[n++] = atoi(p + 1);
	for (int i = 0; i < n; i++)
		if (regs[i] == prefer)
			return prefer;
	for (int i = 0; i < n; i++)
		if (grade_vlog_reg(state, regs[i], st, sizeof(st)) && !grade_vlog_num(st, NULL, &k))
			return regs[i];
	return regs[0];
}

/* Whether source line @t can hold a check: an if, or a loop's condition (bpf_for's too). */
static bool check_line(const char *t)
{
	return strstr(t, "if") || strstr(t, "for") || strstr(t, "while");
}

int vu_find_check(const struct vctx *c, const char *ident, int *reg, char *state, size_t cap)
{
	const struct vlog *v = c->log;
	int steps = 0, idx = index_reg(c), fail = vu_insn_line(c, v->fail);

	for (int i = v->fail; i >= 0 && steps++ < UTIL_MAX_WALK; i = grade_vlog_path_prev(v, i)) {
		const struct vline *l = &v->lines[i];
		char t[512];
		int line, r;

		if (l->kind != VL_INSN || strncmp(l->text, "if ", 3) || !strstr(l->text, "goto"))
			continue;
		r = jump_reg(l->text, l->state, idx);
		line = vu_insn_line(c, i);
		if (!line || !vu_line(c, line, t, sizeof(t)) || !check_line(t) ||
		    !strstr(t, ident)) {
			/* clang may attribute the check to another line: trust the register */
			if (idx < 0 || r != idx)
				continue;
			line = 0;
			for (int k = fail - 1; k > 0 && k >= fail - 12 && !line; k--)
				if (vu_line(c, k, t, sizeof(t)) && check_line(t) && strstr(t, ident))
					line = k;
			if (!line)
				continue;
		}
		*reg = r;
		state[0] = 0;
		if (r >= 0 && !grade_vlog_reg(l->state, r, state, cap))
			state[0] = 0;
		return line;
	}
	return 0;
}

/* The register instruction @text writes ("rN = ...", "rN += ...", "wN = ..."; a call writes
 * r0), and into @src the register it copies when it is a plain move ("rN = rM"), else -1. */
static int insn_dst(const char *text, int *src)
{
	int dst, from, n = 0;

	*src = -1;
	if (!strncmp(text, "call ", 5))
		return 0;
	if (sscanf(text, "%*[rw]%d = %*[rw]%d%n", &dst, &from, &n) == 2 && !text[n])
		*src = from;
	else if (sscanf(text, "%*[rw]%d %*[-+*/&|^<>s]= %n", &dst, &n) != 1 &&
		 sscanf(text, "%*[rw]%d = %n", &dst, &n) != 1)
		return -1;
	return dst;
}

/* From log line @from back along the path: the instruction that last wrote @reg, following
 * plain copies (`r6 = r1`) to the register copied; its log line, -1 if none in the walk. */
static int last_write(const struct vlog *v, int from, int reg, int *steps)
{
	for (int i = from; i >= 0 && reg >= 0 && (*steps)++ < UTIL_MAX_WALK;
	     i = grade_vlog_path_prev(v, i)) {
		int src;

		if (v->lines[i].kind != VL_INSN || insn_dst(v->lines[i].text, &src) != reg)
			continue;
		if (src < 0)
			return i;
		reg = src;
	}
	return -1;
}

int vu_last_write(const struct vctx *c, int reg)
{
	const struct vlog *v = c->log;
	int steps = 0;

	return last_write(v, grade_vlog_path_prev(v, v->fail), reg, &steps);
}

/* The instruction, walking back from the failure, that produced the value register @reg holds
 * there (the verifier's id for it, "(id=N"): a helper call (its result in r0) or, @loads, a
 * load from memory ("rK = *(...)", its result in rK).  The verifier gives a scalar its id only
 * when it is first copied (`r6 = r0`): from such a copy the walk goes on to the instruction
 * that last wrote the register copied.  Its log line, -1 if none. */
static int find_origin(const struct vctx *c, int reg, bool loads)
{
	const struct vlog *v = c->log;
	char st[256], idf[32], want[48];
	int steps = 0;

	if (reg < 0 || !grade_vlog_reg_before(v, v->fail, reg, st, sizeof(st)) ||
	    !grade_vlog_field(st, "id", idf, sizeof(idf)))
		return -1;
	snprintf(want, sizeof(want), "(id=%s", idf);
	for (int i = v->fail; i >= 0 && steps++ < UTIL_MAX_WALK; i = grade_vlog_path_prev(v, i)) {
		const struct vline *l = &v->lines[i];
		char out[256];
		int dst = 0, src, wrote;

		if (l->kind != VL_INSN)
			continue;
		wrote = insn_dst(l->text, &src);
		if (wrote >= 0 && src >= 0 && grade_vlog_reg(l->state, wrote, out, sizeof(out)) &&
		    strstr(out, want)) {
			int at = last_write(v, grade_vlog_path_prev(v, i), src, &steps);

			return at >= 0 && (!strncmp(v->lines[at].text, "call ", 5) ||
					   (loads && strstr(v->lines[at].text, "= *("))) ? at : -1;
		}
		if (strncmp(l->text, "call ", 5) &&
		    !(loads && sscanf(l->text, "r%d = *(", &dst) == 1 && strstr(l->text, "= *(")))
			continue;
		if (grade_vlog_reg(l->state, dst, out, sizeof(out)) && strstr(out, want))
			return i;
		/* a load through BTF prints the new state on a line of its own, after a note */
		for (size_t k = i + 1; loads && k < v->n && k <= (size_t)i + 3 &&
		     v->lines[k].kind != VL_INSN; k++)
			if (v->lines[k].kind == VL_STATE &&
			    grade_vlog_reg(v->lines[k].state, dst, out, sizeof(out)) && strstr(out, want))
				return i;
	}
	return -1;
}

int vu_find_call(const struct vctx *c, int reg, char *helper, size_t cap)
{
	int i = find_origin(c, reg, false);

	if (i < 0)
		return 0;
	if (!vu_helper(c->log->lines[i].text, helper, cap))
		helper[0] = 0;
	return vu_insn_line(c, i);
}

int vu_find_load(const struct vctx *c, int reg)
{
	int i = find_origin(c, reg, true);

	return i < 0 || !strncmp(c->log->lines[i].text, "call ", 5) ? 0 : vu_insn_line(c, i);
}
