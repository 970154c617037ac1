/* workload.c (file-owner): setup() makes run_dir/notes and run_dir/ledger and gives them
 * owners (ledger's is the answer); run() forks "backup", which fsyncs notes, then "saver",
 * which fsyncs ledger.  Both processes run as root: the owner is the file's, not theirs. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(file_owner);

static uid_t owner(uint64_t key, int ledger)
{
	struct answer a, d;

	exercise_file_owner.answer(key, &a);
	if (ledger)
		return (uid_t)a.num;
	exercise_file_owner.answer(~key, &d);
	return (uid_t)(d.num == a.num ? a.num + 1 : d.num);
}

int exercise_file_owner_setup(const struct workload_ctx *ctx)
{
	static const char *const names[] = { "notes", "ledger" };
	char path[256];

	for (int ledger = 0; ledger < 2; ledger++) {
		int fd;

		snprintf(path, sizeof(path), "%s/%s", ctx->run_dir, names[ledger]);
		if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)
			return -errno;
		if (fchown(fd, owner(ctx->key, ledger), owner(ctx->key, ledger)) < 0) {
			close(fd);
			return -errno;
		}
		close(fd);
	}
	return 0;
}

static int sync_file(const struct workload_ctx *ctx, void *arg)
{
	char path[256];
	int fd, rc = 0;

	snprintf(path, sizeof(path), "%s/%s", ctx->run_dir, (const char *)arg);
	if ((fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)) < 0)
		return -errno;
	if (write(fd, "entry\n", 6) != 6 || fsync(fd) < 0)
		rc = -EIO;
	close(fd);
	return rc;
}

int exercise_file_owner_run(const struct workload_ctx *ctx)
{
	return workload_fork(ctx, "backup", sync_file, "notes") ?:
	       workload_fork(ctx, "saver", sync_file, "ledger");
}
