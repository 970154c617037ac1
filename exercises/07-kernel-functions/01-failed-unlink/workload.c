/* workload.c (failed-unlink): a process named "cleaner" deletes a file that exists (a decoy
 * name) and tries to delete the secret one, which does not (ENOENT), in the run's directory. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(failed_unlink);

int exercise_failed_unlink_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

static int clean(const struct workload_ctx *ctx, void *arg)
{
	const char *const *names = arg;   /* { existing, missing } */
	int fd;

	if (chdir(ctx->run_dir) < 0)
		return -errno;
	if ((fd = open(names[0], O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) < 0)
		return -errno;
	close(fd);
	if (unlink(names[0]) < 0)
		return -errno;
	return unlink(names[1]) < 0 && errno == ENOENT ? 0 : -EEXIST;
}

int exercise_failed_unlink_run(const struct workload_ctx *ctx)
{
	struct answer a, d;

	exercise_failed_unlink.answer(ctx->key, &a);
	exercise_failed_unlink.answer(~ctx->key, &d);
	d.str[0] = d.str[0] == a.str[0] ? (a.str[0] == 'x' ? 'y' : 'x') : d.str[0];
	const char *names[] = { d.str, a.str };

	return workload_fork(ctx, "cleaner", clean, names);
}
