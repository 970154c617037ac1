// An iterator's program is called once more after the last object, with the object NULL (so it
// can print a footer): the map is read without a check.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("iter/bpf_map")
int dump_maps(struct bpf_iter__bpf_map *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct bpf_map *map = ctx->map;
	u32 id;

	id = map->id;
	BPF_SEQ_PRINTF(seq, "map %u\n", id);
	return 0;
}
