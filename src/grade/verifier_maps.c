/* verifier_maps.c: the rows of the class table about what a program does with a map once it
 * loaded: a tail call through a map that is not a program array, a write into a read-only
 * map (a const global) or through a read-only pointer (a dynptr slice, a helper's constant
 * memory), a write through the key an iteration callback is handed. */
#include <stdio.h>
#include <string.h>
#include "verifier_util.h"

#define D (c->d)

int vc_tail_call(struct vctx *c)
{
	const char *e = vu_err(c, "expected prog array map for tail call");
	char t[512], arg[128] = "";
	int line = vu_fail_line(c);

	/* 6.12 words a tail call into a map that is not a program array as a misconfiguration */
	if (!e && !((e = vu_err(c, "cannot pass map_type")) && strstr(e, "bpf_tail_call")) &&
	    !(vu_err(c, "kernel subsystem misconfigured verifier") &&
	      strstr(vu_insn(c), "call bpf_tail_call")))
		return 0;
	vu_line(c, line, t, sizeof(t));
	vu_call_arg(t, "bpf_tail_call", 2, arg, sizeof(arg));
	snprintf(D->cls, sizeof(D->cls), "tail-call-map");
	snprintf(D->title, sizeof(D->title), "bpf_tail_call() needs a BPF_MAP_TYPE_PROG_ARRAY map");
	grade_span_at(c, &D->primary, line, arg[0] ? arg : "bpf_tail_call");
	snprintf(D->primary.label, sizeof(D->primary.label), "not a program array");
	vu_map_type_secondary(c, arg);
	snprintf(D->help, sizeof(D->help), "declare the map with "
		 "`__uint(type, BPF_MAP_TYPE_PROG_ARRAY);` and fill it with program fds");
	return 1;
}

/* "write to change key R2 not allowed": a callback (bpf_for_each_map_elem) writes through the
 * key it is handed. */
int vc_key_write(struct vctx *c)
{
	const char *e = vu_err(c, "write to change key R");
	int line = vu_fail_line(c);
	char t[512], var[64] = "";

	if (!e)
		return 0;
	vu_line(c, line, t, sizeof(t));
	vu_deref_base(t, var, sizeof(var));
	snprintf(D->cls, sizeof(D->cls), "map-key-write");
	snprintf(D->title, sizeof(D->title), "`%s` is the element's key: the program may read it "
		 "but not change it", var[0] ? var : "key");
	grade_span_at(c, &D->primary, line, var[0] ? var : NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "writes into the map's key");
	snprintf(D->help, sizeof(D->help), "change the value instead; to move an element to another "
		 "key, insert a copy under the new key and delete the old one (from the program, not "
		 "from inside the callback)");
	return 1;
}

int vc_rodata(struct vctx *c)
{
	const char *e = vu_err(c, "write into map forbidden");
	int line = vu_fail_line(c);

	if (!e)
		return 0;
	snprintf(D->cls, sizeof(D->cls), "write-read-only-map");
	snprintf(D->title, sizeof(D->title), "this write goes to read-only memory (a const global, "
		 "or a map frozen for programs)");
	grade_span_at(c, &D->primary, line, "");
	snprintf(D->primary.label, sizeof(D->primary.label), "written here");
	snprintf(D->help, sizeof(D->help), "drop `const` from the global (it then lives in .data or "
		 ".bss) if the program must change it");
	return 1;
}

/* Helpers and kfuncs whose result the verifier marks read-only, and the writable call to use. */
static const struct { const char *fn, *rdwr; } rdonly_sources[] = {
	{ "bpf_dynptr_slice(", "bpf_dynptr_slice_rdwr()" },
	{ "bpf_dynptr_data(", NULL },
	{ "bpf_per_cpu_ptr(", NULL },
	{ "bpf_this_cpu_ptr(", NULL },
};

/* "R0 cannot write into rdonly_mem": a pointer the verifier knows as read-only memory. */
int vc_rdonly_mem(struct vctx *c)
{
	const char *e = vu_err(c, "cannot write into rdonly_mem");
	int line = vu_fail_line(c), from = 0;
	char t[512], var[64] = "";
	const char *rdwr = NULL, *fn = NULL;

	if (!e)
		return 0;
	vu_line(c, line, t, sizeof(t));
	vu_deref_base(t, var, sizeof(var));
	for (size_t k = 0; var[0] && !from && k < sizeof(rdonly_sources) / sizeof(rdonly_sources[0]); k++)
		if ((from = vu_assign_line(c, var, line, rdonly_sources[k].fn))) {
			fn = rdonly_sources[k].fn;
			rdwr = rdonly_sources[k].rdwr;
		}
	snprintf(D->cls, sizeof(D->cls), "write-read-only-memory");
	snprintf(D->title, sizeof(D->title), "`%s` points to memory the program may read but not "
		 "write", var[0] ? var : "this pointer");
	grade_span_at(c, &D->primary, line, var[0] ? var : NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "writes through a read-only pointer");
	if (from)
		grade_secondary_at(c, from, fn, "`%.*s` gives a read-only view", (int)strlen(fn) - 1, fn);
	if (rdwr)
		snprintf(D->help, sizeof(D->help), "to change the data, take the view with %s (same "
			 "arguments); it returns NULL when the bytes cannot be written in place", rdwr);
	else
		snprintf(D->help, sizeof(D->help), "copy the data to the stack, change the copy, and "
			 "write it back with a helper that writes (bpf_dynptr_write(), "
			 "bpf_skb_store_bytes(), bpf_map_update_elem())");
	return 1;
}
