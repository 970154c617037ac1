/* workload.c (created-file): a process named "archiver" opens two files to read (its
 * configuration and a list) and creates one, the secret; a decoy "indexer" creates another.
 * All in the run's private directory, by relative names. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(created_file);

int exercise_created_file_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

/* open @names in run_dir: the ones before @create read-only (created first if need be, by
 * the parent: see below), @create with O_CREAT */
static int open_files(const struct workload_ctx *ctx, void *arg)
{
	const char *const *names = arg;
	int fd;

	if (chdir(ctx->run_dir) < 0)
		return -errno;
	for (int i = 0; names[i]; i++) {
		int create = names[i + 1] == NULL;

		fd = openat(AT_FDCWD, names[i], create ? O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC :
			    O_RDONLY | O_CLOEXEC, 0644);
		if (fd < 0)
			return -errno;
		close(fd);
	}
	return 0;
}

static int touch(const struct workload_ctx *ctx, const char *name)
{
	char path[4096];
	int fd;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", ctx->run_dir, name) >= sizeof(path))
		return -ENAMETOOLONG;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) < 0)
		return -errno;
	close(fd);
	return 0;
}

int exercise_created_file_run(const struct workload_ctx *ctx)
{
	struct answer a, d;
	int ret;

	exercise_created_file.answer(ctx->key, &a);
	exercise_created_file.answer(~ctx->key, &d);
	if (!strcmp(a.str, d.str))
		d.str[0] = d.str[0] == 'x' ? 'y' : 'x';
	const char *archiver[] = { "archiver.conf", "files.list", a.str, NULL };
	const char *indexer[] = { "files.list", d.str, NULL };

	if ((ret = touch(ctx, "archiver.conf")) || (ret = touch(ctx, "files.list")))
		return ret;
	if ((ret = workload_fork(ctx, "indexer", open_files, indexer)))
		return ret;
	return workload_fork(ctx, "archiver", open_files, archiver);
}
