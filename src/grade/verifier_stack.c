/* verifier_stack.c: the rows of the class table about the stack across calls: a chain of
 * calls whose frames together pass 512 bytes ("combined stack size of N calls"), and a tail
 * call made from a function with too much stack above it.  Both are found after the walk, at
 * no instruction, so they are explained from the source: the big local arrays, the calls that
 * stack one frame on another, and the tail call. */
#include <stdio.h>
#include <string.h>
#include "verifier_util.h"

#define D (c->d)
#define STACK_BIG_ARRAY 64   /* bytes: a local array this large is worth pointing at */

/* The bytes of the local array declared on @line ("char buf[320];"), 0 if it declares none. */
static long local_array_bytes(const struct vctx *c, int line)
{
	char t[512], name[64];
	const char *b;
	long bytes = 0;
	int def;

	/* `char buf[N];` or `char buf[N] = {};`, not `x = buf[3];` nor `buf[3] = x;` */
	if (!vu_line(c, line, t, sizeof(t)) || !(b = strchr(t, '[')) || !strchr(t, ';') ||
	    strstr(t, "__uint") || strstr(t, "__type") || (strchr(t, '=') && strchr(t, '=') < b) ||
	    !memchr(t, ' ', (size_t)(b - t)) || !(def = vu_enclosing_func(c, line)) || def == line)
		return 0;
	if (sscanf(b, "[%ld]", &bytes) != 1 && sscanf(b, "[%63[A-Za-z0-9_]]", name) == 1)
		bytes = vu_define_value(c, name, line);   /* char buf[BUF_LEN]; */
	return bytes;
}

int vc_combined_stack(struct vctx *c)
{
	const char *e = vu_err(c, "combined stack size");
	int calls = 0, size = 0, n = 0;
	char t[512];

	if (!e)
		return 0;
	sscanf(e, "combined stack size of %d calls is %d", &calls, &size);
	snprintf(D->cls, sizeof(D->cls), "stack-too-large");
	snprintf(D->title, sizeof(D->title), "%d nested calls use %d bytes of stack; the limit is 512",
		 calls, size);
	grade_span_at(c, &D->primary, vu_fail_line(c), "");
	snprintf(D->primary.label, sizeof(D->primary.label), "the deepest call");
	snprintf(D->help, sizeof(D->help), "move big buffers into a per-CPU array map "
		 "(BPF_MAP_TYPE_PERCPU_ARRAY with one entry) instead of local arrays");
	if (D->primary.line)
		return 1;
	/* found after the walk, at no instruction: the big local arrays of the chain, each with
	 * the call that puts its frame on top of its caller's */
	for (int l = 1; vu_line(c, l, t, sizeof(t)) && n < 1 + GRADE_DIAG_MAX_SECONDARY; l++) {
		long bytes = local_array_bytes(c, l);
		int def = vu_enclosing_func(c, l), call = 0;
		char fn[64] = "";
		struct grade_span *sp;

		if (bytes < STACK_BIG_ARRAY)
			continue;
		if (vu_func_name(c, def, fn, sizeof(fn)))
			call = vu_call_of(c, fn, def);
		sp = n++ ? grade_diag_secondary(D) : &D->primary;
		grade_span_at(c, sp, l, "");
		snprintf(sp->label, sizeof(sp->label), "%s%ld bytes on the stack of %s%s%s",
			 n == 1 ? "" : "and ", bytes, fn[0] ? "`" : "one call", fn, fn[0] ? "()`" : "");
		if (call && n++ < 1 + GRADE_DIAG_MAX_SECONDARY) {
			grade_secondary_at(c, call, fn, "calls %s(): its frame goes on top of this "
					   "one's", fn);
		}
	}
	return 1;
}

/* "tail_calls are not allowed when call stack of previous frames is 304 bytes. Too large":
 * a tail call from a subprogram keeps the frames above it, so they must stay under 256
 * bytes. */
int vc_tail_call_stack(struct vctx *c)
{
	const char *e = vu_err(c, "tail_calls are not allowed when call stack of previous frames");
	int bytes = 0, tail, def, call = 0;
	char fn[64] = "";

	if (!e)
		return 0;
	sscanf(strstr(e, "frames is ") ?: "", "frames is %d", &bytes);
	tail = vu_call_of(c, "bpf_tail_call", 0);
	def = tail ? vu_enclosing_func(c, tail) : 0;
	if (def && vu_func_name(c, def, fn, sizeof(fn)))
		call = vu_call_of(c, fn, def);
	snprintf(D->cls, sizeof(D->cls), "tail-call-stack-too-large");
	snprintf(D->title, sizeof(D->title), "a tail call from `%s()` with %d bytes of stack in the "
		 "frames above it: the limit there is 256", fn[0] ? fn : "a function", bytes);
	grade_span_at(c, &D->primary, tail, "bpf_tail_call");
	snprintf(D->primary.label, sizeof(D->primary.label), "a tail call from a function of its "
		 "own keeps its callers' frames");
	if (call) {
		grade_secondary_at(c, call, fn, "called here, from a frame that holds too much stack");
	}
	for (int l = call ? vu_enclosing_func(c, call) : 0, end = call; l && l < end; l++)
		if (local_array_bytes(c, l) >= STACK_BIG_ARRAY) {
			grade_secondary_at(c, l, "", "%ld bytes of that", local_array_bytes(c, l));
			break;
		}
	snprintf(D->help, sizeof(D->help), "make the tail call from the program's own function, or "
		 "keep the callers' stack under 256 bytes (move big buffers into a per-CPU array map)");
	return 1;
}
