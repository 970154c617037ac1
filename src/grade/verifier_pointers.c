/* verifier_pointers.c: the classes about what kind of pointer the program used: one that may
 * be NULL (a lookup's result, an iterator's, a kptr), a kernel pointer the verifier cannot
 * check (read directly instead of through BPF_CORE_READ or bpf_probe_read_kernel), and a
 * write into kernel memory.  Each names the learner's variable and where the pointer came
 * from. */
#include <stdio.h>
#include <string.h>
#include "verifier_util.h"

#define D (c->d)

/* "possibly NULL" pointer dereferenced: which lookup it came from, and the check to add. */
int vc_null(struct vctx *c)
{
	/* 'map_value_or_null', 'ptr_or_null_', 'trusted_ptr_or_null_', 'rcu_ptr_or_null_' */
	const char *e = vu_err(c, "_or_null"), *arg_e = vu_err(c, "Possibly NULL pointer passed to");
	char line_t[512], call_t[512], var[64] = "", helper[64] = "", st[256], map[64] = "";
	char sec[64], callee[64] = "", passed[128] = "";
	int reg = vu_err_reg(e), col, line = grade_fail_line(c, &col), call, load = 0, argn;

	/* passed to a helper or kfunc ("R1 type=map_value_or_null expected=map_ptr", "Possibly
	 * NULL pointer passed to trusted arg0") rather than dereferenced */
	if (arg_e && sscanf(strstr(arg_e, " arg") ?: "", " arg%d", &argn) == 1)
		e = arg_e, reg = argn + 1;
	else if (e && !strstr(e, "invalid mem access") && !strstr(e, " expected=") &&
		 !strstr(e, "null-check it first"))   /* "pointer arithmetic on ..._or_null_" */
		e = NULL;
	if (!e || c->log->subprog)
		return 0;
	if (!strstr(e, "invalid mem access") && vu_helper(vu_insn(c), callee, sizeof(callee)) &&
	    vu_line(c, line, line_t, sizeof(line_t)) && reg >= 1 && reg <= 5)
		vu_call_arg(line_t, callee, reg, passed, sizeof(passed));
	snprintf(D->cls, sizeof(D->cls), "null-pointer");
	call = vu_find_call(c, reg, helper, sizeof(helper));
	if (!call)
		load = vu_find_load(c, reg);
	if ((call || load) && vu_line(c, call ?: load, call_t, sizeof(call_t)))
		vu_assigned(call_t, var, sizeof(var));
	if (!var[0] && passed[0] && strlen(passed) < sizeof(var))
		snprintf(var, sizeof(var), "%s", passed);
	/* the map the lookup was given, as the source names it (`&outer`), else as the verifier
	 * does (a map-in-map's inner map may have no name) */
	if (call && !strcmp(helper, "bpf_map_lookup_elem") &&
	    vu_call_arg(call_t, helper, 1, st, sizeof(st)) && strlen(st) < sizeof(map))
		snprintf(map, sizeof(map), "%.63s", st[0] == '&' ? st + 1 : st);
	else if (reg >= 0 && grade_vlog_reg_before(c->log, c->log->fail, reg, st, sizeof(st)))
		grade_vlog_field(st, "map", map, sizeof(map));
	vu_line(c, line, line_t, sizeof(line_t));
	/* the address of a member (`task->comm`) may be computed on the line before its use */
	for (int l = line + 1, first = line == (call ?: load); var[0] && !passed[0] &&
	     (first || grade_find_token(line_t, strlen(line_t), var) < 0) && l <= line + 6; l++)
		if (vu_line(c, l, call_t, sizeof(call_t)) &&
		    grade_find_token(call_t, strlen(call_t), var) >= 0) {
			line = l;
			first = 0;
			vu_line(c, line, line_t, sizeof(line_t));
		}
	if (var[0])
		snprintf(D->title, sizeof(D->title), "`%s` may be NULL here", var);
	else
		snprintf(D->title, sizeof(D->title), "a pointer that may be NULL is dereferenced");
	if (passed[0])
		grade_span_arg(c, &D->primary, line, callee, reg);
	else
		grade_span_at(c, &D->primary, line, var[0] && strstr(line_t, var) ? var : NULL);
	if (callee[0])
		snprintf(D->primary.label, sizeof(D->primary.label), "passed to %s() without a NULL "
			 "check", callee);
	else
		snprintf(D->primary.label, sizeof(D->primary.label), "dereferenced here without a "
			 "NULL check");
	if (call) {
		struct grade_span *s = grade_diag_secondary(D);

		grade_span_at(c, s, call, helper[0] ? helper : NULL);
		if (!strcmp(helper, "bpf_map_lookup_elem"))
			snprintf(s->label, sizeof(s->label), "returns NULL when the key is not in `%s`",
				 map[0] ? map : "the map");
		else
			snprintf(s->label, sizeof(s->label), "%s() may return NULL",
				 helper[0] ? helper : "this call");
	} else if (load) {
		/* a pointer the kernel hands over (a context field, a struct member) that the
		 * verifier knows may be NULL: an iterator's last call has no object */
		vu_prog_section(c, sec, sizeof(sec));
		grade_secondary_at(c, load, NULL, "%s", !strncmp(sec, "iter", 4) ?
				   "NULL on the iterator's last call, which marks the end" :
				   "the kernel may hand over NULL here");
	}
	snprintf(D->help, sizeof(D->help), "check it before use: `if (!%s) return 0;`",
		 var[0] ? var : "ptr");
	return 1;
}

/* A syscall's arguments and a user function's arguments point into user memory. */
static bool section_has_user_args(const char *sec)
{
	static const char *const user[] = {
		"tp/syscalls/sys_enter", "tracepoint/syscalls/sys_enter", "ksyscall/", "kprobe/__x64_sys_",
		"uprobe", "uretprobe", "usdt",
	};

	for (size_t i = 0; i < sizeof(user) / sizeof(user[0]); i++)
		if (!strncmp(sec, user[i], strlen(user[i])))
			return true;
	return false;
}

/* A BTF-typed program (tp_btf, fentry, fexit, LSM) that dereferences a BPF_PROG argument the
 * kernel passes as a number: the arguments are declared out of step with the hook's own (one
 * left out, usually the first: sched_switch's `bool preempt`).  The dereferenced register was
 * loaded from the context at 8 * (position - 1). */
static int hook_arg_scalar(struct vctx *c, const char *sec, int reg, int line, const char *var)
{
	static const char *const typed[] = { "tp_btf/", "fentry/", "fexit/", "fmod_ret/", "lsm/",
					     "lsm.s/", "fentry.s/", "fexit.s/", "lsm_cgroup/" };
	const struct vlog *v = c->log;
	int at = vu_last_write(c, reg), dst, base, pos = 0, def, declared;
	long off;
	char st[128], decl[96], name[64], hook[64], what[96], tail[160];
	size_t k = 0;

	while (k < sizeof(typed) / sizeof(typed[0]) && strncmp(sec, typed[k], strlen(typed[k])))
		k++;
	if (k == sizeof(typed) / sizeof(typed[0]) || at < 0 || !var[0] ||
	    sscanf(v->lines[at].text, "r%d = *(u64 *)(r%d %ld)", &dst, &base, &off) != 3 ||
	    off < 0 || off % 8 || !grade_vlog_reg_before(v, at, base, st, sizeof(st)) ||
	    strncmp(st, "ctx", 3))
		return 0;
	def = c->prog[0] ? grade_src_find_sec(c->src, NULL, c->prog) : 0;
	pos = (int)(off / 8) + 1;
	if (!(declared = vu_bpf_prog_arg(c, def, pos, decl, sizeof(decl), NULL)) || !strchr(decl, '*'))
		return 0;
	vu_decl_name(decl, name, sizeof(name));
	if (strcmp(name, var))
		return 0;
	snprintf(hook, sizeof(hook), "%.63s", strchr(sec, '/') + 1);
	vu_hook_what(sec, hook, what, sizeof(what));
	snprintf(D->cls, sizeof(D->cls), "hook-arg-not-pointer");
	snprintf(D->title, sizeof(D->title), "`%s` is declared as a pointer, but argument %d of %s "
		 "is a number", var, pos, what);
	grade_span_at(c, &D->primary, line, var);
	snprintf(D->primary.label, sizeof(D->primary.label), "dereferenced here: the kernel passes "
		 "a number in this place");
	grade_secondary_at(c, declared, decl, "declared as argument %d, where the kernel passes "
			   "no pointer", pos);
	if (!strncmp(sec, "tp_btf/", 7))
		snprintf(tail, sizeof(tail), " (vmlinux.h's `btf_trace_%s` typedef lists their types, "
			 "after its leading void *)", hook);
	else
		snprintf(tail, sizeof(tail), ", as in its prototype in the kernel source");
	snprintf(D->help, sizeof(D->help), "BPF_PROG(...) names the hook's arguments in the "
		 "kernel's order, from the first: one left out shifts every name after it. Declare "
		 "all of %s's arguments%s", what, tail);
	return 1;
}

int vc_kernel_ptr(struct vctx *c)
{
	const char *e = vu_err(c, "invalid mem access 'scalar'");
	char t[512], var[64] = "", sec[128];
	int line = vu_fail_line(c);
	bool user;

	if (!e)
		return 0;
	vu_line(c, line, t, sizeof(t));
	vu_deref_base(t, var, sizeof(var));
	vu_prog_section(c, sec, sizeof(sec));
	if (hook_arg_scalar(c, sec, vu_err_reg(e), line, var))
		return 1;
	user = section_has_user_args(sec);
	snprintf(D->cls, sizeof(D->cls), "kernel-pointer-deref");
	if (user)
		snprintf(D->title, sizeof(D->title), "`%s` points into user memory (the traced "
			 "process's): a BPF program cannot dereference it directly", var[0] ? var : "ptr");
	else
		snprintf(D->title, sizeof(D->title), "`%s` is a kernel pointer the verifier cannot check: "
			 "it cannot be dereferenced directly", var[0] ? var : "ptr");
	grade_span_at(c, &D->primary, line, var[0] ? var : NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "%s", user ? "a user-space address: "
		 "to the verifier only a number" : "read through a plain number");
	if (user)
		snprintf(D->help, sizeof(D->help), "copy it first: bpf_probe_read_user_str(buf, "
			 "sizeof(buf), %s) for a string, bpf_probe_read_user(&val, sizeof(val), %s) for a "
			 "value", var[0] ? var : "ptr", var[0] ? var : "ptr");
	else
		snprintf(D->help, sizeof(D->help), "read it with BPF_CORE_READ(%s, ...) or "
			 "bpf_probe_read_kernel(); only tp_btf/fentry programs may follow kernel pointers "
			 "directly", var[0] ? var : "ptr");
	return 1;
}

/* A store through a BTF pointer (a tp_btf/fentry argument, a task from
 * bpf_get_current_task_btf()): "only read is supported". */
int vc_kernel_write(struct vctx *c)
{
	char t[512], var[64] = "";
	int line = vu_fail_line(c);

	if (!vu_err(c, "only read is supported"))
		return 0;
	vu_line(c, line, t, sizeof(t));
	vu_deref_base(t, var, sizeof(var));
	snprintf(D->cls, sizeof(D->cls), "kernel-memory-write");
	snprintf(D->title, sizeof(D->title), "`%s` points into the kernel's own memory, which a "
		 "tracing program may read but not change", var[0] ? var : "this pointer");
	grade_span_at(c, &D->primary, line, var[0] ? var : NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "written here");
	snprintf(D->help, sizeof(D->help), "tracing programs observe: keep what you want to change "
		 "in a map of your own; to make the kernel refuse an operation, return an error from "
		 "an SEC(\"lsm/...\") program instead");
	return 1;
}
