/* verifier_classes.c: the table of recognised failures, one row per class, each with its
 * learner message; every row has a fixture in tests/verifier/.  A row's function returns 1
 * when it explained the failure (filling c->d), 0 to let the next row try; rows are tried in
 * order, so more specific shapes come first.  Memory-access rows live in verifier_access.c. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "verifier_util.h"

#define D (c->d)

int vc_null(struct vctx *c);
int vc_index(struct vctx *c);
int vc_kernel_ptr(struct vctx *c);
int vc_kernel_write(struct vctx *c);
int vc_helper_size(struct vctx *c);
int vc_global_signature(struct vctx *c);
int vc_helper_buf(struct vctx *c);
int vc_value_past_end(struct vctx *c);
int vc_percpu_ksym(struct vctx *c);
int vc_kptr_beyond(struct vctx *c);
int vc_kptr_offset(struct vctx *c);
int vc_uninit_stack(struct vctx *c);
int vc_loops(struct vctx *c);
int vc_load_timeout(struct vctx *c);
int vc_unreleased(struct vctx *c);
int vc_use_after_release(struct vctx *c);
int vc_dynptr_uninit(struct vctx *c);
int vc_lock_at_exit(struct vctx *c);
int vc_call_under_lock(struct vctx *c);
int vc_lock_mismatch(struct vctx *c);
int vc_packet_access(struct vctx *c);
int vc_packet_moved(struct vctx *c);
int vc_packet_write(struct vctx *c);
int vc_ctx_field(struct vctx *c);
int vc_ctx_var_off(struct vctx *c);
int vc_ctx_moved(struct vctx *c);
int vc_helper_map(struct vctx *c);
int vc_timer_map(struct vctx *c);
int vc_sleepable(struct vctx *c);
int vc_call_depth(struct vctx *c);
int vc_combined_stack(struct vctx *c);
int vc_tail_call_stack(struct vctx *c);
int vc_kfunc_untrusted(struct vctx *c);
int vc_kfunc_missing(struct vctx *c);
int vc_fentry_target(struct vctx *c);
int vc_no_events(struct vctx *c);
int vc_map_create(struct vctx *c);
int vc_map_init_type(struct vctx *c);
int vc_legacy_maps(struct vctx *c);
int vc_map_budget(struct vctx *c);
int vc_tail_call(struct vctx *c);
int vc_key_write(struct vctx *c);
int vc_rodata(struct vctx *c);
int vc_rdonly_mem(struct vctx *c);
int vc_ksym_missing(struct vctx *c);
int vc_callback_static(struct vctx *c);
int vc_callback_return(struct vctx *c);
int vc_fentry_args(struct vctx *c);
int vc_release_unowned(struct vctx *c);
int vc_lock_prog_type(struct vctx *c);
int vc_core(struct vctx *c);
int vc_kfunc_denied(struct vctx *c);
int vc_data_loc(struct vctx *c);
int vc_return(struct vctx *c);

static int fail_line(const struct vctx *c)
{
	int col;

	return grade_fail_line(c, &col);
}

/* A global function dereferences a pointer argument that may be NULL. */
/* A global function's pointer argument is known to point to sizeof(*arg) bytes: reading
 * past them ("invalid access to memory, mem_size=1") in `int f(const char *name)`. */
static int global_arg_size(struct vctx *c, int def)
{
	const char *e = vu_err(c, "invalid access to memory, mem_size=");
	char t[512], arg[64] = "", d[512];
	long long size = 0;
	int line = fail_line(c);

	if (!e || !def || !vu_line(c, def, d, sizeof(d)) || strstr(d, "static"))
		return 0;
	sscanf(e, "invalid access to memory, mem_size=%lld", &size);
	vu_line(c, line, t, sizeof(t));
	if (!vu_deref_base(t, arg, sizeof(arg)) || grade_find_token(d, strlen(d), arg) < 0)
		return 0;
	snprintf(D->cls, sizeof(D->cls), "global-function-arg");
	snprintf(D->title, sizeof(D->title), "`%s()` is verified on its own, where `%s` points to "
		 "%lld byte%s only", c->log->func, arg, size, size == 1 ? "" : "s");
	grade_span_at(c, &D->primary, def, arg);
	snprintf(D->primary.label, sizeof(D->primary.label), "a global (non-static) function: "
		 "`%s` is known to hold sizeof(*%s) = %lld byte%s", arg, arg, size, size == 1 ? "" : "s");
	grade_secondary_at(c, line, arg, "reads past them");
	snprintf(D->help, sizeof(D->help), "make %s() `static` (it is then verified with each "
		 "caller's buffer), or pass a pointer to a struct that has the buffer's size",
		 c->log->func);
	return 1;
}

static int vc_global_func(struct vctx *c)
{
	const char *e = vu_err(c, "_or_null'");
	char t[512], var[64] = "";
	int line = fail_line(c), def;

	if (!c->log->subprog)
		return 0;
	def = grade_src_find_sec(c->src, NULL, c->log->func);
	if (!e)
		return global_arg_size(c, def);
	vu_line(c, line, t, sizeof(t));
	vu_deref_base(t, var, sizeof(var));
	if (var[0] && def > 0 && def < line) {
		/* clang may store the fields in another order: the first dereference in the source */
		char arrow[72];
		int first;

		snprintf(arrow, sizeof(arrow), "%s->", var);
		if ((first = vu_find_line(c, arrow, def + 1, line - 1)))
			line = first;
	}
	snprintf(D->cls, sizeof(D->cls), "global-function-arg");
	snprintf(D->title, sizeof(D->title), "`%s()` is verified on its own, where `%s` may be NULL",
		 c->log->func, var[0] ? var : "its argument");
	grade_span_at(c, &D->primary, line, var[0] ? var : NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "dereferenced without a NULL check");
	if (def) {
		grade_secondary_at(c, def, c->log->func, "a global (non-static) function: its callers' "
			 "arguments are not known here");
	}
	snprintf(D->help, sizeof(D->help), "check `if (!%s) return 0;` at the start of %s(), or make "
		 "it `static` so it is verified with each caller's arguments", var[0] ? var : "ptr",
		 c->log->func);
	return 1;
}

static int vc_ctx(struct vctx *c)
{
	const char *e = vu_err(c, "invalid bpf_context access");
	char t[512], var[64] = "";
	int line = fail_line(c), store;
	long long off = 0;
	const char *o;

	if (!e || c->log->fail < 0)
		return 0;
	store = (c->log->lines[c->log->fail].opcode & 7) == 2 ||
		(c->log->lines[c->log->fail].opcode & 7) == 3;
	o = strstr(e, "off=");
	if (o)
		grade_vlog_num(o + 4, NULL, &off);
	vu_line(c, line, t, sizeof(t));
	vu_deref_base(t, var, sizeof(var));
	grade_span_at(c, &D->primary, line, var[0] ? var : NULL);
	if (store) {
		snprintf(D->cls, sizeof(D->cls), "context-write");
		snprintf(D->title, sizeof(D->title), "the program's context is read-only");
		snprintf(D->primary.label, sizeof(D->primary.label), "written here");
		snprintf(D->help, sizeof(D->help), "copy the value into a local variable and change "
			 "the copy");
	} else {
		snprintf(D->cls, sizeof(D->cls), "context-bad-offset");
		snprintf(D->title, sizeof(D->title), "this program may not read its context at byte %lld",
			 off);
		snprintf(D->primary.label, sizeof(D->primary.label), "reads byte %lld of `%s`", off,
			 var[0] ? var : "ctx");
		snprintf(D->help, sizeof(D->help), "%s", off < 8 ?
			 "a tracepoint's first 8 bytes (the common header, ctx->ent) cannot be read: "
			 "use bpf_get_current_pid_tgid() for the pid" :
			 "read only the fields of the context type for this section");
	}
	return 1;
}

static const char *type_words(const char *t)
{
	static const struct { const char *k, *w; } m[] = {
		{ "ctx", "the program's context" }, { "scalar", "a plain number" },
		{ "map_ptr", "a map" }, { "map_value", "a map value" }, { "fp", "a stack pointer" },
		{ "ringbuf_mem", "a ring-buffer record" },
	};

	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (!strncmp(t, m[i].k, strlen(m[i].k)) && !isalnum((unsigned char)t[strlen(m[i].k)]))
			return m[i].w;
	return t;
}

/* The line above @line, in its function, that declares the local @name (`char s[] = ...;`,
 * `struct bpf_timer t;`), 0 if none. */
static int local_decl(const struct vctx *c, const char *name, int line)
{
	char t[512];
	size_t n = strlen(name);
	long at;

	for (int l = line - 1, def = vu_enclosing_func(c, line); def > 0 && l > def; l--) {
		const char *after;

		if (!vu_line(c, l, t, sizeof(t)) || (at = grade_find_token(t, strlen(t), name)) <= 0 ||
		    t[at - 1] != ' ' || memchr(t, '=', (size_t)at) || memchr(t, '(', (size_t)at))
			continue;
		after = t + at + n;
		while (*after == ' ')
			after++;
		if (*after == ';' || *after == '[' || *after == '=' || *after == ',')
			return l;
	}
	return 0;
}

static int vc_arg_type(struct vctx *c)
{
	const char *e = vu_err(c, " expected=");
	const char *ro = vu_err(c, "does not point to a readonly map");
	char helper[64], t[512], arg[128] = "", got[32] = "", want[64] = "";
	int reg, line = fail_line(c), decl;

	if (ro && !e) {   /* "R3 does not point to a readonly map'": bpf_strncmp's string */
		e = ro;
		snprintf(got, sizeof(got), "map_value");
		snprintf(want, sizeof(want), "map_value");
	} else if (!e || !strstr(e, "type=")) {
		return 0;
	}
	reg = vu_err_reg(e);
	if (!vu_helper(vu_insn(c), helper, sizeof(helper)))
		return 0;
	if (!ro)
		sscanf(strstr(e, "type="), "type=%31[^ ] expected=%63[^,\n]", got, want);
	vu_line(c, line, t, sizeof(t));
	if (reg >= 1 && reg <= 5)
		vu_call_arg(t, helper, reg, arg, sizeof(arg));
	if (arg[0])
		grade_span_arg(c, &D->primary, line, helper, reg);
	else
		grade_span_at(c, &D->primary, line, helper);
	if (!strcmp(want, "ringbuf_mem") && !strcmp(got, "scalar")) {
		snprintf(D->cls, sizeof(D->cls), "ringbuf-released-twice");
		snprintf(D->title, sizeof(D->title), "`%s` was already submitted or discarded",
			 arg[0] ? arg : "the record");
		snprintf(D->primary.label, sizeof(D->primary.label), "%s() on a record that is no "
			 "longer reserved", helper);
		snprintf(D->help, sizeof(D->help), "submit or discard each reserved record exactly once, "
			 "and do not touch it afterwards");
		return 1;
	}
	snprintf(D->cls, sizeof(D->cls), "helper-arg-type");
	snprintf(D->title, sizeof(D->title), "argument %d of %s() has the wrong kind of value",
		 reg, helper);
	if (!strcmp(want, "map_value") && (!strcmp(helper, "bpf_strncmp") ||
					   !strcmp(helper, "bpf_snprintf"))) {
		/* a string the kernel reads at load time: it must live in a read-only map */
		snprintf(D->primary.label, sizeof(D->primary.label), "this is %s; %s() wants a "
			 "constant string here", ro ? "writable memory" : type_words(got), helper);
		if (!strcmp(got, "fp") && arg[0] && (decl = local_decl(c, arg, line)) > 0)
			grade_secondary_at(c, decl, arg, "a local array: it lives on the stack");
		if (ro)
			snprintf(D->help, sizeof(D->help), "%s() compares with a string fixed when the "
				 "program loads: a literal, or a `const volatile char name[16]` global "
				 "that the loader sets before loading; a string that changes at run time "
				 "(a map value) is compared in a bounded loop instead", helper);
		else
			snprintf(D->help, sizeof(D->help), "pass a string literal (`\"bash\"`) or a "
				 "`const` global (`const char want[] = \"bash\";`): the verifier reads it "
				 "when it loads the program, so it must be in read-only memory");
		return 1;
	}
	if (!strcmp(got, "fp") && !strcmp(want, "map_value") && arg[0] == '&' &&
	    (!strncmp(helper, "bpf_timer_", 10) || !strncmp(helper, "bpf_spin_", 9)) &&
	    (decl = local_decl(c, arg + 1, line)) > 0) {
		/* a timer or lock on the stack: it must live in a map value */
		const char *what = !strncmp(helper, "bpf_timer_", 10) ? "bpf_timer" : "bpf_spin_lock";

		snprintf(D->title, sizeof(D->title), "`%s` is a local variable, but a struct %s "
			 "must live inside a map value", arg + 1, what);
		snprintf(D->primary.label, sizeof(D->primary.label), "a stack pointer; %s() wants "
			 "one into a map value", helper);
		grade_secondary_at(c, decl, arg + 1, "declared on the stack");
		snprintf(D->help, sizeof(D->help), "put the %s in the map's value struct "
			 "(`struct val { struct %s %s; ... };`), look the element up, and pass "
			 "`&v->%s`", what, what, arg + 1, arg + 1);
		return 1;
	}
	snprintf(D->primary.label, sizeof(D->primary.label), "this is %s; %s() wants %s here",
		 type_words(got), helper, !strncmp(want, "fp", 2) ? (!strcmp(got, "map_value") ?
		 "a pointer to the stack" : "a pointer to the stack (or a map value)") :
		 type_words(want));
	snprintf(D->help, sizeof(D->help), "%s", strncmp(want, "fp", 2) ?
		 "see the helper's signature in bpf_helper_defs.h" : !strcmp(got, "ctx") ?
		 "copy what you need into a local variable and pass its address, e.g. "
		 "`u64 key = ...; bpf_map_lookup_elem(&map, &key)`" : !strcmp(got, "scalar") ?
		 "the helper reads the value through a pointer: put it in a local variable and pass "
		 "its address, e.g. `u32 key = ...; bpf_map_lookup_elem(&map, &key)`" :
		 "see the helper's signature in bpf_helper_defs.h");
	return 1;
}

static int vc_ptr_arith(struct vctx *c)
{
	const char *e = vu_err(c, "prohibited");
	int line = fail_line(c);

	if (!e || !strstr(e, "pointer"))
		return 0;
	snprintf(D->cls, sizeof(D->cls), "pointer-arithmetic");
	snprintf(D->title, sizeof(D->title), "this operation on a pointer is not allowed");
	grade_span_at(c, &D->primary, line, "");
	snprintf(D->primary.label, sizeof(D->primary.label), "%s", strstr(e, "bitwise") ?
		 "&, |, ^, shifts and * turn a pointer into something the verifier cannot track" :
		 "the verifier cannot track this pointer afterwards");
	snprintf(D->help, sizeof(D->help), "only add or subtract bounded offsets to a pointer that "
		 "was NULL-checked; compute offsets as numbers (e.g. `off = (off + 7) & ~7;`) and add "
		 "them to the pointer");
	return 1;
}

static int vc_helper_denied(struct vctx *c)
{
	const char *e = vu_err(c, "cannot use helper");
	char helper[64] = "", sec[96] = "";
	int line = fail_line(c), secl;

	if (!e && !(e = vu_err(c, "unknown func ")) &&
	    !(e = vu_err(c, "helper call is not allowed in probe")))
		return 0;
	if (strstr(e, "unknown#"))
		return 0;   /* a CO-RE poison, see vc_core */
	vu_helper(vu_insn(c), helper, sizeof(helper));
	snprintf(D->cls, sizeof(D->cls), "helper-not-allowed");
	if (strstr(e, "not allowed in probe")) {
		/* the helper's own allow-list of attach points (bpf_d_path's is a few functions) */
		const char *target;

		secl = vu_prog_section(c, sec, sizeof(sec));
		target = strchr(sec, '/') ? strchr(sec, '/') + 1 : sec;
		snprintf(D->title, sizeof(D->title), "%s() may only be called from a few kernel "
			 "functions, and %s is not one of them", helper[0] ? helper : "this helper",
			 target[0] ? target : "this one");
		grade_span_at(c, &D->primary, line, helper[0] ? helper : "");
		snprintf(D->primary.label, sizeof(D->primary.label), "not allowed where this program "
			 "attaches");
		if (secl) {
			char tok[100];

			snprintf(tok, sizeof(tok), "\"%.96s\"", sec);
			grade_secondary_at(c, secl, tok, "attached to %s", target);
		}
		if (!strcmp(helper, "bpf_d_path"))
			snprintf(D->help, sizeof(D->help), "attach where bpf_d_path() is allowed: "
				 "fentry/security_file_open, fentry/filp_close, fentry/vfs_truncate, "
				 "fentry/vfs_fallocate, fentry/dentry_open, fentry/vfs_getattr, or an "
				 "lsm/file_open program");
		else
			snprintf(D->help, sizeof(D->help), "attach the program to a function where "
				 "%s() is allowed (see the helper's description)", helper);
		return 1;
	}
	snprintf(D->title, sizeof(D->title), "%s() cannot be called from this kind of program",
		 helper[0] ? helper : "this helper");
	grade_span_at(c, &D->primary, line, helper[0] ? helper : "");
	snprintf(D->primary.label, sizeof(D->primary.label), "not available to %s programs",
		 c->prog[0] ? "these" : "these");
	snprintf(D->help, sizeof(D->help), "each program type (given by SEC()) has its own set of "
		 "helpers: see `bpftool feature probe` or the helper's man page for where it works");
	return 1;
}

static int vc_gpl(struct vctx *c)
{
	const char *e = vu_err(c, "GPL-restricted");
	char helper[64] = "";
	int line = fail_line(c), lic;

	if (!e)
		return 0;
	vu_helper(vu_insn(c), helper, sizeof(helper));
	lic = vu_find_line(c, "SEC(\"license\")", 1, 1 << 20);
	snprintf(D->cls, sizeof(D->cls), "gpl-only-helper");
	snprintf(D->title, sizeof(D->title), "%s() may only be called by GPL-compatible programs",
		 helper[0] ? helper : "this helper");
	grade_span_at(c, &D->primary, line, helper[0] ? helper : "");
	snprintf(D->primary.label, sizeof(D->primary.label), "a GPL-only helper");
	if (lic) {
		grade_secondary_at(c, lic, "", "this license is not GPL-compatible");
	}
	snprintf(D->help, sizeof(D->help), "declare `char LICENSE[] SEC(\"license\") = \"GPL\";` (or "
		 "\"Dual BSD/GPL\")");
	return 1;
}

static int vc_uninit_reg(struct vctx *c)
{
	const char *e = vu_err(c, "!read_ok");
	int reg = vu_err_reg(e), line = fail_line(c);
	bool at_exit = !strcmp(vu_insn(c), "exit");

	if (!e)
		return 0;
	grade_span_at(c, &D->primary, line, "");
	if (reg == 0 && at_exit) {
		snprintf(D->cls, sizeof(D->cls), "missing-return-value");
		snprintf(D->title, sizeof(D->title), "the program can end without a return value");
		snprintf(D->primary.label, sizeof(D->primary.label), "ends here, before anything set "
			 "the return value");
		snprintf(D->help, sizeof(D->help), "end every path with `return 0;` (clang only warns "
			 "about a missing return: read its warnings)");
	} else {
		snprintf(D->cls, sizeof(D->cls), "uninitialized-register");
		snprintf(D->title, sizeof(D->title), "a value is used before it was set");
		snprintf(D->primary.label, sizeof(D->primary.label), "reads R%d, which holds nothing yet",
			 reg);
		snprintf(D->help, sizeof(D->help), "initialize every variable where you declare it");
	}
	return 1;
}

/* Rows with the learner message of each, more specific shapes first. */
static int (*const rows[])(struct vctx *) = {
	vc_load_timeout,      /* verifier-timeout: still exploring when loading's time ran out */
	vc_global_func,       /* global-function-arg */
	vc_global_signature,  /* global-function-return, -signature (verifier_calls.c) */
	vc_null,              /* null-map-value (verifier_pointers.c) */
	vc_index,             /* out-of-bounds index classes (verifier_access.c) */
	vc_helper_size,       /* helper-size-* (verifier_access.c) */
	vc_helper_buf,        /* helper-buffer-unbounded (verifier_access.c) */
	vc_uninit_stack,      /* uninitialized-stack (verifier_access.c) */
	vc_value_past_end,    /* value-past-end: a member past a value's end (verifier_access.c) */
	vc_packet_access,     /* packet-no-bounds-check, packet-bounds-too-short,
			       * packet-offset-unbounded (verifier_packet.c) */
	vc_packet_moved,      /* packet-pointer-stale: used after a helper moved the packet */
	vc_use_after_release, /* use-after-release (verifier_refs.c) */
	vc_data_loc,          /* data-loc-string (verifier_packet.c) */
	vc_kernel_ptr,        /* kernel-pointer-deref (verifier_pointers.c) */
	vc_kernel_write,      /* kernel-memory-write (verifier_pointers.c) */
	vc_percpu_ksym,       /* percpu-ksym-direct (verifier_kptr.c) */
	vc_ksym_missing,      /* ksym-not-found (verifier_kptr.c) */
	vc_kptr_beyond,       /* kernel-struct-beyond (verifier_kptr.c) */
	vc_kptr_offset,       /* kernel-struct-offset (verifier_kptr.c) */
	vc_fentry_args,       /* fentry-arg-past-count (verifier_calls.c) */
	vc_ctx_field,         /* context-field-denied (verifier_packet.c) */
	vc_ctx,               /* context-write, context-bad-offset */
	vc_ctx_var_off,       /* context-variable-offset (verifier_packet.c) */
	vc_ctx_moved,         /* context-pointer-modified (verifier_packet.c) */
	vc_packet_write,      /* packet-write-denied (verifier_packet.c) */
	vc_arg_type,          /* helper-arg-type, ringbuf-released-twice */
	vc_dynptr_uninit,     /* dynptr-uninit (verifier_refs.c) */
	vc_ptr_arith,         /* pointer-arithmetic */
	vc_unreleased,        /* ringbuf-, socket-, dynptr-not-released (verifier_refs.c) */
	vc_release_unowned,   /* release-not-acquired (verifier_refs.c) */
	vc_lock_at_exit,      /* spin-lock-held (verifier_refs.c) */
	vc_call_under_lock,   /* call-under-lock (verifier_refs.c) */
	vc_lock_mismatch,     /* spin-lock-mismatch (verifier_refs.c) */
	vc_lock_prog_type,    /* lock-in-program-type (verifier_refs.c) */
	vc_loops,             /* infinite-loop, too-complex, too-many-instructions */
	vc_combined_stack,    /* stack-too-large (verifier_stack.c) */
	vc_tail_call_stack,   /* tail-call-stack-too-large (verifier_stack.c) */
	vc_call_depth,        /* call-stack-too-deep (verifier_calls.c) */
	vc_callback_return,   /* callback-return-value (verifier_calls.c) */
	vc_callback_static,   /* callback-not-static (verifier_calls.c) */
	vc_core,              /* core-missing-field (verifier_core.c) */
	vc_sleepable,         /* sleepable-helper (verifier_calls.c) */
	vc_kfunc_denied,      /* kfunc-not-allowed (verifier_calls.c) */
	vc_kfunc_untrusted,   /* kfunc-arg-untrusted (verifier_calls.c) */
	vc_kfunc_missing,     /* kfunc-missing (verifier_libbpf.c) */
	vc_helper_denied,     /* helper-not-allowed */
	vc_gpl,               /* gpl-only-helper */
	vc_return,            /* invalid-return-value (verifier_calls.c) */
	vc_uninit_reg,        /* missing-return-value, uninitialized-register */
	vc_tail_call,         /* tail-call-map (verifier_maps.c) */
	vc_helper_map,        /* helper-map-type (verifier_calls.c) */
	vc_timer_map,         /* timer-map-mismatch (verifier_calls.c) */
	vc_rodata,            /* write-read-only-map (verifier_maps.c) */
	vc_rdonly_mem,        /* write-read-only-memory (verifier_maps.c) */
	vc_key_write,         /* map-key-write (verifier_maps.c) */
	vc_fentry_target,     /* attach-target-missing (verifier_libbpf.c) */
	vc_no_events,         /* no-dojo-h (verifier_libbpf.c) */
	vc_map_create,        /* map-create-failed (verifier_libbpf.c) */
	vc_map_init_type,     /* map-init-type (verifier_libbpf.c) */
	vc_legacy_maps,       /* legacy-map-definition (verifier_libbpf.c) */
	vc_map_budget,        /* map-budget: bpfdojo's own limit (verifier_libbpf.c) */
};

int grade_classes_explain(struct vctx *c)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (rows[i](c))
			return 1;
	return 0;
}

int grade_classes_explain_attach(struct vctx *c, const char *section)
{
	int line = grade_src_find_sec(c->src, section, NULL);
	const char *slash = strchr(section, '/');
	char t[512];

	grade_span_at(c, &D->primary, line, "");
	if ((!strncmp(section, "tp/", 3) || !strncmp(section, "tracepoint/", 11)) && c->err == -2) {
		snprintf(D->cls, sizeof(D->cls), "tracepoint-missing");
		snprintf(D->title, sizeof(D->title), "there is no tracepoint %s", slash + 1);
		snprintf(D->primary.label, sizeof(D->primary.label), "no such tracepoint on this kernel");
		snprintf(D->help, sizeof(D->help), "tracepoints are named <category>/<name>, as in "
			 "/sys/kernel/tracing/events (e.g. sched/sched_process_exec)");
		return 1;
	}
	if ((!strncmp(section, "tp/", 3) || !strncmp(section, "tracepoint/", 11)) && c->err == -13) {
		int insn, end, at = 0, col;

		snprintf(D->cls, sizeof(D->cls), "tracepoint-read-past-record");
		snprintf(D->title, sizeof(D->title), "the program reads past the end of the %s record",
			 slash + 1);
		/* the kernel compares the furthest context read with the record's size */
		if (grade_vobj_ctx_furthest(c->obj, c->prog, &insn, &end) &&
		    grade_vobj_insn_line(c->obj, c->prog, insn, &at, &col) && at && at != line) {
			char tok[128] = "";
			const char *b = vu_line(c, at, t, sizeof(t)) ? strchr(t, '[') : NULL, *a = b;
			const char *e = b ? strchr(b, ']') : NULL;

			/* underline the subscripted read (ctx->args[5], words[64]), else the line */
			while (a && a > t && (isalnum((unsigned char)a[-1]) || strchr("_>-.", a[-1])))
				a--;
			if (a && e && a < b)
				snprintf(tok, sizeof(tok), "%.*s", (int)(e - a + 1), a);
			grade_span_at(c, &D->primary, at, tok);
			snprintf(D->primary.label, sizeof(D->primary.label), "the furthest read into the "
				 "record: up to byte %d, past its end", end);
			grade_secondary_at(c, line, "", "the kernel refused to attach here");
		} else {
			snprintf(D->primary.label, sizeof(D->primary.label), "the kernel refused to "
				 "attach here");
		}
		snprintf(D->help, sizeof(D->help), "read only the fields of this tracepoint's struct "
			 "(trace_event_raw_<name> in vmlinux.h)");
		return 1;
	}
	if ((!strncmp(section, "raw_tp/", 7) || !strncmp(section, "raw_tracepoint/", 15)) &&
	    c->err == -22) {
		/* the kernel checks at attach that the program reads no more arguments than the
		 * tracepoint passes: the highest args[N] the program reads is the culprit */
		int at = 0, top = -1;

		for (int l = line + 1; l < line + 200 && vu_line(c, l, t, sizeof(t)); l++) {
			const char *p = strstr(t, "args[");
			int n;

			if (p && sscanf(p, "args[%d]", &n) == 1 && n > top)
				top = n, at = l;
		}
		snprintf(D->cls, sizeof(D->cls), "raw-tp-args");
		snprintf(D->title, sizeof(D->title), "the program reads more arguments than raw "
			 "tracepoint %s passes", slash + 1);
		if (at) {
			char tok[32];

			snprintf(tok, sizeof(tok), "args[%d]", top);
			grade_span_at(c, &D->primary, at, tok);
			snprintf(D->primary.label, sizeof(D->primary.label), "argument %d: past the "
				 "tracepoint's arguments", top + 1);
			grade_secondary_at(c, line, "", "the kernel refused to attach here");
		} else {
			snprintf(D->primary.label, sizeof(D->primary.label), "the kernel refused to "
				 "attach here");
		}
		snprintf(D->help, sizeof(D->help), "a raw tracepoint passes the arguments of its "
			 "TP_PROTO (include/trace/events/ in the kernel source): read only args[0] to "
			 "args[count - 1]");
		return 1;
	}
	if (!strncmp(section, "kprobe", 6) || !strncmp(section, "kretprobe", 9)) {
		snprintf(D->cls, sizeof(D->cls), "kprobe-unavailable");
		snprintf(D->title, sizeof(D->title), "kprobes are not available on bpfdojo's kernel");
		snprintf(D->primary.label, sizeof(D->primary.label), "cannot attach");
		snprintf(D->help, sizeof(D->help), "use SEC(\"fentry/<function>\") or a tracepoint");
		return 1;
	}
	snprintf(D->cls, sizeof(D->cls), "attach-failed");
	snprintf(D->title, sizeof(D->title), "%s", c->message[0] ? c->message : "cannot attach");
	snprintf(D->primary.label, sizeof(D->primary.label), "could not be attached");
	return 0;
}
