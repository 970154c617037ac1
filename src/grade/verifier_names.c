/* verifier_names.c: which of the learner's variables a register or a stack slot holds, along
 * the path the verifier walked (for the trace in verifier_trace.c).
 *
 * One part is exact: at the program's first instruction r1..r5 are its parameters, named by
 * the object's BTF func info ("ctx").  The rest is a light heuristic over the path, one
 * instruction at a time, and says nothing when unsure:
 *   - `rA = rB` copies rB's name; `rA = *(u64 *)(r10 -8)` takes the name of slot fp-8;
 *   - `*(u32 *)(r10 -4) = ...` names slot fp-8 after the variable the source line assigns
 *     (`u32 key = 0;` -> key; `e.pid = ...` -> e), else after the stored register;
 *   - a call sets r0 (r1..r5 keep the arguments' names); on a line assigning a call's result
 *     to a plain variable (`e = bpf_ringbuf_reserve(...)`), r0 after the call is `e` (and so
 *     are its copies);
 *   - a register set from r10 (and moved by constants) points into the stack: it shows as
 *     `&key` when that slot is named;
 *   - any other write to a register forgets its name; at the end of a step (a visit of one
 *     source line) without a call, the last register written there (and the register it was
 *     copied from) takes the name of the plain variable the line assigns (`slot = ...`);
 *   - a constant added to a register under a loop header's step (`for (...; ...; i++)`) or
 *     an increment statement (`i++;`) names it after that variable;
 *   - a line declaring several variables (`u32 a = 0, b = 1;`) names nothing.
 * The compiler may keep a variable in several registers or none; a name here means "the value
 * the line computed for this variable", not a promise that the register is that variable. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "verifier_internal.h"

void grade_names_start(struct vnames *n, const struct vctx *c, bool at_entry)
{
	memset(n, 0, sizeof(*n));
	n->last_write = n->last_mov_src = -1;
	for (int i = 0; at_entry && i < 5; i++)
		if (!grade_vobj_func_param(c->obj, c->prog, i, n->reg[i + 1], sizeof(n->reg[0])))
			n->reg[i + 1][0] = 0;
}

int grade_names_slot_index(int off)
{
	int k;

	if (off >= 0 || off < -8 * VNAMES_SLOTS)
		return -1;
	k = (-off + 7) / 8 - 1;
	return k < VNAMES_SLOTS ? k : -1;
}

/* "r3"/"w3" at @p: its number, else -1. */
static int reg_at(const char *p)
{
	if ((p[0] != 'r' && p[0] != 'w') || !isdigit((unsigned char)p[1]))
		return -1;
	if (isdigit((unsigned char)p[2]))
		return p[1] == '1' && p[2] == '0' && !isalnum((unsigned char)p[3]) ? 10 : -1;
	return isalnum((unsigned char)p[2]) || p[2] == '_' ? -1 : p[1] - '0';
}

/* "*(u64 *)(r10 -8)" at @p: the offset (-8) and true. */
static bool stack_ref(const char *p, int *off)
{
	const char *q = strstr(p, "(r10 ");

	if (strncmp(p, "*(", 2) || !q || q - p > 12)
		return false;
	return sscanf(q + 5, "%d", off) == 1;
}

/* The variable the source line @t assigns at its top level (`a = ...`, `u64 *a = ...`,
 * `a += ...`; `e.pid = ...` and `e->pid = ...` when @member), its base name into @out. */
static bool line_assigns(const char *line, bool member, char *out, size_t cap)
{
	int depth = 0;
	const char *eq = NULL, *end, *start;
	bool is_member = false;
	char t[256], *cut;

	snprintf(t, sizeof(t), "%s", line);
	if ((cut = strstr(t, "//")) || (cut = strstr(t, "/*")))
		*cut = 0;   /* a trailing comment is not part of the statement */
	for (const char *p = t; *p && !eq; p++) {
		if (*p == '(' || *p == '[')
			depth++;
		else if ((*p == ')' || *p == ']') && depth > 0)
			depth--;
		else if (*p == '"' || *p == '\'')
			return false;
		else if (*p == '=' && !depth && p[1] != '=' && p > t &&
			 !strchr("=!<>", p[-1]) /* ==, !=, <=, >= */)
			eq = p;
		else if (*p == '=' && p[1] == '=')
			p++;
	}
	if (!eq)
		return false;
	end = eq;
	while (end > t && strchr("+-*/%&|^<> ", end[-1]))   /* `a += `, `a <<= ` */
		end--;
	start = end;
	while (start > t && (isalnum((unsigned char)start[-1]) || strchr("_.[]>-", start[-1]))) {
		if (start[-1] == '.' || start[-1] == '[' || (start[-1] == '>' && start - 1 > t &&
							       start[-2] == '-'))
			is_member = true;
		start--;
	}
	if (start == end || !isalpha((unsigned char)*start) || (is_member && !member))
		return false;
	for (const char *p = eq; *p; p++) {   /* `a = 0, b = 1`: which store is which is a guess */
		depth += *p == '(' || *p == '[' ? 1 : *p == ')' || *p == ']' ? -1 : 0;
		if (*p == ',' && depth <= 0)
			return false;
	}
	for (end = start; isalnum((unsigned char)*end) || *end == '_'; end++)
		;
	if ((size_t)(end - start) >= cap || !strncmp(start, "return", 6))
		return false;
	snprintf(out, cap, "%.*s", (int)(end - start), start);
	return true;
}

/* The variable a loop header's step (`for (...; ...; i++)`) or an increment statement (`i++;`,
 * `--i;`) moves, into @out. */
static bool line_increments(const char *t, char *out, size_t cap)
{
	const char *p = t, *a, *b;

	if (!strncmp(t, "for (", 5) || !strncmp(t, "for(", 4)) {
		if (!(a = strchr(t, ';')) || !(a = strchr(a + 1, ';')))
			return false;
		p = a + 1;
	}
	while (*p == ' ' || *p == '+' || *p == '-')
		p++;
	for (a = p; isalnum((unsigned char)*a) || *a == '_'; a++)
		;
	b = a;
	while (*b == ' ')
		b++;
	if (a == p || !isalpha((unsigned char)*p) || (size_t)(a - p) >= cap ||
	    !((p > t && (p[-1] == '+' || p[-1] == '-')) || !strncmp(b, "++", 2) ||
	      !strncmp(b, "--", 2) ||
	      !strncmp(b, "+=", 2) || !strncmp(b, "-=", 2)))
		return false;
	snprintf(out, cap, "%.*s", (int)(a - p), p);
	return true;
}

void grade_names_step_begin(struct vnames *n)
{
	n->last_write = n->last_mov_src = -1;
	n->by_call = false;
}

void grade_names_reg(const struct vnames *n, int reg, char *out, size_t cap)
{
	int k;

	if (!cap)
		return;
	out[0] = 0;
	if (reg < 0 || reg > 10)
		return;
	if (n->fp_valid[reg] && (k = grade_names_slot_index(n->fp_off[reg])) >= 0) {
		if (n->slot[k][0])
			snprintf(out, cap, "&%s", n->slot[k]);
		return;
	}
	snprintf(out, cap, "%s", n->reg[reg]);
}

/* A call's result assigned to a plain variable on @line_text (`e = f(...)`, a cast's
 * parenthesis not counted): that variable into @out. */
static bool line_calls(const char *line_text, char *out, size_t cap)
{
	const char *eq = strchr(line_text, '=');

	if (eq && eq > line_text && strchr("+-*/%&|^<>", eq[-1]))
		return false;   /* `sum += f()`: the call's result is not `sum` */
	for (const char *p = eq ? eq + 1 : NULL; p && *p; p++)
		if (*p == '(' && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
			return line_assigns(line_text, false, out, cap);
	return false;
}

void grade_names_insn(struct vnames *n, const char *t, const char *line_text)
{
	int dst = reg_at(t), src, off, k;
	const char *rhs;

	if (!strncmp(t, "call ", 5)) {
		char var[VNAME_MAX];

		/* r1..r5 keep their names: they show the arguments' states the log printed, and
		 * nothing reads them before writing them again */
		n->reg[0][0] = 0;
		n->fp_valid[0] = false;
		n->last_write = 0;
		n->last_mov_src = -1;
		if (line_calls(line_text, var, sizeof(var))) {
			memcpy(n->reg[0], var, sizeof(var));
			n->by_call = true;
		}
		return;
	}
	if (stack_ref(t, &off) && (rhs = strstr(t, ") = ")) && (k = grade_names_slot_index(off)) >= 0) {
		char var[VNAME_MAX];

		src = reg_at(rhs + 4);
		if (line_assigns(line_text, true, var, sizeof(var)))
			snprintf(n->slot[k], sizeof(n->slot[k]), "%s", var);
		else if (src >= 0 && n->reg[src][0])
			memcpy(n->slot[k], n->reg[src], sizeof(n->slot[k]));
		return;
	}
	if (dst < 0 || dst == 10)
		return;
	rhs = t + 2;
	while (*rhs == ' ')
		rhs++;
	if (*rhs == '=' && rhs[1] == '=')
		return;   /* not a write ("r1 == ..." does not occur, but be safe) */
	if (!strchr(rhs, '=') || (rhs[0] != '=' && !strstr(rhs, "= ")))
		return;   /* "if r1 > ..." starts with "if", so a leading register is a write */
	if ((rhs[0] == '+' || rhs[0] == '-') && rhs[1] == '=' && !n->fp_valid[dst] &&
	    sscanf(rhs + 2, "%d", &off) == 1) {   /* `r8 += 1` under `for (...; i++)`: i */
		char var[VNAME_MAX];

		n->last_write = dst;
		n->last_mov_src = -1;
		if (line_increments(line_text, var, sizeof(var)))
			memcpy(n->reg[dst], var, sizeof(var));
		else
			n->reg[dst][0] = 0;
		return;
	}
	if ((rhs[0] == '+' || rhs[0] == '-') && rhs[1] == '=' && n->fp_valid[dst] &&
	    sscanf(rhs + 2, "%d", &off) == 1 && off > -4096 && off < 4096) {
		n->fp_off[dst] += rhs[0] == '+' ? off : -off;   /* `r2 += -8`: into the stack */
		n->fp_valid[dst] = n->fp_off[dst] > -4096 && n->fp_off[dst] < 4096;
		return;
	}
	n->fp_valid[dst] = false;
	if (rhs[0] == '=' && rhs[1] == ' ') {
		const char *v = rhs + 2;

		src = reg_at(v);
		if (src >= 0 && !v[2 + (src == 10)]) {   /* a plain copy */
			if (dst != src)
				memcpy(n->reg[dst], n->reg[src], sizeof(n->reg[dst]));
			n->fp_valid[dst] = src == 10 || n->fp_valid[src];
			n->fp_off[dst] = src == 10 ? 0 : n->fp_off[src];
			if (!n->fp_valid[dst]) {
				n->last_write = dst;
				n->last_mov_src = src;
			}
			return;
		}
		n->last_write = dst;
		n->last_mov_src = -1;
		if (stack_ref(v, &off) && (k = grade_names_slot_index(off)) >= 0) {
			memcpy(n->reg[dst], n->slot[k], sizeof(n->reg[dst]));
			return;
		}
	}
	n->last_write = dst;
	n->last_mov_src = -1;
	n->reg[dst][0] = 0;
}

void grade_names_step_end(struct vnames *n, const char *line_text)
{
	char var[VNAME_MAX];

	if (n->by_call || n->last_write < 0 || !line_assigns(line_text, false, var, sizeof(var)))
		return;
	memcpy(n->reg[n->last_write], var, sizeof(var));
	if (n->last_mov_src >= 0)
		memcpy(n->reg[n->last_mov_src], var, sizeof(var));
}
