/* verifier_kptr.c: the rows of the class table about typed kernel pointers (tp_btf and fentry
 * arguments, bpf_get_current_task_btf(), __ksym variables): the verifier knows the struct each
 * one points to, from the kernel's BTF, and lets the program read it directly, but only
 * within that struct, at constant offsets, and never a per-CPU variable as one object. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "verifier_util.h"

#define D (c->d)

/* The member access on the failing line, `base->field` into @tok (and @base); false if none. */
static bool failing_member(const struct vctx *c, int line, char *base, size_t bcap, char *tok,
			   size_t tcap)
{
	char t[512], field[64];

	if (!vu_line(c, line, t, sizeof(t)) || !vu_member_access(t, base, bcap, field, sizeof(field)))
		return false;
	snprintf(tok, tcap, "%s->%s", base, field);
	return true;
}

/* The line above @line, in its function, that assigns @var (`tp = (struct tcp_sock *)sk;`),
 * and the variable its value comes from (the last identifier after a cast) into @from. */
static int assigned_from(const struct vctx *c, const char *var, int line, char *from, size_t cap)
{
	char t[512], v[64] = "";
	int l = vu_assign_line(c, var, line, NULL);
	const char *eq, *cast;

	from[0] = 0;
	if (!l || !vu_line(c, l, t, sizeof(t)) || !(eq = strchr(t, '=')))
		return l;
	if ((cast = strstr(eq, "*)")))
		sscanf(cast + 2, " %63[A-Za-z0-9_]", v);
	else if ((cast = strchr(eq, '(')))
		sscanf(cast + 1, " %63[A-Za-z0-9_]", v);
	snprintf(from, cap, "%s", v);
	return l;
}

/* The array expression before the first '[' of @t (`p->comm` in `p->comm[i]`) into @out. */
static bool subscripted(const char *t, char *out, size_t cap)
{
	const char *b = strchr(t, '['), *a = b;

	while (a && a > t && (isalnum((unsigned char)a[-1]) || a[-1] == '_' || a[-1] == '.' ||
			      (a[-1] == '>' && a - 1 > t && a[-2] == '-') ||
			      (a[-1] == '-' && a[0] == '>')))
		a--;
	if (!b || a == b)
		return false;
	snprintf(out, cap, "%.*s", (int)(b - a), a);
	return true;
}

/* "access beyond struct sock at off 1408 size 4": a typed pointer cast to a larger struct
 * (`(struct tcp_sock *)sk`) and read past the struct the verifier knows it by. */
int vc_kptr_beyond(struct vctx *c)
{
	const char *e = vu_err(c, "access beyond struct ");
	int line = vu_fail_line(c), at;
	char st[64] = "", base[64] = "", tok[132] = "", from[64];
	unsigned off = 0, size = 0;

	if (!e || sscanf(e, "access beyond struct %63s at off %u size %u", st, &off, &size) < 1)
		return 0;
	failing_member(c, line, base, sizeof(base), tok, sizeof(tok));
	if (base[0] && (at = assigned_from(c, base, line, from, sizeof(from))) > 0 && from[0]) {
		grade_secondary_at(c, at, from, "a cast: to the verifier `%s` is still a struct %s",
				   base, st);
		snprintf(base, sizeof(base), "%s", from);
	}
	snprintf(D->cls, sizeof(D->cls), "kernel-struct-beyond");
	snprintf(D->title, sizeof(D->title), "%s%s%s reads past the end of struct %s, the type the "
		 "verifier knows this pointer by", tok[0] ? "`" : "", tok[0] ? tok : "this read",
		 tok[0] ? "`" : "", st);
	grade_span_at(c, &D->primary, line, tok[0] ? tok : NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "bytes %u..%u, past struct %s", off,
		 off + size - 1, st);
	if (!strcmp(st, "sock") || !strcmp(st, "sock_common"))
		snprintf(D->help, sizeof(D->help), "a cast does not change what the verifier knows: "
			 "convert the socket with bpf_skc_to_tcp_sock(%s) (or _udp_sock, _tcp6_sock, ...) "
			 "and check the result for NULL", base[0] ? base : "sk");
	else
		snprintf(D->help, sizeof(D->help), "a cast does not change what the verifier knows "
			 "(struct %s): read the larger struct with BPF_CORE_READ() or "
			 "bpf_core_cast(%s, struct ...)", st, base[0] ? base : "ptr");
	return 1;
}

/* "R1 is ptr_task_struct invalid variable offset: off=..." (a kernel struct's array indexed
 * with a variable) and "... invalid negative access: off=-8" (container_of() on it). */
int vc_kptr_offset(struct vctx *c)
{
	const char *var = vu_err(c, "invalid variable offset: off=");
	const char *neg = vu_err(c, "invalid negative access: off=");
	const char *e = var ?: neg, *p;
	int line = vu_fail_line(c), at;
	char st[64] = "", t[512], arr[64] = "", idx[64] = "", base[64] = "", tok[132] = "";
	char from[64];

	if (!e || !(p = strstr(e, " is ptr_")) || sscanf(p + 8, "%63[A-Za-z0-9_]", st) != 1)
		return 0;
	vu_line(c, line, t, sizeof(t));
	snprintf(D->cls, sizeof(D->cls), "kernel-struct-offset");
	if (var) {
		vu_subscript(t, arr, sizeof(arr), idx, sizeof(idx));
		subscripted(t, arr, sizeof(arr));
		snprintf(D->title, sizeof(D->title), "%s%s%s indexes into a struct %s with a variable: "
			 "a typed kernel pointer is read only at constant offsets", arr[0] ? "`" : "",
			 arr[0] ? arr : "this read", arr[0] ? "`" : "", st);
		grade_span_at(c, &D->primary, line, idx[0] ? idx : NULL);
		snprintf(D->primary.label, sizeof(D->primary.label), "a variable index");
		snprintf(D->help, sizeof(D->help), "copy the array out first, e.g. "
			 "`bpf_probe_read_kernel(buf, sizeof(buf), %s);`, then index the copy (checked "
			 "against its size)", arr[0] ? arr : "&ptr->array");
		return 1;
	}
	failing_member(c, line, base, sizeof(base), tok, sizeof(tok));
	snprintf(D->title, sizeof(D->title), "this read goes before the start of the struct %s "
		 "the pointer points to", st);
	grade_span_at(c, &D->primary, line, tok[0] ? tok : NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "a negative offset from a typed "
		 "kernel pointer (container_of() and the like)");
	if (base[0] && (at = assigned_from(c, base, line, from, sizeof(from))) > 0 && at != line)
		grade_secondary_at(c, at, from[0] ? from : base, "moved back from %s%s%s, a struct %s",
				   from[0] ? "`" : "", from[0] ? from : "its pointer", from[0] ? "`" : "",
				   st);
	snprintf(D->help, sizeof(D->help), "a typed kernel pointer may not move before its struct: "
		 "read the outer struct with bpf_probe_read_kernel() or BPF_CORE_READ() instead");
	return 1;
}

/* "R1 is ptr_rq access percpu memory: off=4": a per-CPU kernel variable (an `extern ...
 * __ksym` such as runqueues) read as if it were one object. */
int vc_percpu_ksym(struct vctx *c)
{
	const char *e = vu_err(c, "access percpu memory");
	int line = vu_fail_line(c), decl = 0;
	char t[512], d[512], var[64] = "", type[64];

	if (!e || !vu_line(c, line, t, sizeof(t)))
		return 0;
	for (int l = 1; l < line && !var[0]; l++) {
		const char *k, *a;

		if (!vu_line(c, l, d, sizeof(d)) || !strstr(d, "extern") || !(k = strstr(d, "__ksym")))
			continue;
		for (a = k; a > d && (a[-1] == ' ' || a[-1] == '\t'); a--)
			;
		for (k = a; a > d && (isalnum((unsigned char)a[-1]) || a[-1] == '_'); a--)
			;
		snprintf(var, sizeof(var), "%.*s", (int)(k - a), a);
		if (!var[0] || grade_find_token(t, strlen(t), var) < 0)
			var[0] = 0;
		else
			decl = l;
	}
	snprintf(D->cls, sizeof(D->cls), "percpu-ksym-direct");
	snprintf(D->title, sizeof(D->title), "`%s` is a per-CPU kernel variable: each CPU has its "
		 "own copy, so it is read through a pointer to one of them", var[0] ? var : "this");
	grade_span_at(c, &D->primary, line, var[0] ? var : NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "read as if there were one");
	if (decl)
		grade_secondary_at(c, decl, var, "declared here, a per-CPU symbol");
	if (!decl || !vu_line(c, decl, d, sizeof(d)) || !strstr(d, "struct ") ||
	    sscanf(strstr(d, "struct ") + 7, "%63[A-Za-z0-9_]", type) != 1)
		snprintf(type, sizeof(type), "...");
	snprintf(D->help, sizeof(D->help), "take this CPU's copy first: `struct %s *p = "
		 "bpf_this_cpu_ptr(&%s);` and read `p->...` (bpf_per_cpu_ptr(&%s, cpu) for another "
		 "CPU's, which may be NULL)", type, var[0] ? var : "var", var[0] ? var : "var");
	return 1;
}

/* "ldimm64 failed to find the address for kernel symbol 'runqueues'": an `extern ... __ksym`
 * variable this kernel does not give BPF programs the address of. */
int vc_ksym_missing(struct vctx *c)
{
	const char *e = vu_err(c, "failed to find the address for kernel symbol '");
	char sym[64] = "", t[512], decl_needle[72];
	int decl, use = 0, def;

	if (!e || sscanf(strchr(e, '\'') + 1, "%63[A-Za-z0-9_]", sym) != 1)
		return 0;
	snprintf(decl_needle, sizeof(decl_needle), "%s __ksym", sym);
	decl = vu_find_line(c, decl_needle, 1, 100000);
	def = c->prog[0] ? grade_src_find_sec(c->src, NULL, c->prog) : 0;
	for (int l = def ? def : decl + 1; l > 0 && !use && vu_line(c, l, t, sizeof(t)) &&
	     l < (def ? def : decl) + 400; l++)
		if (l != decl && grade_find_token(t, strlen(t), sym) >= 0)
			use = l;
	snprintf(D->cls, sizeof(D->cls), "ksym-not-found");
	snprintf(D->title, sizeof(D->title), "this kernel does not give BPF programs the address of "
		 "`%s`", sym);
	grade_span_at(c, &D->primary, use ? use : decl, sym);
	snprintf(D->primary.label, sizeof(D->primary.label), "`%s` has no address the program can "
		 "use here", sym);
	if (use && decl)
		grade_secondary_at(c, decl, sym, "declared here as a kernel symbol");
	if (use && vu_line(c, use, t, sizeof(t)) && strstr(t, "_cpu_ptr("))
		snprintf(D->help, sizeof(D->help), "the read is right, but this kernel does not list "
			 "the symbol's address (/proc/kallsyms): here the value must come another way, "
			 "such as a tracepoint's or kernel function's arguments");
	else
		snprintf(D->help, sizeof(D->help), "a per-CPU variable (such as runqueues) is read "
			 "through `bpf_this_cpu_ptr(&%s)`, and only where the kernel lists its address "
			 "(/proc/kallsyms); otherwise read the value through a kernel function or "
			 "tracepoint that hands it over", sym);
	return 1;
}
