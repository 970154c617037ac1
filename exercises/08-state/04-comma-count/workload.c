/* workload.c (comma-count): "csvwriter" writes one line of COMMA_LINE bytes with the secret
 * number of commas spread through it; "noisy" writes a line with another number. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(comma_count);

#define COMMA_LINE 512

int exercise_comma_count_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

/* Write COMMA_LINE bytes: exactly *arg commas (position j is one when j*7919 mod 512, a
 * permutation of 0..511, is below the count), letters elsewhere, a newline last. */
static int write_line(const struct workload_ctx *ctx, void *arg)
{
	unsigned commas = *(const unsigned *)arg;
	char line[COMMA_LINE];
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);

	(void)ctx;
	if (fd < 0)
		return -errno;
	for (unsigned j = 0; j < COMMA_LINE; j++)
		line[j] = (j * 7919u) % COMMA_LINE < commas ? ',' : (char)('a' + j % 26);
	if (line[COMMA_LINE - 1] != ',')
		line[COMMA_LINE - 1] = '\n';
	if (write(fd, line, sizeof(line)) != (ssize_t)sizeof(line)) {
		close(fd);
		return -EIO;
	}
	close(fd);
	return 0;
}

int exercise_comma_count_run(const struct workload_ctx *ctx)
{
	struct answer a;
	unsigned n, noise;
	int ret;

	exercise_comma_count.answer(ctx->key, &a);
	n = (unsigned)a.num;
	noise = 40 + (n * 13 + 7) % 400;
	if (noise == n)
		noise++;
	if ((ret = workload_fork(ctx, "noisy", write_line, &noise)))
		return ret;
	return workload_fork(ctx, "csvwriter", write_line, &n);
}
