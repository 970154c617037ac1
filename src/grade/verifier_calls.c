/* verifier_calls.c: the rows of the class table about calls: a helper given the wrong map type
 * or called where it may sleep, calls nested too deep, callbacks that are not static or return
 * what their helper does not take, a program returning what its type does not allow (at the
 * return statement that produced the value), fentry/fexit arguments past the traced function's
 * own, kfuncs missing, not allowed or given an untrusted pointer, and global functions whose
 * signature the verifier cannot check. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "verifier_util.h"

#define D (c->d)

static const char *map_type_name(int t)
{
	static const char *const names[] = {
		"UNSPEC", "HASH", "ARRAY", "PROG_ARRAY", "PERF_EVENT_ARRAY", "PERCPU_HASH",
		"PERCPU_ARRAY", "STACK_TRACE", "CGROUP_ARRAY", "LRU_HASH", "LRU_PERCPU_HASH",
		"LPM_TRIE", "ARRAY_OF_MAPS", "HASH_OF_MAPS", "DEVMAP", "SOCKMAP", "CPUMAP", "XSKMAP",
		"SOCKHASH", "CGROUP_STORAGE", "REUSEPORT_SOCKARRAY", "PERCPU_CGROUP_STORAGE", "QUEUE",
		"STACK", "SK_STORAGE", "DEVMAP_HASH", "STRUCT_OPS", "RINGBUF", "INODE_STORAGE",
		"TASK_STORAGE", "BLOOM_FILTER", "USER_RINGBUF", "CGRP_STORAGE", "ARENA",
	};

	return t >= 0 && t < (int)(sizeof(names) / sizeof(names[0])) ? names[t] : "other";
}

/* "cannot pass map_type 27 into func bpf_perf_event_output#25" (tail calls: vc_tail_call). */
int vc_helper_map(struct vctx *c)
{
	const char *e = vu_err(c, "cannot pass map_type ");
	int line = vu_fail_line(c), type = -1;
	char helper[64] = "", t[512], arg[64] = "";

	if (!e || sscanf(e, "cannot pass map_type %d into func %63[a-z0-9_]", &type, helper) != 2)
		return 0;
	vu_line(c, line, t, sizeof(t));
	for (int n = 1; n <= 5 && !arg[0]; n++)
		if (vu_call_arg(t, helper, n, arg, sizeof(arg)) && arg[0] != '&')
			arg[0] = 0;
	snprintf(D->cls, sizeof(D->cls), "helper-map-type");
	snprintf(D->title, sizeof(D->title), "%s() cannot use a BPF_MAP_TYPE_%s map", helper,
		 map_type_name(type));
	grade_span_in_call(c, &D->primary, line, helper, arg);
	snprintf(D->primary.label, sizeof(D->primary.label), "a %s map", map_type_name(type));
	vu_map_type_secondary(c, arg);
	if (!strcmp(helper, "bpf_perf_event_output") && type == 27)
		snprintf(D->help, sizeof(D->help), "write to a ring buffer with bpf_ringbuf_output(%s, "
			 "&data, sizeof(data), 0) (or reserve and submit); bpf_perf_event_output() needs "
			 "a BPF_MAP_TYPE_PERF_EVENT_ARRAY", arg[0] ? arg : "&map");
	else if (!strcmp(helper, "bpf_ringbuf_output") && type == 4)
		snprintf(D->help, sizeof(D->help), "bpf_ringbuf_output() needs a BPF_MAP_TYPE_RINGBUF "
			 "(`__uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 256 * 1024);`); "
			 "into a perf event array, write with bpf_perf_event_output(ctx, %s, "
			 "BPF_F_CURRENT_CPU, &data, sizeof(data))", arg[0] ? arg : "&map");
	else
		snprintf(D->help, sizeof(D->help), "declare the map with a type %s() accepts (see its "
			 "description in bpf_helper_defs.h)", helper);
	return 1;
}

/* "timer pointer in R1 map_uid=0 doesn't match map pointer in R2 map_uid=0": bpf_timer_init()
 * is given another map than the one whose value holds the timer. */
int vc_timer_map(struct vctx *c)
{
	const char *e = vu_err(c, "timer pointer in R1 map_uid=");
	int line = vu_fail_line(c);
	char t[512], timer[128] = "", map[128] = "", owner[64] = "", st[256], clock[64];
	const char *m;

	if (!e || !strstr(e, "doesn't match map pointer in R2"))
		return 0;
	vu_line(c, line, t, sizeof(t));
	if (!vu_call_arg(t, "bpf_timer_init", 3, clock, sizeof(clock)))
		snprintf(clock, sizeof(clock), "CLOCK_MONOTONIC");
	vu_call_arg(t, "bpf_timer_init", 1, timer, sizeof(timer));
	vu_call_arg(t, "bpf_timer_init", 2, map, sizeof(map));
	if (grade_vlog_reg_before(c->log, c->log->fail, 1, st, sizeof(st)) &&
	    (m = strstr(st, "map=")))
		sscanf(m + 4, "%63[A-Za-z0-9_]", owner);
	snprintf(D->cls, sizeof(D->cls), "timer-map-mismatch");
	snprintf(D->title, sizeof(D->title), "bpf_timer_init() must be given the map that holds the "
		 "timer%s%s%s", owner[0] ? ", `" : "", owner, owner[0] ? "`" : "");
	grade_span_in_call(c, &D->primary, line, "bpf_timer_init", map[0] ? map : NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "%s%s%s is not the map that holds `%s`",
		 map[0] ? "`" : "", map[0] ? map : "this map", map[0] ? "`" : "",
		 timer[0] ? timer : "the timer");
	if (owner[0])
		snprintf(D->help, sizeof(D->help), "pass the map you looked the timer's element up "
			 "in: `bpf_timer_init(%s, &%s, %s);`", timer[0] ? timer : "&v->timer", owner,
			 clock);
	else
		snprintf(D->help, sizeof(D->help), "pass the map whose value holds the timer as the "
			 "second argument of bpf_timer_init()");
	return 1;
}

int vc_sleepable(struct vctx *c)
{
	const char *e = vu_err(c, "might sleep in a non-sleepable prog");
	int line = vu_fail_line(c), secl;
	char helper[64] = "", sec[96];

	if (!e)
		return 0;
	vu_helper(vu_insn(c), helper, sizeof(helper));
	secl = vu_prog_section(c, sec, sizeof(sec));
	snprintf(D->cls, sizeof(D->cls), "sleepable-helper");
	snprintf(D->title, sizeof(D->title), "%s() may sleep, and this program may not",
		 helper[0] ? helper : "this helper");
	grade_span_at(c, &D->primary, line, helper[0] ? helper : NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "only for sleepable programs");
	if (secl) {
		grade_secondary_at(c, secl, "", "not a sleepable program");
	}
	snprintf(D->help, sizeof(D->help), "%s", !strcmp(helper, "bpf_copy_from_user") ?
		 "use bpf_probe_read_user() / bpf_probe_read_user_str() here (they fail instead of "
		 "sleeping); bpf_copy_from_user() needs a sleepable section such as "
		 "SEC(\"fentry.s/...\") or SEC(\"lsm.s/...\")" :
		 "call it from a sleepable section (SEC(\"fentry.s/...\"), SEC(\"lsm.s/...\"), "
		 "SEC(\"uprobe.s/...\")) or use a non-sleeping helper");
	return 1;
}

int vc_call_depth(struct vctx *c)
{
	const char *e = vu_err(c, "frames is too deep");
	int line = vu_fail_line(c), frames = 0;

	if (!e)
		return 0;
	sscanf(e, "the call stack of %d frames", &frames);
	snprintf(D->cls, sizeof(D->cls), "call-stack-too-deep");
	snprintf(D->title, sizeof(D->title), "%d nested function calls: the verifier allows 8",
		 frames);
	grade_span_at(c, &D->primary, line, NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "the call that goes past the limit");
	snprintf(D->help, sizeof(D->help), "mark small functions `static __always_inline` so they "
		 "are not separate calls, or flatten the chain");
	return 1;
}

/* The smin=/smax= pair of @e when both are the same value. */
static bool exit_value(const char *e, long long *v)
{
	const char *r;
	long long smax;

	return (r = strstr(e, "smin=")) && grade_vlog_num(r, "smin", v) &&
	       (r = strstr(e, "smax=")) && grade_vlog_num(r, "smax", &smax) && *v == smax;
}

static int bad_return(const struct vctx *c, int def, bool have_want, long long want,
		      long long lo, long long hi, char *expr, size_t cap);

int vc_callback_return(struct vctx *c)
{
	const char *e = vu_err(c, "At callback return the register R0") ?:
			vu_err(c, "At async callback return the register R0");
	const char *r = e ? strstr(e, "should have been in ") : NULL;
	int line = vu_fail_line(c), def, at = 0;
	long long want = 0, lo = 0, hi = 1;
	bool have_want;
	char expr[128] = "";

	if (!e)
		return 0;
	have_want = exit_value(e, &want);
	if (r && sscanf(r + 20, "[%lld, %lld]", &lo, &hi) != 2)
		lo = 0, hi = 1;
	/* the callback's `return <constant>;` that gave R0 its value, not its closing brace */
	if ((def = vu_enclosing_func(c, line)))
		at = bad_return(c, def, have_want, want, lo, hi, expr, sizeof(expr));
	snprintf(D->cls, sizeof(D->cls), "callback-return-value");
	snprintf(D->title, sizeof(D->title), "a callback must return a value in %s",
		 r ? r + 20 : "its helper's range");
	grade_span_at(c, &D->primary, at ?: line, "return");
	snprintf(D->primary.label, sizeof(D->primary.label), "returns %s, outside %s",
		 at ? expr : "a value", r ? r + 20 : "the range");
	if (strstr(e, "async callback"))
		snprintf(D->title, sizeof(D->title), "a bpf_timer callback must return 0");
	if (strstr(e, "async callback"))
		snprintf(D->help, sizeof(D->help), "a timer callback returns 0: re-arm the timer with "
			 "bpf_timer_start() as a statement, then `return 0;`");
	else
		snprintf(D->help, sizeof(D->help), "a bpf_loop() (or bpf_for_each_map_elem()) callback "
			 "returns 0 to go on with the next iteration and 1 to stop");
	return 1;
}

/* A callback given to bpf_loop() and its kin is a global function: "callback function not
 * static".  The line to change is the callback's definition. */
int vc_callback_static(struct vctx *c)
{
	static const struct { const char *helper; int arg; } takers[] = {
		{ "bpf_loop", 2 }, { "bpf_for_each_map_elem", 2 }, { "bpf_timer_set_callback", 2 },
		{ "bpf_find_vma", 3 }, { "bpf_user_ringbuf_drain", 2 },
	};
	char t[512], cb[64] = "", helper[64] = "";
	int line = vu_fail_line(c), def = 0;

	if (!vu_err(c, "callback function not static") || !vu_line(c, line, t, sizeof(t)))
		return 0;
	for (size_t i = 0; !cb[0] && i < sizeof(takers) / sizeof(takers[0]); i++)
		if (vu_call_arg(t, takers[i].helper, takers[i].arg, cb, sizeof(cb)))
			snprintf(helper, sizeof(helper), "%s", takers[i].helper);
	if (cb[0] == '&')
		memmove(cb, cb + 1, strlen(cb));
	if (cb[0])
		def = grade_src_find_sec(c->src, NULL, cb);
	snprintf(D->cls, sizeof(D->cls), "callback-not-static");
	snprintf(D->title, sizeof(D->title), "the callback `%s()` must be a static function",
		 cb[0] ? cb : "...");
	grade_span_at(c, &D->primary, def ?: line, def ? cb : NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "a global function: the verifier "
		 "checks callbacks only as static functions, with the caller's arguments");
	if (def && def != line)
		grade_secondary_at(c, line, cb, "passed to %s() here", helper);
	snprintf(D->help, sizeof(D->help), "declare it `static int %s(...)`", cb[0] ? cb : "cb");
	return 1;
}

/* The value of the constant expression @x: a number, or a name the source #defines to one. */
static bool const_value(const struct vctx *c, const char *x, long long *v)
{
	char t[512], name[64], val[64];
	char *end;

	if (isdigit((unsigned char)x[0]) || (x[0] == '-' && isdigit((unsigned char)x[1]))) {
		*v = strtoll(x, &end, 0);
		return *end == 0 || *end == 'U' || *end == 'u' || *end == 'L';
	}
	if (x[0] == '-' && const_value(c, x + 1, v)) {   /* -EPERM, as a syscall returns it */
		*v = -*v;
		return true;
	}
	for (int l = 1; vu_line(c, l, t, sizeof(t)); l++)
		if (sscanf(t, "#define %63s %63s", name, val) == 2 && !strcmp(name, x) &&
		    (isdigit((unsigned char)val[0]) || val[0] == '-'))
			return const_value(c, val, v);
	return false;
}

/* The `return <constant>;` of function @def whose value is @want (@have_want) or, failing that,
 * the first outside [@lo, @hi]: its line (0 if none) and its expression in @expr. */
static int bad_return(const struct vctx *c, int def, bool have_want, long long want,
		      long long lo, long long hi, char *expr, size_t cap)
{
	char t[512], x[128];
	int outside = 0, end = vu_func_end(c, def);
	long long v;

	for (int l = def + 1; l < end && vu_line(c, l, t, sizeof(t)); l++) {
		const char *r = strstr(t, "return ");

		if (!r || sscanf(r + 7, "%127[^;]", x) != 1)
			continue;
		for (size_t n = strlen(x); n && x[n - 1] == ' '; n--)
			x[n - 1] = 0;
		if (!const_value(c, x, &v))
			continue;
		if (have_want && v == want) {
			snprintf(expr, cap, "%s", x);
			return l;
		}
		if (!outside && (v < lo || v > hi)) {
			outside = l;
			snprintf(expr, cap, "%s", x);
		}
	}
	return outside;   /* R0's value matched no constant: the first one out of range */
}

/* "At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]": the exit is
 * where the verifier noticed; the line to change is the return statement that gave R0 the
 * value, found among the function's `return <constant>;` by the value R0 held at the exit. */
int vc_return(struct vctx *c)
{
	const char *e = vu_err(c, "At program exit the register R0");
	const char *r = e ? strstr(e, "should have been in ") : NULL;
	const char *range = r ? r + 20 : NULL;
	int line = vu_fail_line(c), def, at;
	long long want = 0, lo = 0, hi = 1;
	bool have_want = false, named;
	char st[256], expr[128] = "";

	if (!e)
		return 0;
	if (c->log->fail >= 0 && grade_vlog_reg_before(c->log, c->log->fail, 0, st, sizeof(st)))
		have_want = grade_vlog_num(st, NULL, &want);
	if (!have_want)
		have_want = exit_value(e, &want);
	if (range && sscanf(range, "[%lld, %lld]", &lo, &hi) != 2)
		lo = 0, hi = 1;
	def = c->prog && c->prog[0] ? grade_src_find_sec(c->src, NULL, c->prog) : 0;
	at = bad_return(c, def, have_want, want, lo, hi, expr, sizeof(expr));
	snprintf(D->cls, sizeof(D->cls), "invalid-return-value");
	snprintf(D->title, sizeof(D->title), "this program type must return a value in %s",
		 range ? range : "a fixed range");
	grade_span_at(c, &D->primary, at ? at : line, "");
	snprintf(D->primary.label, sizeof(D->primary.label), "returns a value outside %s",
		 range ? range : "the allowed range");
	named = at && !isdigit((unsigned char)expr[0]) &&
		!(expr[0] == '-' && isdigit((unsigned char)expr[1]));
	/* the exit's own line, when it is one of the body's (a BPF_PROG() wrapper's is not) */
	if (at && at != line && line > def && have_want)
		grade_secondary_at(c, line, "", "R0 is %lld%s%s%s when the program exits here", want,
				   named ? " (`" : "", named ? expr : "", named ? "`)" : "");
	if (have_want && want < 0 && lo >= 0)
		snprintf(D->help, sizeof(D->help), "a negative errno is how a syscall says no; a "
			 "program of this type says it with 0 (the caller then gets EPERM) and allows "
			 "with 1: return only values in %s", range ? range : "the range");
	else
		snprintf(D->help, sizeof(D->help), "return only values in %s: for socket and cgroup "
			 "programs 1 allows and 0 denies; fentry/fexit return 0",
			 range ? range : "the range");
	return 1;
}

/* "func 'do_unlinkat' doesn't have 3-th argument" */
int vc_fentry_args(struct vctx *c)
{
	const char *e = vu_err(c, "-th argument");
	int def = c->prog[0] ? grade_src_find_sec(c->src, NULL, c->prog) : 0, n = 0, secl;
	char fn[64] = "", t[1024], arg[64] = "", sec[96] = "", name[64] = "", what[96];
	int use = 0, decl = def, list_end = 0;
	bool tracepoint;

	if (!e || !strstr(e, "doesn't have") || sscanf(e, "func '%63[^']' doesn't have %d", fn, &n) != 2)
		return 0;
	/* BPF_PROG(name, a, b, c): the n-th argument after the name, on any line of the list */
	if (!(decl = vu_bpf_prog_arg(c, def, n, arg, sizeof(arg), &list_end)))
		decl = def;
	/* "unsigned int prev_state" -> "prev_state": where the program reads it is the line to show */
	if (arg[0]) {
		vu_decl_name(arg, name, sizeof(name));
		for (int l = list_end + 1; name[0] && !use && l < def + 200 &&
		     vu_line(c, l, t, sizeof(t)); l++)
			if (grade_find_var(t, strlen(t), name) >= 0)
				use = l;
	}
	secl = vu_prog_section(c, sec, sizeof(sec));
	tracepoint = !strncmp(sec, "tp_btf/", 7);
	vu_hook_what(sec, fn, what, sizeof(what));
	snprintf(D->cls, sizeof(D->cls), "fentry-arg-past-count");
	snprintf(D->title, sizeof(D->title), "%s has %d argument%s: argument %d is past them", what,
		 n - 1, n == 2 ? "" : "s", n);
	if (use) {
		grade_span_at_var(c, &D->primary, use, name);
		snprintf(D->primary.label, sizeof(D->primary.label), "`%s` is argument %d: %s has "
			 "no such argument", name, n, what);
		grade_secondary_at(c, decl, arg, "declared here, past %s's arguments", what);
	} else {
		grade_span_at(c, &D->primary, decl, arg[0] ? arg : NULL);
		snprintf(D->primary.label, sizeof(D->primary.label), "%s has no such argument", what);
		if (vu_fail_line(c) && vu_fail_line(c) != decl)
			grade_secondary_at(c, vu_fail_line(c), arg[0] ? arg : NULL, "read here");
	}
	if (secl && !strncmp(sec, "fentry/", 7)) {
		/* a value after the arguments is what fexit adds: the return value */
		grade_secondary_at(c, secl, "fentry", "fentry runs when %s() is entered: only fexit "
				   "sees what it returns", fn);
		snprintf(D->help, sizeof(D->help), "to read the return value, attach with "
			 "SEC(\"fexit/%s\"): fexit adds it after the %d argument%s; otherwise declare "
			 "exactly %s()'s arguments", fn, n - 1, n == 2 ? "" : "s", fn);
		return 1;
	}
	if (tracepoint) {
		snprintf(D->help, sizeof(D->help), "declare exactly the tracepoint's arguments in "
			 "BPF_PROG(...), in order: vmlinux.h's `btf_trace_%s` typedef lists their types, "
			 "after its leading void *", fn);
		return 1;
	}
	snprintf(D->help, sizeof(D->help), "declare exactly %s()'s arguments in BPF_PROG(...), as in "
		 "its prototype (vmlinux.h has no prototypes: see the kernel source); fexit adds the "
		 "return value after them", fn);
	return 1;
}

/* "calling kernel function bpf_task_acquire is not allowed" */
int vc_kfunc_denied(struct vctx *c)
{
	const char *e = vu_err(c, "calling kernel function ");
	int line = vu_fail_line(c), secl;
	char fn[64] = "", sec[96];

	if (!e || !strstr(e, "is not allowed") ||
	    sscanf(e, "calling kernel function %63[A-Za-z0-9_]", fn) != 1)
		return 0;
	line = vu_call_of(c, fn, 0) ?: line;
	secl = vu_prog_section(c, sec, sizeof(sec));
	snprintf(D->cls, sizeof(D->cls), "kfunc-not-allowed");
	snprintf(D->title, sizeof(D->title), "the kernel function %s() cannot be called from "
		 "SEC(\"%s\") programs", fn, sec[0] ? sec : "...");
	grade_span_at(c, &D->primary, line, fn);
	snprintf(D->primary.label, sizeof(D->primary.label), "not available to this program type");
	if (secl) {
		grade_secondary_at(c, secl, "", "the program type is set here");
	}
	snprintf(D->help, sizeof(D->help), "each kernel function (kfunc) is registered for some "
		 "program types only (tracing ones for most task and cgroup kfuncs): move this code "
		 "to such a program, e.g. SEC(\"tp_btf/...\") or SEC(\"fentry/...\")");
	return 1;
}

/* A kfunc argument the verifier does not trust: a pointer walked from a struct field ("R1
 * must be referenced or trusted", "R1 must be a rcu pointer"), or a plain number cast to a
 * pointer, as bpf_get_current_task() gives ("arg#0 pointer type STRUCT task_struct must point
 * to scalar, or struct with scalar"). */
int vc_kfunc_untrusted(struct vctx *c)
{
	const char *trust = vu_err(c, " must be referenced or trusted");
	const char *rcu = vu_err(c, " must be a rcu pointer");
	const char *num = vu_err(c, " must point to scalar, or struct with scalar");
	int line = vu_fail_line(c), reg = vu_err_reg(trust ?: rcu), argn, from = 0;
	char fn[64] = "", t[512], arg[128] = "", what[64] = "";

	if (num && sscanf(num, "arg#%d pointer type STRUCT %63s", &argn, what) == 2)
		reg = argn + 1;
	if ((!trust && !rcu && !num) || reg < 1 || reg > 5 ||
	    !vu_helper(vu_insn(c), fn, sizeof(fn)) || !vu_line(c, line, t, sizeof(t)))
		return 0;
	vu_call_arg(t, fn, reg, arg, sizeof(arg));
	if (num) {
		char needle[160];

		snprintf(needle, sizeof(needle), "%s = ", arg);
		for (int l = 1; arg[0] && (l = vu_find_line(c, needle, l, line - 1)) > 0; l++)
			from = l;
		if (from && !vu_find_line(c, "bpf_get_current_task()", from, from))
			from = 0;
	}
	snprintf(D->cls, sizeof(D->cls), "kfunc-arg-untrusted");
	snprintf(D->title, sizeof(D->title), "%s() needs a pointer the verifier trusts, and `%s` is "
		 "not one", fn, arg[0] ? arg : "its argument");
	grade_span_at(c, &D->primary, line, arg[0] ? arg : fn);
	snprintf(D->primary.label, sizeof(D->primary.label), "%s", num ?
		 "a plain number cast to a pointer" : strstr(arg, "->") ?
		 "read from a struct field: the verifier cannot vouch for it" :
		 "not a pointer the kernel handed over or the program acquired");
	if (from)
		grade_secondary_at(c, from, "bpf_get_current_task", "returns the task as a number "
				   "(u64), not as a typed pointer");
	snprintf(D->help, sizeof(D->help), "%s", from ?
		 "use bpf_get_current_task_btf(), which returns a trusted `struct task_struct *`" :
		 num ? "pass a pointer the kernel gave you typed: a tp_btf/fentry/lsm argument, "
		 "bpf_get_current_task_btf(), or what an acquiring kfunc returned" :
		 "pass a trusted pointer (a tp_btf/fentry/lsm argument, bpf_get_current_task_btf(), "
		 "or what an acquiring kfunc such as bpf_task_from_pid() returned); a field of it is "
		 "trusted only for the few fields the kernel marks so (e.g. task->real_parent inside "
		 "RCU)");
	return 1;
}

/* A global (non-static) function's signature the verifier cannot check on its own: it returns
 * something other than a number ("Global function f() doesn't return scalar"), or takes a
 * pointer to something of unknown size ("arg#0 reference type('UNKNOWN ') size cannot be
 * determined"); both end in "Caller passes invalid args into func#N ('f')".  The line to
 * change is the function's definition, not the call the verifier stopped at. */
int vc_global_signature(struct vctx *c)
{
	const char *e = vu_err(c, "Caller passes invalid args into func#");
	const char *ret = vu_err(c, "doesn't return scalar");
	const char *why = NULL, *q;
	char fn[64] = "", t[512], decl[128] = "", param[64] = "", why_t[160];
	int call = vu_fail_line(c), def, argn = -1;

	if (!e && !ret)
		return 0;
	if (ret && sscanf(ret, "Global function %63[A-Za-z0-9_]", fn) != 1)
		return 0;
	if (!fn[0] && (!(q = strstr(e, "('")) || sscanf(q + 2, "%63[A-Za-z0-9_]", fn) != 1))
		return 0;
	if (!(def = grade_src_find_sec(c->src, NULL, fn)) || !vu_line(c, def, t, sizeof(t)))
		return 0;
	/* the reason is the line before "Caller passes ...": "arg#0 ..." names the argument (the
	 * error region skips such lines as noise: they also precede every log, about the main
	 * program's own arguments) */
	for (int i = c->log->fail + 1; !ret && c->log->fail >= 0 && i <= c->log->err_last; i++) {
		const char *l = c->log->lines[i].text;

		if (strstr(l, "Caller passes invalid args"))
			break;
		if (sscanf(l, "arg#%d", &argn) == 1 || (!why && strlen(l) > 8))
			why = l;
	}
	if (argn >= 0 && vu_call_arg(t, fn, argn + 1, decl, sizeof(decl)))
		vu_decl_name(decl, param, sizeof(param));
	if (ret) {
		snprintf(D->cls, sizeof(D->cls), "global-function-return");
		snprintf(D->title, sizeof(D->title), "`%s()` is a global function, and a global "
			 "function may only return a number", fn);
		grade_span_at(c, &D->primary, def, fn);
		snprintf(D->primary.label, sizeof(D->primary.label), "not `static`: verified on its "
			 "own, so its return type must be a scalar (int, u64, ...)");
		snprintf(D->help, sizeof(D->help), "make it `static` (it is then verified with each "
			 "call and may return a pointer), or return a number and do the lookup in the "
			 "caller");
	} else {
		snprintf(why_t, sizeof(why_t), "%s", why ? why : "");
		why_t[strcspn(why_t, ":")] = 0;
		snprintf(D->cls, sizeof(D->cls), "global-function-signature");
		if (strstr(why_t, "size cannot be determined") && param[0])
			snprintf(D->title, sizeof(D->title), "`%s()` is a global function, and its "
				 "argument `%s` points to something the verifier cannot size", fn, param);
		else
			snprintf(D->title, sizeof(D->title), "`%s()` is a global function, and the "
				 "verifier cannot check %s%s%s against its signature", fn,
				 param[0] ? "the argument `" : "its arguments", param, param[0] ? "`" : "");
		grade_span_at(c, &D->primary, def, param[0] ? param : fn);
		snprintf(D->primary.label, sizeof(D->primary.label), "%s", strstr(why_t, "size cannot "
			 "be determined") ? "a global function is verified on its own: a pointer "
			 "argument must point to a type of known size (not void)" : why_t[0] ? why_t :
			 "a global function is verified on its own, from its signature alone");
		snprintf(D->help, sizeof(D->help), "make `%s()` `static` (it is then verified with each "
			 "caller's arguments), or give `%s` a sized type (a struct, or a fixed-size array "
			 "inside one)", fn, param[0] ? param : "the argument");
	}
	if (call && call != def)
		grade_secondary_at(c, call, fn, "called here");
	return 1;
}
