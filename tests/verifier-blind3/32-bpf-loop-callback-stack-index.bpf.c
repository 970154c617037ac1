// After the kernel selftests' bpf_loop programs (a callback filling the caller's buffer): the
// callback indexes the caller's stack array with the loop index, which the verifier does not
// know to be below nr_loops.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define NVALS 16

struct fill_ctx {
	u64 seed;
	u64 vals[NVALS];
};

static int fill_cb(u32 i, void *data)
{
	struct fill_ctx *f = data;

	f->seed = f->seed * 6364136223846793005ULL + 1442695040888963407ULL;
	f->vals[i] = f->seed >> 33; // expect-line
	return 0;
}

SEC("raw_tp/sys_enter")
int fill_vals(void *ctx)
{
	struct fill_ctx f = { .seed = bpf_get_prandom_u32() };

	bpf_loop(NVALS, fill_cb, &f, 0);
	SUBMIT_NUM(f.vals[NVALS - 1]);
	return 0;
}
