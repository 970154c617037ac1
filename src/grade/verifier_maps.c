/* verifier_maps.c: the rows of the class table about what a program does with a map once it
 * loaded: a tail call through a map that is not a program array, a write into a read-only
 * map (a const global), a write through the key an iteration callback is handed. */
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
