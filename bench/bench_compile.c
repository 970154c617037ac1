/* bench_compile.c: median wall time of compile_bpf() on a small tracepoint program (jail, PCH and
 * all), next to the floor measured in the same run: clang-19 compiling an empty file, directly
 * and inside the jail.  Prints one line per figure.  Usage: bench_compile [RUNS] (default 20). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compile/compile.h"
#include "compile/internal.h"

static const char tiny[] =
	"#include \"vmlinux.h\"\n"
	"#include <bpf/bpf_helpers.h>\n"
	"char LICENSE[] SEC(\"license\") = \"GPL\";\n"
	"SEC(\"tracepoint/sched/sched_process_exec\")\n"
	"int handle_exec(struct trace_event_raw_sched_process_exec *ctx)\n"
	"{\n"
	"\tbpf_printk(\"exec %d\", ctx->pid);\n"
	"\treturn 0;\n"
	"}\n";

static int cmp_uns(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return x < y ? -1 : x > y;
}

static unsigned median(unsigned *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_uns);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One clang run on an empty stdin, in the jail (no PCH) or not; its wall time in ms, or -1. */
static int empty_run(const struct dojo_paths *paths, bool jail)
{
	static const char *const args[] = { "-target", "bpf", "-O2", "-g", "-c", "-x", "c", "-", "-o", "-", NULL };
	const char *direct[12] = { compile_jail_clang() };
	char *envp[] = { NULL }, **argv = NULL;
	struct compile_proc p = { .out_max = 1 << 20, .err_max = 1 << 16, .timeout_ms = 10000 };
	struct dojo_err err = { 0 };
	int ms = -1;

	if (jail) {
		if (compile_jail_argv(paths, NULL, args, &argv, &err))
			return -1;
	} else {
		memcpy(direct + 1, args, sizeof(args));
		argv = (char **)direct;
	}
	if (!compile_proc_run(argv, envp, &p, &err) && !p.timed_out)
		ms = (int)p.elapsed_ms;
	compile_proc_free(&p);
	if (jail)
		free(argv);
	return ms;
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 20;
	unsigned *t_comp, *t_floor, *t_jail;
	struct dojo_paths paths;
	struct dojo_err err = { 0 };

	if (runs < 1 || runs > 10000 || dojo_paths_init(&paths, &err) || !compile_jail_clang()) {
		fprintf(stderr, "bench_compile: %s\n", err.msg[0] ? err.msg : "bad RUNS or no clang-19");
		return 1;
	}
	t_comp = calloc((size_t)runs, sizeof(unsigned));
	t_floor = calloc((size_t)runs, sizeof(unsigned));
	t_jail = calloc((size_t)runs, sizeof(unsigned));
	if (!t_comp || !t_floor || !t_jail)
		return 1;
	/* Interleave the three so that load on the machine hits them alike. */
	for (int i = 0; i < runs; i++) {
		struct compile_opts opts = { .paths = &paths };
		struct compile_result res;
		int a, b, ret = compile_bpf(tiny, sizeof(tiny) - 1, &opts, &res, &err);

		if (ret || res.status != COMPILE_OK) {
			fprintf(stderr, "bench_compile: compile failed: %s %s\n", err.msg, res.raw_stderr ? res.raw_stderr : "");
			return 1;
		}
		t_comp[i] = res.elapsed_ms;
		compile_result_free(&res);
		a = empty_run(&paths, false);
		b = empty_run(&paths, true);
		if (a < 0 || b < 0) {
			fprintf(stderr, "bench_compile: the empty-file run failed\n");
			return 1;
		}
		t_floor[i] = (unsigned)a;
		t_jail[i] = (unsigned)b;
	}
	printf("compile_bpf tiny tracepoint (jail + PCH): median %u ms over %d runs\n", median(t_comp, runs), runs);
	printf("floor: clang-19 on an empty file:         median %u ms\n", median(t_floor, runs));
	printf("floor: same, inside the jail:             median %u ms\n", median(t_jail, runs));
	free(t_comp);
	free(t_floor);
	free(t_jail);
	return 0;
}
