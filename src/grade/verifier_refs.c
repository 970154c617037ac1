/* verifier_refs.c: the rows of the class table about things a program must give back or stop
 * using: references left unreleased on a path (ring-buffer records, sockets, dynptrs), used
 * after their release, dynptrs used uninitialised, and spin locks held at exit or across a
 * call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "verifier_util.h"

#define D (c->d)

/* The `return` the failing path leaves through: the failure is at the exit instruction, whose
 * line is often the closing brace; the path's last branch leads to its return. */
static int exit_line(const struct vctx *c)
{
	int line = vu_fail_line(c), def = vu_enclosing_func(c, line), end = vu_func_end(c, def);
	char lt[512];

	if (!vu_line(c, line, lt, sizeof(lt)))
		return line;
	/* clang merges returns into one exit, whose line is one of them, the closing brace or the
	 * function's head: a path that came from lines after that one ends at the return after
	 * the last of them */
	for (int i = grade_vlog_path_prev(c->log, c->log->fail), steps = 0;
	     i >= 0 && steps++ < 512; i = grade_vlog_path_prev(c->log, i)) {
		int bl = c->log->lines[i].kind == VL_INSN ? vu_insn_line(c, i) : 0, later;

		if (!bl || bl == line)
			continue;
		if (bl < end && (bl > line || (bl > def && !strstr(lt, "return"))) &&
		    (later = vu_find_line(c, "return", bl, end)))
			return later;
		break;
	}
	if (strstr(lt, "return"))
		return line;
	/* else the branch that led to it */
	for (int i = c->log->fail, steps = 0; i >= 0 && steps++ < 512;
	     i = grade_vlog_path_prev(c->log, i)) {
		const struct vline *l = &c->log->lines[i];
		int bl;

		if (l->kind != VL_INSN || strncmp(l->text, "if ", 3))
			continue;
		bl = vu_insn_line(c, i);
		if (bl && vu_find_line(c, "return", bl, bl + 1))
			return vu_find_line(c, "return", bl, bl + 1);
	}
	return line;
}

/* The helper called at instruction @insn, from the log ("call bpf_sk_lookup_tcp#84"). */
static bool helper_at(const struct vctx *c, int insn, char *out, size_t cap)
{
	for (size_t i = 0; i < c->log->n; i++) {
		const struct vline *l = &c->log->lines[i];

		if (l->kind == VL_INSN && l->insn == insn && vu_helper(l->text, out, cap))
			return true;
	}
	return false;
}

/* Kfuncs that acquire a reference, each with the kfunc that releases it. */
static const struct { const char *acquire, *release; } ref_pairs[] = {
	{ "bpf_task_acquire", "bpf_task_release" }, { "bpf_task_from_pid", "bpf_task_release" },
	{ "bpf_task_from_vpid", "bpf_task_release" },
	{ "bpf_task_get_cgroup1", "bpf_cgroup_release" },
	{ "bpf_cgroup_acquire", "bpf_cgroup_release" },
	{ "bpf_cgroup_from_id", "bpf_cgroup_release" },
	{ "bpf_cgroup_ancestor", "bpf_cgroup_release" },
	{ "bpf_cpumask_create", "bpf_cpumask_release" },
	{ "bpf_cpumask_acquire", "bpf_cpumask_release" },
	{ "bpf_obj_new", "bpf_obj_drop" }, { "bpf_get_task_exe_file", "bpf_put_file" },
	{ "bpf_lookup_user_key", "bpf_key_put" }, { "bpf_lookup_system_key", "bpf_key_put" },
};

/* The kfunc that releases what kfunc @acquirer returns, NULL if @acquirer is not one. */
static const char *releaser_of(const char *acquirer)
{
	for (size_t i = 0; i < sizeof(ref_pairs) / sizeof(ref_pairs[0]); i++)
		if (!strcmp(acquirer, ref_pairs[i].acquire))
			return ref_pairs[i].release;
	return NULL;
}

int vc_unreleased(struct vctx *c)
{
	const char *e = vu_err(c, "Unreleased reference");
	const char *a = e ? strstr(e, "alloc_insn=") : NULL;
	int line = exit_line(c), alloc = 0, ai = -1, col;
	char t[512], var[64] = "", helper[64] = "", arg[64] = "";
	const char *release;

	if (!e)
		return 0;
	if (a && sscanf(a, "alloc_insn=%d", &ai) == 1)
		grade_vobj_insn_line(c->obj, c->prog, ai, &alloc, &col);
	if (ai >= 0)
		helper_at(c, ai, helper, sizeof(helper));
	if (alloc && vu_line(c, alloc, t, sizeof(t))) {
		vu_assigned(t, var, sizeof(var));
		if (helper[0] && vu_call_arg(t, helper, 4, arg, sizeof(arg)) && arg[0] == '&')
			snprintf(var, sizeof(var), "%s", arg + 1);   /* the dynptr argument */
	}
	release = releaser_of(helper);
	if (vu_err(c, "tail_call would lead to reference leak")) {
		/* a tail call never comes back: what is held at it can never be given back */
		line = vu_find_line(c, "bpf_tail_call(", alloc + 1, vu_fail_line(c) + 2) ?: vu_fail_line(c);
		snprintf(D->cls, sizeof(D->cls), "tail-call-holding-reference");
		snprintf(D->title, sizeof(D->title), "a tail call while `%s` is still held: the program "
			 "it jumps to cannot give it back", var[0] ? var : "a reference");
		grade_span_at(c, &D->primary, line, "bpf_tail_call");
		snprintf(D->primary.label, sizeof(D->primary.label), "does not return: `%s` would leak",
			 var[0] ? var : "the reference");
		if (alloc)
			grade_secondary_at(c, alloc, helper[0] ? helper : "bpf_ringbuf_reserve", "taken here");
		snprintf(D->help, sizeof(D->help), "give `%s` back before the tail call (%s), or take it "
			 "in the program the tail call jumps to", var[0] ? var : "it",
			 release ? release : "bpf_ringbuf_submit() or bpf_ringbuf_discard()");
		return 1;
	}
	grade_span_at(c, &D->primary, line, "return");
	if (alloc) {
		grade_secondary_at(c, alloc, helper[0] ? helper : "bpf_ringbuf_reserve", "%s here",
				   strstr(helper, "lookup") ? "found (and referenced)" :
				   release ? "acquired" : "reserved");
	}
	if (strstr(helper, "_lookup_") || strstr(helper, "skc_lookup")) {
		snprintf(D->cls, sizeof(D->cls), "socket-not-released");
		snprintf(D->title, sizeof(D->title), "a socket found with %s() is not released on "
			 "some path", helper);
		snprintf(D->primary.label, sizeof(D->primary.label), "this path ends holding `%s`",
			 var[0] ? var : "the socket");
		snprintf(D->help, sizeof(D->help), "call bpf_sk_release(%s) on every path after the "
			 "NULL check, before returning", var[0] ? var : "sk");
	} else if (strstr(helper, "dynptr")) {
		snprintf(D->cls, sizeof(D->cls), "dynptr-not-released");
		snprintf(D->title, sizeof(D->title), "a ring-buffer dynptr is neither submitted nor "
			 "discarded on some path");
		snprintf(D->primary.label, sizeof(D->primary.label), "this path ends with `%s` still "
			 "reserved", var[0] ? var : "the dynptr");
		snprintf(D->help, sizeof(D->help), "call bpf_ringbuf_discard_dynptr(&%s, 0) before this "
			 "return (or bpf_ringbuf_submit_dynptr()); this holds even when the reservation "
			 "failed", var[0] ? var : "ptr");
	} else if (release) {
		snprintf(D->cls, sizeof(D->cls), "reference-not-released");
		snprintf(D->title, sizeof(D->title), "`%s`, acquired with %s(), is not released on "
			 "some path", var[0] ? var : "the reference", helper);
		snprintf(D->primary.label, sizeof(D->primary.label), "this path ends holding `%s`",
			 var[0] ? var : "the reference");
		snprintf(D->help, sizeof(D->help), "call %s(%s) on every path after the NULL check, "
			 "before returning", release, var[0] ? var : "p");
	} else {
		snprintf(D->cls, sizeof(D->cls), "ringbuf-not-released");
		snprintf(D->title, sizeof(D->title), "a reserved ring-buffer record is neither "
			 "submitted nor discarded on some path");
		snprintf(D->primary.label, sizeof(D->primary.label), "this path ends with `%s` still "
			 "reserved", var[0] ? var : "the record");
		snprintf(D->help, sizeof(D->help), "call bpf_ringbuf_discard(%s, 0) before this return "
			 "(or bpf_ringbuf_submit() it)", var[0] ? var : "e");
	}
	return 1;
}

static const char *const releasers[] = {
	"bpf_ringbuf_submit", "bpf_ringbuf_discard", "bpf_sk_release", "bpf_ringbuf_submit_dynptr",
	"bpf_ringbuf_discard_dynptr",
};

/* Whether @fn gives a reference back: a ring-buffer or socket helper, or a release kfunc. */
static bool is_release(const struct vctx *c, int logline, const char *fn, void *arg)
{
	(void)c, (void)logline, (void)arg;
	for (size_t k = 0; k < sizeof(releasers) / sizeof(releasers[0]); k++)
		if (!strcmp(fn, releasers[k]))
			return true;
	for (size_t i = 0; i < sizeof(ref_pairs) / sizeof(ref_pairs[0]); i++)
		if (!strcmp(fn, ref_pairs[i].release))
			return true;
	return false;
}

/* "R1 invalid mem access 'scalar'" where R1 was a reference a release call gave back. */
int vc_use_after_release(struct vctx *c)
{
	const char *e = vu_err(c, "invalid mem access 'scalar'");
	int reg = vu_err_reg(e), line = vu_fail_line(c), at, rel;
	char helper[64] = "", t[512], u[512], var[64] = "";

	if (!e || reg < 0)
		return 0;
	at = vu_path_call(c, is_release, NULL, helper, sizeof(helper));
	rel = at < 0 ? 0 : vu_insn_line(c, at);
	if (rel <= 0 || !vu_line(c, rel, t, sizeof(t)))
		return 0;
	if (!vu_line(c, line, u, sizeof(u)) || !vu_deref_base(u, var, sizeof(var)) || !strstr(t, var)) {
		/* the load was placed on a later line: the first use of what was released, after it */
		char name[64];

		if (!vu_call_arg(t, helper, 1, name, sizeof(name)))
			return 0;
		snprintf(var, sizeof(var), "%s", name[0] == '&' ? name + 1 : name);
		snprintf(name, sizeof(name), "%s->", var);
		if (!var[0] || !(line = vu_find_line(c, name, rel + 1, line)))
			return 0;
	}
	snprintf(D->cls, sizeof(D->cls), "use-after-release");
	snprintf(D->title, sizeof(D->title), "`%s` is used after %s() gave it back", var, helper);
	grade_span_at(c, &D->primary, line, var);
	snprintf(D->primary.label, sizeof(D->primary.label), "no longer yours here");
	grade_secondary_at(c, vu_insn_line(c, at), helper, "`%s` is released here", var);
	snprintf(D->help, sizeof(D->help), "do everything with `%s` before %s(): once released, "
		 "the kernel may already be reading or reusing it", var, helper);
	return 1;
}

int vc_dynptr_uninit(struct vctx *c)
{
	const char *e = vu_err(c, "Expected an initialized dynptr as arg #");
	int line = vu_fail_line(c), argn = -1;
	char helper[64] = "", t[512], arg[64] = "";

	if (!e)
		return 0;
	sscanf(strchr(e, '#'), "#%d", &argn);
	vu_helper(vu_insn(c), helper, sizeof(helper));
	vu_line(c, line, t, sizeof(t));
	if (helper[0] && argn >= 0 && vu_call_arg(t, helper, argn + 1, arg, sizeof(arg)) &&
	    arg[0] == '&')
		memmove(arg, arg + 1, strlen(arg));
	snprintf(D->cls, sizeof(D->cls), "dynptr-uninit");
	snprintf(D->title, sizeof(D->title), "`%s` is passed to %s() before anything initialised it",
		 arg[0] ? arg : "the dynptr", helper[0] ? helper : "this helper");
	grade_span_in_call(c, &D->primary, line, helper, arg);
	snprintf(D->primary.label, sizeof(D->primary.label), "not an initialised dynptr");
	{
		int decl = arg[0] ? vu_find_line(c, "struct bpf_dynptr", 1, line) : 0;

		if (decl) {
			grade_secondary_at(c, decl, arg, "declared here, never initialised");
		}
	}
	snprintf(D->help, sizeof(D->help), "initialise it first, e.g. with "
		 "bpf_ringbuf_reserve_dynptr() or bpf_dynptr_from_mem(), and use it only while it "
		 "is valid");
	return 1;
}

static int lock_line(const struct vctx *c)
{
	int l = vu_path_find(c, "call bpf_spin_lock", NULL);

	return l > 0 ? l : 0;
}

int vc_lock_at_exit(struct vctx *c)
{
	const char *e = vu_err(c, "bpf_spin_lock-ed region");
	int line = exit_line(c), lock;

	if (vu_err(c, "bpf_rcu_read_unlock is missing") ||
	    vu_err(c, "cannot be used inside bpf_rcu_read_lock-ed region")) {
		/* an RCU read section (the bpf_rcu_read_lock kfunc) left open on some path */
		lock = vu_path_find(c, "call bpf_rcu_read_lock", NULL);
		snprintf(D->cls, sizeof(D->cls), "rcu-lock-held");
		snprintf(D->title, sizeof(D->title), "a path returns inside the RCU read section");
		grade_span_at(c, &D->primary, line, "return");
		snprintf(D->primary.label, sizeof(D->primary.label), "returns before "
			 "bpf_rcu_read_unlock()");
		if (lock > 0)
			grade_secondary_at(c, lock, "bpf_rcu_read_lock", "the section starts here");
		snprintf(D->help, sizeof(D->help), "call bpf_rcu_read_unlock() on every path before "
			 "it returns (a `goto out;` to a shared unlock keeps it to one place)");
		return 1;
	}
	if ((!e || !strstr(e, "EXIT")) && !(e = vu_err(c, "bpf_spin_unlock is missing")))
		return 0;
	lock = lock_line(c);
	snprintf(D->cls, sizeof(D->cls), "spin-lock-held");
	snprintf(D->title, sizeof(D->title), "a path returns while holding the spin lock");
	grade_span_at(c, &D->primary, line, "return");
	snprintf(D->primary.label, sizeof(D->primary.label), "returns with the lock held");
	if (lock) {
		grade_secondary_at(c, lock, "bpf_spin_lock", "locked here");
	}
	snprintf(D->help, sizeof(D->help), "call bpf_spin_unlock() on every path before it returns; "
		 "decide inside the lock, return after the unlock");
	return 1;
}

int vc_call_under_lock(struct vctx *c)
{
	const char *e = vu_err(c, "function calls are not allowed while holding a lock");
	int line = vu_fail_line(c), lock, mac;
	char helper[64] = "", macro[32];

	if (!e)
		return 0;
	vu_helper(vu_insn(c), helper, sizeof(helper));
	lock = lock_line(c);
	if (lock && grade_vobj_insn_in_header(c->obj, c->prog, c->log->fail_insn) &&
	    (mac = vu_dojo_macro_line(c, lock, macro, sizeof(macro))) > 0) {
		/* the call is dojo.h's: DEBUG_NUM() or SUBMIT_*() reserves and submits a record */
		snprintf(D->cls, sizeof(D->cls), "call-under-lock");
		snprintf(D->title, sizeof(D->title), "%s() is used while the spin lock is held: it "
			 "calls %s()", macro, helper[0] ? helper : "helpers");
		grade_span_at(c, &D->primary, mac, macro);
		snprintf(D->primary.label, sizeof(D->primary.label), "writes a ring-buffer record: "
			 "helper calls, which a held lock forbids");
		grade_secondary_at(c, lock, "bpf_spin_lock", "locked here");
		snprintf(D->help, sizeof(D->help), "copy what you want to report into a local "
			 "variable inside the lock, and call %s() after bpf_spin_unlock()", macro);
		return 1;
	}
	snprintf(D->cls, sizeof(D->cls), "call-under-lock");
	snprintf(D->title, sizeof(D->title), "%s() is called while the spin lock is held",
		 helper[0] ? helper : "a function");
	grade_span_at(c, &D->primary, line, helper[0] ? helper : NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "no calls between lock and unlock");
	if (lock) {
		grade_secondary_at(c, lock, "bpf_spin_lock", "locked here");
	}
	snprintf(D->help, sizeof(D->help), "call it before bpf_spin_lock() and keep only plain reads "
		 "and writes of the map value inside: `u64 now = bpf_ktime_get_ns(); "
		 "bpf_spin_lock(&v->lock); v->stamp = now; bpf_spin_unlock(&v->lock);`");
	return 1;
}

/* Unlock without a lock, of another lock, or a second lock taken while one is held. */
int vc_lock_mismatch(struct vctx *c)
{
	const char *nolock = vu_err(c, "bpf_spin_unlock without taking a lock");
	const char *other = vu_err(c, "bpf_spin_unlock of different lock");
	const char *twice = vu_err(c, "Locking two bpf_spin_locks are not allowed");
	int line = vu_fail_line(c), lock;

	if (!nolock && !other && !twice)
		return 0;
	lock = lock_line(c);
	snprintf(D->cls, sizeof(D->cls), "spin-lock-mismatch");
	grade_span_at(c, &D->primary, line, twice ? "bpf_spin_lock" : "bpf_spin_unlock");
	if (nolock) {
		snprintf(D->title, sizeof(D->title), "bpf_spin_unlock() on a path that never took "
			 "the lock");
		snprintf(D->primary.label, sizeof(D->primary.label), "no bpf_spin_lock() before this "
			 "on this path");
		snprintf(D->help, sizeof(D->help), "pair each bpf_spin_unlock() with a "
			 "bpf_spin_lock() of the same lock on every path: `bpf_spin_lock(&v->lock); "
			 "v->n++; bpf_spin_unlock(&v->lock);`");
		return 1;
	}
	if (lock && lock != line)
		grade_secondary_at(c, lock, "bpf_spin_lock", "the lock held is taken here");
	snprintf(D->title, sizeof(D->title), "%s", other ? "bpf_spin_unlock() releases a lock "
		 "other than the one held" : "a second spin lock is taken while one is held");
	snprintf(D->primary.label, sizeof(D->primary.label), "%s", other ? "not the lock taken "
		 "(another map value, or another element)" : "a program may hold one lock at a time");
	snprintf(D->help, sizeof(D->help), "%s", other ? "unlock the same pointer you locked: "
		 "keep the map value in one variable from bpf_spin_lock() to bpf_spin_unlock()" :
		 "release the first lock before taking another: bpf_spin_unlock() it, then lock "
		 "the next");
	return 1;
}

/* Whether reference @id is among those held ("refs=2,4") in log line @i's state. */
static bool ref_held(const struct vline *l, long id)
{
	const char *r = l->state ? strstr(l->state, "refs=") : NULL;
	char *end;

	for (r = r ? r + 5 : NULL; r && *r >= '0' && *r <= '9'; r = *end == ',' ? end + 1 : NULL)
		if (strtol(r, &end, 10) == id)
			return true;
	return false;
}

/* The line of the call on the failing path that gave the program the reference it still holds
 * at the failure (its r0 has a ref_obj_id: bpf_task_acquire(), bpf_task_from_pid(),
 * bpf_sk_lookup_tcp(), ...); 0 if none. */
static int acquired_line(const struct vctx *c)
{
	const struct vlog *v = c->log;
	int before = grade_vlog_path_prev(v, v->fail), steps = 0;
	char r0[256], *id;

	for (int i = before; i >= 0 && steps++ < 4096; i = grade_vlog_path_prev(v, i)) {
		const struct vline *l = &v->lines[i];

		if (l->kind == VL_INSN && !strncmp(l->text, "call ", 5) &&
		    grade_vlog_reg(l->state, 0, r0, sizeof(r0)) && (id = strstr(r0, "ref_obj_id=")) &&
		    ref_held(&v->lines[before], strtol(id + 11, NULL, 10)))
			return vu_insn_line(c, i);
	}
	return 0;
}

/* "R1 must be referenced when passed to release function", and a kfunc's own words for it:
 * "release kernel function bpf_task_release expects refcounted PTR_TO_BTF_ID" (its argument is
 * then the first, R1).  When the path acquired a reference, that is what to release. */
int vc_release_unowned(struct vctx *c)
{
	const char *e = vu_err(c, "must be referenced when passed to release function");
	int line = vu_fail_line(c), reg = vu_err_reg(e), acq;
	char helper[64] = "", t[512], arg[64] = "", held[64] = "";

	if (!e && (e = vu_err(c, "expects refcounted")) && strstr(e, "release kernel function"))
		reg = 1;
	if (!e)
		return 0;
	vu_helper(vu_insn(c), helper, sizeof(helper));
	vu_line(c, line, t, sizeof(t));
	if (!helper[0] || reg < 1 || reg > 5 || !vu_call_arg(t, helper, reg, arg, sizeof(arg)))
		arg[0] = 0;
	snprintf(D->cls, sizeof(D->cls), "release-not-acquired");
	snprintf(D->title, sizeof(D->title), "%s() releases `%s`, which this program did not "
		 "acquire", helper[0] ? helper : "this call", arg[0] ? arg : "a pointer");
	grade_span_in_call(c, &D->primary, line, helper, arg);
	snprintf(D->primary.label, sizeof(D->primary.label), "not a reference the program holds");
	acq = acquired_line(c);
	if (acq > 0 && vu_line(c, acq, t, sizeof(t)) && vu_assigned(t, held, sizeof(held)) &&
	    strcmp(held, arg))
		grade_secondary_at(c, acq, held, "the reference acquired here is `%s`: release that",
				   held);
	snprintf(D->help, sizeof(D->help), "release only what an acquiring call gave you "
		 "(bpf_sk_lookup_tcp(), bpf_task_acquire(), ...); pointers read from the context, "
		 "such as skb->sk or a tracepoint's task, are borrowed and need no release");
	return 1;
}

/* "tracing progs cannot use bpf_spin_lock yet" (also "socket filter progs", and bpf_timer,
 * bpf_wq): said while the maps are bound, before any instruction is checked, so the log names
 * no line; the line is the program's first use of the object, and the map value's member is
 * where the object comes from. */
int vc_lock_prog_type(struct vctx *c)
{
	const char *e = vu_err(c, " progs cannot use bpf_");
	char obj[32] = "", kind[32] = "", use[40], decl[48];
	int def = c->prog[0] ? grade_src_find_sec(c->src, NULL, c->prog) : 0, at, member;

	const char *p = e ? strstr(e, " progs cannot use ") : NULL;

	if (!p || !strstr(e, "yet") || sscanf(p, " progs cannot use %31[a-z_]", obj) != 1)
		return 0;
	snprintf(kind, sizeof(kind), "%.*s", (int)(p - e), e);
	snprintf(use, sizeof(use), "%s%s", obj, strcmp(obj, "bpf_spin_lock") ? "_" : "(");
	snprintf(decl, sizeof(decl), "struct %s ", obj);
	at = vu_find_line(c, use, def ?: 1, def ? vu_func_end(c, def) : 1 << 20);
	member = vu_find_line(c, decl, 1, 1 << 20);
	snprintf(D->cls, sizeof(D->cls), "lock-in-program-type");
	snprintf(D->title, sizeof(D->title), "%s programs cannot use %s", kind, obj);
	grade_span_at(c, &D->primary, at ?: def, at ? (strchr(use, '(') ? obj : use) : NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "not available to %s programs", kind);
	if (member)
		grade_secondary_at(c, member, obj, "the map value holds a %s", obj);
	if (!strcmp(obj, "bpf_spin_lock"))
		snprintf(D->help, sizeof(D->help), "a tracing program may run anywhere, even inside "
			 "the lock's holder: count with `__sync_fetch_and_add(&v->n, 1)` or a per-CPU "
			 "map instead");
	else
		snprintf(D->help, sizeof(D->help), "keep %s out of the maps this program uses: "
			 "the kernel refuses the whole program, not just the call", obj);
	return 1;
}
