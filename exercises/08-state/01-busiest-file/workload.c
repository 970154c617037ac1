/* workload.c (busiest-file): "fdwriter" opens six files and writes to each a different number
 * of times, the third one the secret number of times (the most); "noisy" first writes to its
 * own first file more than that, so counting every process's writes gives another answer. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(busiest_file);

#define NFILES 6

struct plan {
	unsigned counts[NFILES];
};

int exercise_busiest_file_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

static int write_files(const struct workload_ctx *ctx, void *arg)
{
	const struct plan *p = arg;
	int fds[NFILES];
	char path[256];

	for (int i = 0; i < NFILES; i++) {
		snprintf(path, sizeof(path), "%s/file%d-%d", ctx->run_dir, i, (int)getpid());
		if ((fds[i] = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0)
			return -errno;
	}
	for (int i = 0; i < NFILES; i++)
		for (unsigned k = 0; k < p->counts[i]; k++)
			if (write(fds[i], "x", 1) != 1)
				return -EIO;
	for (int i = 0; i < NFILES; i++)
		close(fds[i]);
	return 0;
}

int exercise_busiest_file_run(const struct workload_ctx *ctx)
{
	struct plan writer, noise = { { 0 } };
	struct answer a;
	uint64_t v = exercise_mix(ctx->key, 0x66647772697465ull);
	unsigned n;
	int ret;

	exercise_busiest_file.answer(ctx->key, &a);
	n = (unsigned)a.num;
	for (int i = 0; i < NFILES; i++, v >>= 8)
		writer.counts[i] = 5 + (unsigned)(v % 50);   /* < 60 <= n */
	writer.counts[2] = n;
	noise.counts[0] = n + 1 + (unsigned)(v % 40);
	if ((ret = workload_fork(ctx, "noisy", write_files, &noise)))
		return ret;
	return workload_fork(ctx, "fdwriter", write_files, &writer);
}
