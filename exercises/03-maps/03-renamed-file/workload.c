/* workload.c (renamed-file): setup() makes run_dir/draft and run_dir/scratch; run() forks
 * "tidy", which renames scratch to a decoy name, then "mover", which renames draft to the
 * answer, each with the rename system call itself (glibc's rename() may pick renameat2). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(renamed_file);

struct move {
	const char *from;
	char to[ANSWER_STR_MAX];
};

int exercise_renamed_file_setup(const struct workload_ctx *ctx)
{
	static const char *const names[] = { "draft", "scratch" };
	char path[256];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		int fd;

		snprintf(path, sizeof(path), "%s/%s", ctx->run_dir, names[i]);
		if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)
			return -errno;
		close(fd);
	}
	return 0;
}

static int move_file(const struct workload_ctx *ctx, void *arg)
{
	const struct move *m = arg;

	if (chdir(ctx->run_dir) < 0)
		return -errno;
	return syscall(SYS_rename, m->from, m->to) < 0 ? -errno : 0;
}

int exercise_renamed_file_run(const struct workload_ctx *ctx)
{
	struct answer a, d;
	struct move draft = { .from = "draft" }, scratch = { .from = "scratch" };

	exercise_renamed_file.answer(ctx->key, &a);
	exercise_renamed_file.answer(~ctx->key, &d);
	d.str[0] = d.str[0] == a.str[0] ? (a.str[0] == 'x' ? 'y' : 'x') : d.str[0];
	snprintf(draft.to, sizeof(draft.to), "%s", a.str);
	snprintf(scratch.to, sizeof(scratch.to), "%s", d.str);
	return workload_fork(ctx, "tidy", move_file, &scratch) ?:
	       workload_fork(ctx, "mover", move_file, &draft);
}
