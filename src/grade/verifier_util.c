/* verifier_util.c: small readers the class table shares: what the failing instruction and the
 * learner's line say (array subscripts, call arguments, the variable assigned), the path's
 * calls, the enclosing function, map declarations (the provenance walks are in
 * verifier_provenance.c).
 * All of them work on bounded copies and give up quietly: a class then says less, never
 * something wrong. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "verifier_util.h"

static bool is_id(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_';
}

bool vu_line(const struct vctx *c, int line, char *out, size_t cap)
{
	const char *p;
	size_t n;

	out[0] = 0;
	if (!grade_src_line(c->src, line, &p, &n))
		return false;
	while (n && isspace((unsigned char)*p))
		p++, n--;
	while (n && isspace((unsigned char)p[n - 1]))
		n--;
	snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), p);
	return true;
}

int vu_statement(const struct vctx *c, int line, char *out, size_t cap)
{
	char t[512];
	size_t len = 0;
	int depth = 0, l = line;

	out[0] = 0;
	for (; l < line + VU_STATEMENT_LINES && vu_line(c, l, t, sizeof(t)); l++) {
		for (const char *p = t; *p; p++)
			depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
		len += (size_t)snprintf(out + len, len < cap ? cap - len : 0, "%s%s", l > line ? " " : "", t);
		if (depth <= 0 || len >= cap)
			break;
	}
	return l > line + VU_STATEMENT_LINES - 1 ? line + VU_STATEMENT_LINES - 1 : l;
}

const char *vu_err(const struct vctx *c, const char *needle)
{
	const struct vlog *v = c->log;

	for (int i = v->err_first; i >= 0 && i <= v->err_last; i++)
		if (strstr(v->lines[i].text, needle))
			return v->lines[i].text;
	return NULL;
}

int vu_err_reg(const char *errline)
{
	int r;

	if (errline && errline[0] == 'R' && sscanf(errline + 1, "%d", &r) == 1 && r >= 0 && r <= 10)
		return r;
	return -1;
}

const char *vu_insn(const struct vctx *c)
{
	return c->log->fail >= 0 ? c->log->lines[c->log->fail].text : "";
}

bool vu_helper(const char *insn, char *out, size_t cap)
{
	const char *p = strstr(insn, "call ");
	size_t n;

	if (!p)
		return false;
	p += 5;
	n = strcspn(p, "#( ");
	if (n > 5 && !strncmp(p + n - 5, "_impl", 5))
		n -= 5;   /* bpf_obj_new() and its kin are macros around kfuncs named ..._impl() */
	if (n == 0 || n >= cap)
		return false;
	snprintf(out, cap, "%.*s", (int)n, p);
	return true;
}

bool vu_subscript(const char *line, char *arr, size_t acap, char *idx, size_t icap)
{
	for (const char *b = strchr(line, '['); b; b = strchr(b + 1, '[')) {
		const char *a = b, *e = strchr(b, ']');

		while (a > line && is_id(a[-1]))
			a--;
		if (a == b || !e || isdigit((unsigned char)b[1]) || e - b - 1 <= 0)
			continue;
		snprintf(arr, acap, "%.*s", (int)(b - a), a);
		snprintf(idx, icap, "%.*s", (int)(e - b - 1), b + 1);
		return true;
	}
	return false;
}

bool vu_call_arg(const char *line, const char *fn, int argn, char *out, size_t cap)
{
	const char *p = fn ? strstr(line, fn) : NULL, *a, *b;

	if (!p || !grade_call_arg_range(line, p - line, argn, &a, &b))
		return false;
	snprintf(out, cap, "%.*s", (int)(b - a), a);
	return true;
}

bool vu_assigned(const char *line, char *out, size_t cap)
{
	const char *eq = strchr(line, '=');
	const char *e;

	if (!eq || eq == line || eq[1] == '=')
		return false;
	e = eq;
	while (e > line && isspace((unsigned char)e[-1]))
		e--;
	for (const char *a = e; a > line; a--) {
		if (!is_id(a[-1])) {
			if (a == e)
				return false;
			snprintf(out, cap, "%.*s", (int)(e - a), a);
			return true;
		}
	}
	snprintf(out, cap, "%.*s", (int)(e - line), line);
	return e > line;
}

bool vu_deref_base(const char *line, char *out, size_t cap)
{
	const char *p = strstr(line, "->");
	const char *a;

	if (!p) {
		/* name[i], else *name (a cast's '*' is followed by ')' and is skipped) */
		for (p = strchr(line, '['); p; p = strchr(p + 1, '[')) {
			for (a = p; a > line && is_id(a[-1]); a--)
				;
			if (a < p && !isdigit((unsigned char)*a))
				break;
		}
		if (!p) {
			for (p = strchr(line, '*'); p; p = strchr(p + 1, '*')) {
				const char *b = p + 1, *q = p;

				while (q > line && isspace((unsigned char)q[-1]))
					q--;
				if (q > line && !strchr("=(,;!&|?:", q[-1]) &&
				    !(q - line >= 6 && !strncmp(q - 6, "return", 6)))
					continue;
				for (a = b; is_id(*b); b++)
					;
				if (b > a && !isdigit((unsigned char)*a)) {
					snprintf(out, cap, "%.*s", (int)(b - a), a);
					return true;
				}
			}
			return false;
		}
	}
	for (a = p; a > line && is_id(a[-1]); a--)
		;
	if (a == p)
		return false;
	snprintf(out, cap, "%.*s", (int)(p - a), a);
	return true;
}

long vu_define_value(const struct vctx *c, const char *name, int before)
{
	char t[512], n[64];
	long v;

	for (int line = before; line >= 1; line--)
		if (vu_line(c, line, t, sizeof(t)) && sscanf(t, "#define %63s %li", n, &v) == 2 &&
		    !strcmp(n, name))
			return v;
	return 0;
}

long vu_decl_elems(const struct vctx *c, const char *arr, int before)
{
	char pat[80], name[64];
	long v;

	snprintf(pat, sizeof(pat), "%s[", arr);
	for (int line = before; line >= 1; line--) {
		char t[512];
		const char *p;

		if (!vu_line(c, line, t, sizeof(t)))
			continue;
		for (p = strstr(t, pat); p; p = strstr(p + 1, pat)) {
			const char *q = p;

			if (p > t && is_id(p[-1]))
				continue;
			while (q > t && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '*'))
				q--;
			if (q == p || q == t || !is_id(q[-1]))
				continue;   /* `ids[0] = id;` uses the array; `u64 ids[8]` declares it */
			if (isdigit((unsigned char)p[strlen(pat)]))
				return strtol(p + strlen(pat), NULL, 0);
			if (sscanf(p + strlen(pat), "%63[A-Za-z0-9_]]", name) == 1 &&
			    (v = vu_define_value(c, name, line)) > 0)
				return v;   /* ids[NR_RECENT] */
		}
	}
	return 0;
}

int vu_insn_line(const struct vctx *c, int logline)
{
	int col;

	return grade_insn_line(c, logline, &col);
}

int vu_find_line(const struct vctx *c, const char *needle, int from, int to)
{
	char t[512];

	for (int line = from; line >= 1 && line <= to; line++)
		if (vu_line(c, line, t, sizeof(t)) && strstr(t, needle))
			return line;
	return 0;
}

int vu_fail_line(const struct vctx *c)
{
	int col;

	return grade_fail_line(c, &col);
}

int vu_prog_section(const struct vctx *c, char *out, size_t cap)
{
	char t[512], want[80], bpf_prog[80];

	out[0] = 0;
	if (!c->prog[0])
		return 0;
	snprintf(want, sizeof(want), "%s(", c->prog);
	snprintf(bpf_prog, sizeof(bpf_prog), "(%s,", c->prog);
	/* a SEC("...") line followed, within 3 lines, by the definition of the program */
	for (int l = 1; vu_line(c, l, t, sizeof(t)); l++) {
		const char *p = strstr(t, "SEC(\"");

		if (!p || !strncmp(p + 5, "license", 7) || !strncmp(p + 5, ".maps", 5))
			continue;
		for (int k = l; k <= l + 3; k++) {
			char d[512];

			if (vu_line(c, k, d, sizeof(d)) && (strstr(d, want) || strstr(d, bpf_prog))) {
				snprintf(out, cap, "%.*s", (int)strcspn(p + 5, "\""), p + 5);
				return l;
			}
		}
	}
	return 0;
}

bool vu_member_access(const char *line, char *base, size_t bcap, char *field, size_t fcap)
{
	const char *a = strstr(line, "->"), *s;

	if (!a)
		return false;
	for (s = a; s > line && (isalnum((unsigned char)s[-1]) || s[-1] == '_'); s--)
		;
	snprintf(base, bcap, "%.*s", (int)(a - s), s);
	a += 2;
	snprintf(field, fcap, "%.*s", (int)strspn(a, "abcdefghijklmnopqrstuvwxyz"
						 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"), a);
	return base[0] && field[0];
}

int vu_path_find(const struct vctx *c, const char *needle, int *logline)
{
	const struct vlog *v = c->log;
	int steps = 0;

	for (int i = v->fail; i >= 0 && steps++ < 4096; i = grade_vlog_path_prev(v, i)) {
		const struct vline *l = &v->lines[i];

		if (i != v->fail && l->kind == VL_INSN &&
		    (strstr(l->text, needle) || (l->state && strstr(l->state, needle)))) {
			if (logline)
				*logline = i;
			return vu_insn_line(c, i) ?: -1;
		}
	}
	return 0;
}

int vu_path_call(const struct vctx *c, vu_call_pick pick, void *arg, char *fn, size_t cap)
{
	const struct vlog *v = c->log;
	int steps = 0;

	for (int i = grade_vlog_path_prev(v, v->fail); i >= 0 && steps++ < 4096;
	     i = grade_vlog_path_prev(v, i))
		if (v->lines[i].kind == VL_INSN && vu_helper(v->lines[i].text, fn, cap) &&
		    pick(c, i, fn, arg))
			return i;
	fn[0] = 0;
	return -1;
}

int vu_func_end(const struct vctx *c, int def)
{
	const char *p;
	size_t n;

	for (int l = def + 1; def > 0 && grade_src_line(c->src, l, &p, &n); l++)
		if (n && p[0] == '}')
			return l;
	return 0;
}

int vu_enclosing_func(const struct vctx *c, int line)
{
	for (int l = line; l >= 1; l--) {
		const char *p;
		size_t n;

		if (!grade_src_line(c->src, l, &p, &n) || !n || strchr(" \t{}#/*", p[0]))
			continue;
		if (memchr(p, '(', n))
			return l;
	}
	return 0;
}

bool vu_func_name(const struct vctx *c, int def, char *out, size_t cap)
{
	char t[512];
	const char *p, *a;

	out[0] = 0;
	if (!vu_line(c, def, t, sizeof(t)) || !(p = strchr(t, '(')))
		return false;
	for (a = p; a > t && is_id(a[-1]); a--)
		;
	if (!strncmp(a, "BPF_", 4)) {   /* BPF_PROG(name, ...), BPF_KPROBE(name, ...) */
		for (a = p + 1; isspace((unsigned char)*a); a++)
			;
		for (p = a; is_id(*p); p++)
			;
	}
	snprintf(out, cap, "%.*s", (int)(p - a), a);
	return p > a;
}

int vu_call_of(const struct vctx *c, const char *fn, int def)
{
	char pat[80];

	snprintf(pat, sizeof(pat), "%s(", fn);
	for (int l = 1; (l = vu_find_line(c, pat, l, 1 << 20)) > 0; l++) {
		char t[512];
		size_t k;
		const char *at;

		if (l == def || !vu_line(c, l, t, sizeof(t)) || !strncmp(t, "//", 2) ||
		    !strncmp(t, "/*", 2) || t[0] == '*' || strstr(t, "__ksym") ||
		    !strncmp(t, "extern ", 7))
			continue;
		at = strstr(t, pat);
		k = (size_t)(at - t);
		if (k == 0 || !is_id(t[k - 1]))
			return l;
	}
	return 0;
}

int vu_map_decl_line(const struct vctx *c, const char *name, const char *needle, int *end)
{
	char pat[96];

	snprintf(pat, sizeof(pat), "} %s SEC(\".maps\")", name);
	*end = vu_find_line(c, pat, 1, 1 << 20);
	for (int l = *end - 1; *end > 0 && l >= 1; l--) {
		char t[512];

		if (!vu_line(c, l, t, sizeof(t)) || !strncmp(t, "struct", 6) || t[0] == '}')
			break;
		if (strstr(t, needle))
			return l;
	}
	return 0;
}

bool vu_map_type_secondary(const struct vctx *c, const char *arg)
{
	char name[64], t[512], type[64] = "";
	const char *p;
	int end, l;

	if (!arg || sscanf(arg + (arg[0] == '&'), "%63[A-Za-z0-9_]", name) != 1 ||
	    !(l = vu_map_decl_line(c, name, "__uint(type,", &end)) || !vu_line(c, l, t, sizeof(t)))
		return false;
	if ((p = strstr(t, "BPF_MAP_TYPE_")))
		sscanf(p, "%63[A-Z0-9_]", type);
	grade_secondary_at(c, l, type[0] ? type : "type", "`%s` is declared %s here", name,
			   type[0] ? type : "with this type");
	return true;
}

int vu_dojo_macro_line(const struct vctx *c, int from, char *macro, size_t cap)
{
	int end = vu_func_end(c, vu_enclosing_func(c, from));
	char t[512];

	for (int l = from + 1; l < end; l++) {
		const char *m;

		if (!vu_line(c, l, t, sizeof(t)))
			break;
		if ((m = strstr(t, "DEBUG_")) || (m = strstr(t, "SUBMIT_"))) {
			snprintf(macro, cap, "%.*s", (int)strspn(m, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_"), m);
			return l;
		}
	}
	return 0;
}

int vu_assign_line(const struct vctx *c, const char *var, int line, const char *needle)
{
	char t[512], lhs[64];

	for (int l = line - 1, def = vu_enclosing_func(c, line); def > 0 && l > def; l--)
		if (vu_line(c, l, t, sizeof(t)) && (!needle || strstr(t, needle)) &&
		    vu_assigned(t, lhs, sizeof(lhs)) && !strcmp(lhs, var))
			return l;
	return 0;
}

int vu_bpf_prog_arg(const struct vctx *c, int def, int pos, char *decl, size_t cap, int *list_end)
{
	char t[1024];
	const char *p;
	size_t len;
	int end;

	decl[0] = 0;
	if (!def || !(end = vu_statement(c, def, t, sizeof(t))) || !(p = strstr(t, "BPF_PROG")) ||
	    !(p = strchr(p, '(')))
		return 0;
	if (list_end)
		*list_end = end;
	for (int k = 0; k < pos && p; k++)
		p = strchr(p + 1, ',');
	if (!p)
		return 0;
	p += 1 + strspn(p + 1, " ");
	len = strcspn(p, ",)");
	while (len && p[len - 1] == ' ')
		len--;
	if (!len || len >= cap)
		return 0;
	snprintf(decl, cap, "%.*s", (int)len, p);
	return vu_find_line(c, decl, def, def + VU_STATEMENT_LINES) ?: def;
}

void vu_decl_name(const char *decl, char *out, size_t cap)
{
	size_t n = strlen(decl), end;

	while (n && !is_id(decl[n - 1]))
		n--;
	end = n;
	while (n && is_id(decl[n - 1]))
		n--;
	snprintf(out, cap, "%.*s", (int)(end - n), decl + n);
}

void vu_hook_what(const char *sec, const char *fn, char *out, size_t cap)
{
	if (!strncmp(sec, "tp_btf/", 7))
		snprintf(out, cap, "the %s tracepoint", fn);
	else if (!strncmp(sec, "lsm", 3))
		snprintf(out, cap, "the %s LSM hook", fn);
	else
		snprintf(out, cap, "%s()", fn);
}
