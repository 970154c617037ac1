/* dojo_compat.h: read right after libbpf's headers by every compile (the precompiled header and
 * the resident compiler's prelude, src/compile/compile.c), never by the learner directly.
 *
 * With a precompiled header, clang-19 emits no BTF for an extern kfunc declared in the header
 * that the learner's code reaches only through a cleanup() attribute, so libbpf refuses the
 * object: "failed to find BTF for extern 'bpf_iter_num_destroy'".  libbpf's bpf_for() and
 * bpf_repeat() reach bpf_iter_num_destroy() that way (and name it once more to make clang
 * describe it, which the precompiled header defeats).  Here their cleanup is a wrapper that
 * calls it: a call clang does describe.  The loops are libbpf's otherwise: the same iterator,
 * the same bounds check that tells the verifier the range of the counter. */
#ifndef DOJO_COMPAT_H
#define DOJO_COMPAT_H

#ifdef bpf_for
static __always_inline void dojo_iter_num_end(struct bpf_iter_num *it)
{
	bpf_iter_num_destroy(it);
}

#undef bpf_for
#define bpf_for(i, start, end)									\
	for (struct bpf_iter_num ___it __attribute__((aligned(8), cleanup(dojo_iter_num_end))),	\
	     *___p __attribute__((unused)) = (bpf_iter_num_new(&___it, (start), (end)), (void *)0); \
	     ({ int *___t = bpf_iter_num_next(&___it);						\
		___t && ((i) = *___t, (i) >= (start) && (i) < (end)); });)

#undef bpf_repeat
#define bpf_repeat(n)										\
	for (struct bpf_iter_num ___it __attribute__((aligned(8), cleanup(dojo_iter_num_end))),	\
	     *___p __attribute__((unused)) = (bpf_iter_num_new(&___it, 0, (n)), (void *)0);	\
	     bpf_iter_num_next(&___it);)
#endif

#endif
