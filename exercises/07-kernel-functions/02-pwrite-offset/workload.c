/* workload.c (pwrite-offset): a process named "journal" writes one byte with pwrite64() at
 * the secret offset of a (sparse) file in the run's directory; "archiver" writes elsewhere. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(pwrite_offset);

int exercise_pwrite_offset_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

static int write_at(const struct workload_ctx *ctx, void *arg)
{
	off_t off = *(const off_t *)arg;
	char path[4096];
	int fd, ret = 0;

	if ((size_t)snprintf(path, sizeof(path), "%s/journal.db", ctx->run_dir) >= sizeof(path))
		return -ENAMETOOLONG;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) < 0)
		return -errno;
	if (pwrite(fd, "j", 1, off) != 1)
		ret = -errno;
	close(fd);
	unlink(path);
	return ret;
}

int exercise_pwrite_offset_run(const struct workload_ctx *ctx)
{
	struct answer a;
	off_t off, other;
	int ret;

	exercise_pwrite_offset.answer(ctx->key, &a);
	off = (off_t)a.num;
	other = (off_t)(a.num / 3 + 1);
	if ((ret = workload_fork(ctx, "archiver", write_at, &other)))
		return ret;
	return workload_fork(ctx, "journal", write_at, &off);
}
