/* bench_play.c: the playground in the micro-VM, in figures (medians of N runs of
 * tests/play/trace.bpf.c against `cat /etc/hostname`, each from submit, i.e. pipeline_run()
 * called, on a fresh qemu as the CLI runs it):
 *
 *   submit -> loaded        (the baseline: compile, restore, load; what any run pays)
 *   submit -> first event   (the first record, printk or output line)
 *   submit -> map dump      (the first map event, after the workload)
 *
 * with the accelerator named.  Needs root.  Usage: bench_play [runs=10] [file] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "pipeline/pipeline.h"
#include "sandbox/vm.h"

struct times {
	uint64_t t0;
	unsigned loaded, first, map;
};

static int on_event(const struct pipeline_event *ev, void *ctx)
{
	struct times *t = ctx;
	unsigned ms = (unsigned)(dojo_now_ms() - t->t0);

	if (ev->kind == PIPELINE_EV_LOADED && !t->loaded)
		t->loaded = ms;
	if ((ev->kind == PIPELINE_EV_RECORD || ev->kind == PIPELINE_EV_PRINTK ||
	     ev->kind == PIPELINE_EV_OUTPUT) && !t->first)
		t->first = ms;
	if (ev->kind == PIPELINE_EV_MAP && !t->map)
		t->map = ms;
	return 0;
}

static int cmp_u(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *what, unsigned *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_u);
	printf("%-28s median %5u ms   min %5u   max %5u   (n=%d)\n", what,
	       n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2, v[0], v[n - 1], n);
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 10;
	const char *file = argc > 2 ? argv[2] : "tests/play/trace.bpf.c";
	static char src[DOJO_MAX_SOURCE_BYTES + 1];
	struct sandbox_vm_status st;
	struct dojo_err err = { 0 };
	unsigned *loaded, *first, *map;
	FILE *f = fopen(file, "re");
	size_t len = f ? fread(src, 1, sizeof(src) - 1, f) : 0;

	if (f)
		fclose(f);
	if (!len || runs < 1) {
		fprintf(stderr, "usage: bench_play [runs] [file.bpf.c] (cannot read %s)\n", file);
		return 2;
	}
	if (sandbox_vm_status(NULL, 1, &st, &err)) {
		fprintf(stderr, "bench_play: the micro-VM is not ready: %s\n", err.msg);
		return 2;
	}
	loaded = calloc((size_t)runs, sizeof(unsigned));
	first = calloc((size_t)runs, sizeof(unsigned));
	map = calloc((size_t)runs, sizeof(unsigned));
	if (!loaded || !first || !map)
		return 2;
	printf("bench_play: %s against `cat /etc/hostname`, micro-VM, accelerator %s%s%s%s\n", file,
	       sandbox_vm_accel_name(st.accel), st.accel_why[0] ? " (" : "", st.accel_why,
	       st.accel_why[0] ? ")" : "");
	for (int i = 0; i < runs; i++) {
		struct pipeline_req req = { .source = src, .source_len = len, .filename = "trace.bpf.c",
					    .play_cmd = "cat /etc/hostname",
					    .sandbox.kind = SANDBOX_VM };
		struct pipeline_result res;
		struct times t = { .t0 = dojo_now_ms() };

		if (pipeline_run(&req, on_event, &t, &res, &err) || !t.first || !t.map) {
			fprintf(stderr, "bench_play: run %d failed: %s\n", i, err.msg[0] ? err.msg : "no event or no map");
			return 1;
		}
		loaded[i] = t.loaded;
		first[i] = t.first;
		map[i] = t.map;
	}
	report("submit -> loaded (baseline)", loaded, runs);
	report("submit -> first event", first, runs);
	report("submit -> map dump", map, runs);
	free(loaded);
	free(first);
	free(map);
	return 0;
}
