/* bench_compile.c: median wall time of a compile, one-shot (compile_bpf(): jail + clang + PCH)
 * and through the resident compiler (compile_server_bpf()), for a small tracepoint program and
 * for one that reads task_struct, next to the floor measured in the same run: clang-19 -target
 * bpf -O2 -g -c on an empty file, outside any jail.  Runs are interleaved so that load on the
 * machine hits every figure alike.  Usage: bench_compile [RUNS] (default 20). */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include "compile/compile.h"
#include "core/clock.h"

#define CLANG "/usr/lib/llvm-19/bin/clang"

extern char **environ;

static const char small[] =
	"#include \"vmlinux.h\"\n"
	"#include <bpf/bpf_helpers.h>\n"
	"char LICENSE[] SEC(\"license\") = \"GPL\";\n"
	"SEC(\"tracepoint/sched/sched_process_exec\")\n"
	"int handle_exec(struct trace_event_raw_sched_process_exec *ctx)\n"
	"{\n"
	"\tbpf_printk(\"exec %d\", ctx->pid);\n"
	"\treturn 0;\n"
	"}\n";

static const char task[] =
	"#include \"vmlinux.h\"\n"
	"#include <bpf/bpf_helpers.h>\n"
	"#include <bpf/bpf_core_read.h>\n"
	"char LICENSE[] SEC(\"license\") = \"GPL\";\n"
	"SEC(\"tp/sched/sched_process_exec\")\n"
	"int handle_exec(struct trace_event_raw_sched_process_exec *ctx)\n"
	"{\n"
	"\tstruct task_struct *t = (struct task_struct *)bpf_get_current_task();\n"
	"\tint ppid = BPF_CORE_READ(t, real_parent, tgid);\n"
	"\tbpf_printk(\"exec %d parent %d\", ctx->pid, ppid);\n"
	"\treturn 0;\n"
	"}\n";

static double now_ms(void)
{
	return (double)dojo_now_us() / 1e3;
}

static int cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_dbl);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The floor: clang-19 compiling an empty file (stdin /dev/null, object to /dev/null). */
static double floor_run(void)
{
	char *argv[] = { CLANG, "-target", "bpf", "-O2", "-g", "-c", "-x", "c", "-", "-o", "-", NULL };
	posix_spawn_file_actions_t fa;
	double t0 = now_ms();
	pid_t pid;
	int st = 0;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	if (posix_spawn(&pid, CLANG, &fa, NULL, argv, environ))
		return -1;
	posix_spawn_file_actions_destroy(&fa);
	waitpid(pid, &st, 0);
	return WIFEXITED(st) && !WEXITSTATUS(st) ? now_ms() - t0 : -1;
}

/* One compile, one-shot (@srv NULL) or resident; its wall time in ms, or -1. */
static double compile_run(struct compile_server *srv, const char *src, size_t len)
{
	struct compile_result res;
	struct dojo_err err = { 0 };
	double t0 = now_ms();
	int ret = srv ? compile_server_bpf(srv, src, len, NULL, &res, &err) : compile_bpf(src, len, NULL, &res, &err);
	double ms = now_ms() - t0;

	if (ret || res.status != COMPILE_OK) {
		fprintf(stderr, "bench_compile: compile failed: %s %s\n", err.msg, !ret && res.raw_stderr ? res.raw_stderr : "");
		ms = -1;
	}
	if (!ret)
		compile_result_free(&res);
	return ms;
}

enum { FLOOR, ONE_SMALL, ONE_TASK, RES_SMALL, RES_TASK, NFIG };

int main(int argc, char **argv)
{
	static const char *const names[NFIG] = {
		"floor: clang-19 -target bpf -O2 -g -c, empty file",
		"one-shot compile_bpf(), small program",
		"one-shot compile_bpf(), task_struct program",
		"resident compile_server_bpf(), small program",
		"resident compile_server_bpf(), task_struct program",
	};
	int runs = argc > 1 ? atoi(argv[1]) : 20;
	double *t[NFIG], m[NFIG];
	struct compile_server *srv;
	struct dojo_err err = { 0 };

	if (runs < 1 || runs > 10000 || access(CLANG, X_OK)) {
		fprintf(stderr, "bench_compile: bad RUNS or no %s\n", CLANG);
		return 1;
	}
	srv = compile_server_new(NULL, &err);
	if (!srv) {
		fprintf(stderr, "bench_compile: %s\n", err.msg);
		return 1;
	}
	for (int f = 0; f < NFIG; f++)
		if (!(t[f] = calloc((size_t)runs, sizeof(double))))
			return 1;
	/* A warm-up round (page cache, the zygote's first fork) that is not counted. */
	for (int i = -1; i < runs; i++) {
		double v[NFIG] = {
			floor_run(),
			compile_run(NULL, small, sizeof(small) - 1),
			compile_run(NULL, task, sizeof(task) - 1),
			compile_run(srv, small, sizeof(small) - 1),
			compile_run(srv, task, sizeof(task) - 1),
		};

		for (int f = 0; f < NFIG; f++) {
			if (v[f] < 0) {
				fprintf(stderr, "bench_compile: %s failed\n", names[f]);
				compile_server_free(srv);
				return 1;
			}
			if (i >= 0)
				t[f][i] = v[f];
		}
	}
	compile_server_free(srv);
	for (int f = 0; f < NFIG; f++) {
		m[f] = median(t[f], runs);
		printf("%-52s median %6.1f ms (%d runs)\n", names[f], m[f], runs);
		free(t[f]);
	}
	printf("ratio resident small / floor: %.2f (target <= 0.6)\n", m[RES_SMALL] / m[FLOOR]);
	printf("ratio resident task_struct / floor: %.2f (target <= 1.2)\n", m[RES_TASK] / m[FLOOR]);
	printf("ratio one-shot small / floor: %.2f, one-shot task_struct / floor: %.2f\n",
	       m[ONE_SMALL] / m[FLOOR], m[ONE_TASK] / m[FLOOR]);
	return 0;
}
