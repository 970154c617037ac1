/* bench_run.c: how long a learner waits, in figures.
 *
 * Runs one exercise's reference solution N times (default 20) end to end in host mode and
 * prints the median compile time and the median end-to-end time (start of compile to
 * verdict), next to the floor measured in the same run: the median time of clang-19
 * compiling an empty file for -target bpf.  Needs root.  Usage:
 *   bench_run [exercise] [runs] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "core/clock.h"
#include "pipeline/pipeline.h"

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

static double now_ms(void)
{
	return (double)dojo_now_us() / 1e3;
}

/* clang-19 -target bpf -c on an empty file, output to a private temporary file. */
static int clang_empty_ms(unsigned *ms)
{
	char dir[] = "/tmp/bpfdojo-bench-XXXXXX", cmd[256];
	double t0;
	int rc;

	if (!mkdtemp(dir))
		return -1;
	snprintf(cmd, sizeof(cmd), ": > %s/e.c && cd %s && clang-19 -target bpf -O2 -g -c e.c -o e.o", dir, dir);
	t0 = now_ms();
	rc = system(cmd);
	*ms = (unsigned)(now_ms() - t0);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd))
		return -1;
	return rc;
}

int main(int argc, char **argv)
{
	const char *id = argc > 1 ? argv[1] : "process-name";
	int runs = argc > 2 ? atoi(argv[2]) : 20;
	const struct exercise *ex = exercise_find(id);
	unsigned *compile = calloc((size_t)runs, sizeof(unsigned));
	unsigned *total = calloc((size_t)runs, sizeof(unsigned));
	unsigned *floor_ms = calloc((size_t)runs, sizeof(unsigned));
	int correct = 0;

	if (!ex || runs < 1 || !compile || !total || !floor_ms) {
		fprintf(stderr, "usage: bench_run [exercise] [runs]\n");
		return 3;
	}
	for (int i = 0; i < runs; i++) {
		struct pipeline_req req = { .exercise = id, .source = ex->solution,
					    .source_len = strlen(ex->solution) };
		struct pipeline_result res;
		struct dojo_err err = { 0 };

		req.sandbox.kind = SANDBOX_HOST;
		if (pipeline_run(&req, NULL, NULL, &res, &err)) {
			fprintf(stderr, "bench_run: %s\n", err.msg);
			return 3;
		}
		correct += res.verdict == GRADE_CORRECT;
		compile[i] = res.compile_ms;
		total[i] = res.verdict_ms;
		if (clang_empty_ms(&floor_ms[i])) {
			fprintf(stderr, "bench_run: clang-19 failed on an empty file\n");
			return 3;
		}
	}
	printf("exercise %s, %d runs (host sandbox), %d CORRECT\n", id, runs, correct);
	printf("  floor: clang-19 on an empty file   median %4u ms\n", median(floor_ms, runs));
	printf("  compile (through the jail + PCH)   median %4u ms\n", median(compile, runs));
	printf("  end to end (compile to verdict)    median %4u ms\n", median(total, runs));
	free(compile);
	free(total);
	free(floor_ms);
	return correct == runs ? 0 : 1;
}
