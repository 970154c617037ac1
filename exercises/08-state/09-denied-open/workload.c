/* workload.c (denied-open): setup() makes run_dir/secret-<token> and
 * run_dir/fallback-<the answer>; run() forks "opener", which opens the secret file and, only
 * when that open is denied (EPERM or EACCES), opens the fallback instead. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(denied_open);

static void file_path(const struct workload_ctx *ctx, int fallback, char *out, size_t cap)
{
	struct answer a;

	exercise_denied_open.answer(fallback ? ctx->key : ~ctx->key, &a);
	snprintf(out, cap, "%s/%s-%s", ctx->run_dir, fallback ? "fallback" : "secret", a.str);
}

int exercise_denied_open_setup(const struct workload_ctx *ctx)
{
	char path[256];

	for (int fallback = 0; fallback < 2; fallback++) {
		int fd;

		file_path(ctx, fallback, path, sizeof(path));
		if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)
			return -errno;
		if (write(fd, "x\n", 2) != 2) {
			close(fd);
			return -EIO;
		}
		close(fd);
	}
	return 0;
}

static int open_files(const struct workload_ctx *ctx, void *arg)
{
	char path[256];
	int fd;

	(void)arg;
	file_path(ctx, 0, path, sizeof(path));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
		close(fd);   /* not denied: no fallback */
		return 0;
	}
	if (errno != EPERM && errno != EACCES)
		return -errno;
	file_path(ctx, 1, path, sizeof(path));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return errno == EPERM || errno == EACCES ? 0 : -errno;
	close(fd);
	return 0;
}

int exercise_denied_open_run(const struct workload_ctx *ctx)
{
	return workload_fork(ctx, "opener", open_files, NULL);
}
