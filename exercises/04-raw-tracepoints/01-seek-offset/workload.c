/* workload.c (seek-offset): "seeker" opens /dev/null and calls lseek() once with the secret
 * offset; "scanner" calls lseek() with another. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(seek_offset);

int exercise_seek_offset_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

static int seek_once(const struct workload_ctx *ctx, void *arg)
{
	off_t off = *(const off_t *)arg;
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	(void)ctx;
	if (fd < 0)
		return -errno;
	if (lseek(fd, off, SEEK_SET) < 0)
		return -errno;
	close(fd);
	return 0;
}

int exercise_seek_offset_run(const struct workload_ctx *ctx)
{
	struct answer a;
	off_t off, other;
	int ret;

	exercise_seek_offset.answer(ctx->key, &a);
	off = (off_t)a.num;
	other = (off_t)(a.num / 2 + 17);
	if ((ret = workload_fork(ctx, "scanner", seek_once, &other)))
		return ret;
	return workload_fork(ctx, "seeker", seek_once, &off);
}
