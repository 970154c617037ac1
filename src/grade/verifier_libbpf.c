/* verifier_libbpf.c: the rows of the class table for loads that failed before the verifier
 * ran, or after it accepted the program: libbpf's message, not the verifier's log, says why
 * (a function to attach to or a kfunc the kernel lacks, a map the kernel would not create, an
 * object without dojo.h's ring buffer).  Each is placed at the declaration to change. */
#include <stdio.h>
#include <string.h>
#include "verifier_util.h"

#define D (c->d)

/* libbpf failed before the verifier: the message, not the log, says why. */
int vc_fentry_target(struct vctx *c)
{
	const char *m = strstr(c->message, "failed to find kernel BTF type ID of '");
	char fn[64] = "";
	int sec;

	if (!m)
		return 0;
	sscanf(strchr(m, '\'') + 1, "%63[^']", fn);
	sec = vu_find_line(c, fn, 1, 1 << 20);
	snprintf(D->cls, sizeof(D->cls), "attach-target-missing");
	snprintf(D->title, sizeof(D->title), "the kernel has no function `%s` to attach to", fn);
	grade_span_at(c, &D->primary, sec, fn);
	snprintf(D->primary.label, sizeof(D->primary.label), "not a function of this kernel (or not "
		 "traceable)");
	snprintf(D->help, sizeof(D->help), "check the name in vmlinux.h (`grep -w %s vmlinux.h`); "
		 "static functions the compiler inlined cannot be traced", fn);
	return 1;
}

/* The kernel has no kfunc by that name ("extern (func ksym) 'f': not found in kernel or module
 * BTFs"): libbpf refuses the object before the verifier runs. */
int vc_kfunc_missing(struct vctx *c)
{
	const char *m = strstr(c->message, "extern (func ksym) '");
	char fn[64] = "";
	int decl, call;

	if (!m || !strstr(m, "not found") || sscanf(m + 20, "%63[A-Za-z0-9_]", fn) != 1)
		return 0;
	call = vu_call_of(c, fn, 0);
	decl = vu_find_line(c, "__ksym", vu_find_line(c, fn, 1, 1 << 20), 1 << 20);
	snprintf(D->cls, sizeof(D->cls), "kfunc-missing");
	snprintf(D->title, sizeof(D->title), "the kernel has no kernel function %s()", fn);
	grade_span_at(c, &D->primary, decl ?: call, fn);
	snprintf(D->primary.label, sizeof(D->primary.label), "not a kfunc of this kernel");
	if (call && decl && call != decl)
		grade_secondary_at(c, call, fn, "called here");
	snprintf(D->help, sizeof(D->help), "check the name and the kernel version that added it: "
		 "this kernel's kfuncs are in its BTF (`bpftool btf dump file /sys/kernel/btf/vmlinux "
		 "format c | grep -w %s`); mark it `__weak` and test `bpf_ksym_exists(%s)` to run "
		 "without it", fn, fn);
	return 1;
}

/* The object loaded, but without dojo.h there is no ring buffer to submit through. */
int vc_no_events(struct vctx *c)
{
	int inc = 0;

	if (!strstr(c->message, "no ring buffer 'dojo_events'"))
		return 0;
	for (int l = 1; l < 200; l++)
		if (vu_find_line(c, "#include", l, l))
			inc = l;
	snprintf(D->cls, sizeof(D->cls), "no-dojo-h");
	snprintf(D->title, sizeof(D->title), "your program passed the verifier, but nothing it does "
		 "can be submitted: it does not include dojo.h");
	grade_span_at(c, &D->primary, inc ? inc : 1, "");
	snprintf(D->primary.label, sizeof(D->primary.label), "add `#include \"dojo.h\"` %s",
		 inc ? "after this line" : "at the top");
	snprintf(D->help, sizeof(D->help), "dojo.h defines the ring buffer `dojo_events` that "
		 "SUBMIT_NUM()/SUBMIT_STR() and DEBUG_*() write to; without it the run has no answer "
		 "to grade");
	return 1;
}

/* "legacy map definitions in 'maps' section are not supported by libbpf v1.0+": a map
 * declared the old way, with struct bpf_map_def in SEC("maps"). */
int vc_legacy_maps(struct vctx *c)
{
	int line;

	if (!strstr(c->message, "legacy map definitions in 'maps' section"))
		return 0;
	line = vu_find_line(c, "SEC(\"maps\")", 1, 1 << 20);
	snprintf(D->cls, sizeof(D->cls), "legacy-map-definition");
	snprintf(D->title, sizeof(D->title), "maps declared with struct bpf_map_def in "
		 "SEC(\"maps\") are no longer read by libbpf (since 1.0)");
	grade_span_at(c, &D->primary, line, line ? "SEC(\"maps\")" : NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "an old-style map definition");
	snprintf(D->help, sizeof(D->help), "declare it BTF-style: `struct { __uint(type, "
		 "BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, u32); __type(value, u64); "
		 "} name SEC(\".maps\");`");
	return 1;
}

/* "map 'stacks' brings your maps to 16711680 bytes or more; bpfdojo allows at most ...":
 * the sandbox's own budget for maps, checked before the kernel creates them. */
int vc_map_budget(struct vctx *c)
{
	const char *m = strstr(c->message, "map '");
	char name[64] = "";
	int end = 0, at;

	if (!m || !strstr(m, "brings your maps to") || sscanf(m + 5, "%63[A-Za-z0-9_]", name) != 1)
		return 0;
	at = vu_map_decl_line(c, name, "max_entries", &end);
	snprintf(D->cls, sizeof(D->cls), "map-budget");
	snprintf(D->title, sizeof(D->title), "the map `%s` is larger than bpfdojo lets a run use",
		 name);
	grade_span_at(c, &D->primary, at ?: end, at ? "max_entries" : NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "%s", strchr(m, ';') ?
		 strchr(m, ';') + 2 : "over the budget");
	snprintf(D->help, sizeof(D->help), "lower max_entries (or the value's size): the maps of "
		 "one run share a fixed budget");
	return 1;
}

/* "map 'jump_table': should be map-in-map or prog-array.": a map whose definition lists
 * programs (or maps) as its values, under a type that holds neither. */
int vc_map_init_type(struct vctx *c)
{
	const char *m = strstr(c->message, "map '");
	char name[64] = "", t[512];
	int end = 0, type, values;
	bool progs;

	if (!m || !strstr(m, "should be map-in-map or prog-array") ||
	    sscanf(m + 5, "%63[A-Za-z0-9_]", name) != 1)
		return 0;
	type = vu_map_decl_line(c, name, "__uint(type,", &end);
	values = vu_map_decl_line(c, name, "__array(values,", &end);
	/* `__array(values, int (void *))` lists programs; inner maps are structs */
	progs = values && vu_line(c, values, t, sizeof(t)) && strstr(t, "values,") &&
		strchr(strstr(t, "values,"), '(');
	snprintf(D->cls, sizeof(D->cls), "map-init-type");
	snprintf(D->title, sizeof(D->title), "`%s` lists %s as its values, so it must be a %s", name,
		 progs ? "programs" : "programs or maps",
		 progs ? "BPF_MAP_TYPE_PROG_ARRAY" : "program array or a map of maps");
	grade_span_at(c, &D->primary, type ?: end, type ? "__uint(type," : NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "declared with a type that holds "
		 "neither");
	if (values)
		grade_secondary_at(c, values, "__array(values,", "its values are declared here");
	snprintf(D->help, sizeof(D->help), "%s", progs ? "declare it `__uint(type, "
		 "BPF_MAP_TYPE_PROG_ARRAY);`: bpf_tail_call() jumps through a program array" :
		 "declare it BPF_MAP_TYPE_PROG_ARRAY for programs, or "
		 "BPF_MAP_TYPE_ARRAY_OF_MAPS / HASH_OF_MAPS for inner maps");
	return 1;
}

/* "map 'counts': failed to create: Invalid argument(-22)": the kernel refused the map's
 * definition; the common cause is named from the definition itself. */
int vc_map_create(struct vctx *c)
{
	static const char *const arrays[] = {
		"BPF_MAP_TYPE_ARRAY)", "BPF_MAP_TYPE_PERCPU_ARRAY", "BPF_MAP_TYPE_PROG_ARRAY",
		"BPF_MAP_TYPE_PERF_EVENT_ARRAY", "BPF_MAP_TYPE_ARRAY_OF_MAPS", "BPF_MAP_TYPE_CGROUP_ARRAY",
	};
	const char *m = strstr(c->message, "bpf_create_map_xattr(");
	char name[64] = "", t[512];
	int end = 0, key = 0, type = 0, at;

	if (m)
		sscanf(m + 21, "%63[A-Za-z0-9_]", name);
	else if ((m = strstr(c->message, "map '")) && strstr(m, "failed to create"))
		sscanf(m + 5, "%63[A-Za-z0-9_]", name);
	if (!name[0])
		return 0;
	for (size_t i = 0; i < sizeof(arrays) / sizeof(arrays[0]) && !type; i++)
		type = vu_map_decl_line(c, name, arrays[i], &end);
	if (type && (key = vu_map_decl_line(c, name, "__type(key,", &end)) &&
	    vu_line(c, key, t, sizeof(t)) &&
	    (strstr(t, "32)") || strstr(t, "int)") || strstr(t, "pid_t)")))
		key = 0;   /* a 4-byte key: not the cause */
	at = key ?: vu_map_decl_line(c, name, "max_entries", &end) ?: end;
	snprintf(D->cls, sizeof(D->cls), "map-create-failed");
	snprintf(D->title, sizeof(D->title), "the kernel refused to create the map `%s`", name);
	grade_span_at(c, &D->primary, at, key ? "__type(key," : NULL);
	if (key) {
		snprintf(D->primary.label, sizeof(D->primary.label), "an array's key is its index: "
			 "4 bytes, not this type");
		snprintf(D->help, sizeof(D->help), "declare the key `__type(key, u32);` (and index "
			 "with a u32); use BPF_MAP_TYPE_HASH for keys of another size");
	} else {
		snprintf(D->primary.label, sizeof(D->primary.label), "this map's definition");
		snprintf(D->help, sizeof(D->help), "check the definition against the map type: key and "
			 "value sizes it allows (an array's key is a u32), max_entries above 0, and for "
			 "a ring buffer a power of 2 that is a multiple of the page size");
	}
	return 1;
}
