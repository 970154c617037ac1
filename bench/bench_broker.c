/* bench_broker.c: what privilege separation costs a run.
 *
 * Compiles one exercise's solution once, then runs it N times (default 20) per sandbox kind
 * (host, vm) with sandbox_run(), first directly as root (in a child: the floor), then through
 * the sandbox broker from this process after it dropped to nobody.  Prints, per kind and way,
 * the median time to a ready guest (sandbox_start) and of the whole run (start to free), both
 * measured in the same invocation.  Needs root.  Usage:  bench_broker [runs] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "compile/compile.h"
#include "core/clock.h"
#include "pipeline/pipeline.h"
#include "sandbox/sandbox.h"

static int cmp_uint(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return x < y ? -1 : x > y;
}

static unsigned median(unsigned *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_uint);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* @runs runs of @job in @kind: the medians, printed as one line. */
static int measure(const char *way, enum sandbox_kind kind, const struct sandbox_job *job, int runs)
{
	struct sandbox_opts o = { .kind = kind };
	unsigned *start = calloc((size_t)runs, sizeof(unsigned));
	unsigned *total = calloc((size_t)runs, sizeof(unsigned));
	struct dojo_err err = { 0 };
	int failed = 0;

	if (!start || !total)
		return -1;
	for (int i = 0; i < runs; i++) {
		struct sandbox_stats st;
		uint64_t t0 = dojo_now_us();

		if (sandbox_run(job, &o, NULL, NULL, &st, &err)) {
			fprintf(stderr, "bench_broker: %s %s: %s\n", way, sandbox_kind_name(kind), err.msg);
			failed++;
		}
		total[i] = (unsigned)((dojo_now_us() - t0) / 1000);
		start[i] = st.start_ms;
	}
	printf("%-8s %-4s runs %d  failed %d  median start %u ms  median run %u ms\n", way,
	       sandbox_kind_name(kind), runs, failed, median(start, runs), median(total, runs));
	fflush(stdout);
	free(start);
	free(total);
	return failed ? -1 : 0;
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 20, ws = 0, rc = 0;
	const struct exercise *ex = exercise_at(0);
	struct compile_result obj = { 0 };
	struct dojo_err err = { 0 };
	struct sandbox_job job;
	pid_t pid;

	if (runs < 1 || geteuid() != 0) {
		fprintf(stderr, "usage: bench_broker [runs], as root\n");
		return 2;
	}
	if (compile_bpf(ex->solution, strlen(ex->solution), NULL, &obj, &err) || obj.status != COMPILE_OK) {
		fprintf(stderr, "bench_broker: compile: %s\n", err.msg);
		return 1;
	}
	job = (struct sandbox_job){ .exercise = ex->id, .key = 1, .obj = obj.obj, .obj_len = obj.obj_len };
	printf("bench_broker: %s, %d runs per line (a child as root first: the floor)\n", ex->id, runs);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(measure("direct", SANDBOX_HOST, &job, runs) | measure("direct", SANDBOX_VM, &job, runs) ? 1 : 0);
	if (pid < 0 || waitpid(pid, &ws, 0) != pid || !WIFEXITED(ws) || WEXITSTATUS(ws))
		rc = 1;
	if (sandbox_broker_start(NULL, &err) || sandbox_drop_privileges("nobody", &err)) {
		fprintf(stderr, "bench_broker: %s\n", err.msg);
		return 1;
	}
	rc |= measure("broker", SANDBOX_HOST, &job, runs) | measure("broker", SANDBOX_VM, &job, runs) ? 1 : 0;
	compile_result_free(&obj);
	return rc;
}
