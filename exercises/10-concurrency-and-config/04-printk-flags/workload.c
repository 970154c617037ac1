/* workload.c (printk-flags): "opener", in run_dir, opens a file that exists (setup made it),
 * creates "draft-..." (O_CREAT|O_TRUNC) and "log-..." (O_CREAT|O_APPEND), creates the secret
 * file with O_CREAT|O_EXCL, and opens the draft again; the order of the files and their
 * other names come from the key. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(printk_flags);

#define NOTES "notes.txt"

struct opening {
	char name[ANSWER_STR_MAX];
	int flags;
};

static int open_all(const struct workload_ctx *ctx, void *arg)
{
	const struct opening *o = arg;

	if (chdir(ctx->run_dir) < 0)
		return -errno;
	for (int i = 0; o[i].name[0]; i++) {
		int fd = open(o[i].name, o[i].flags | O_CLOEXEC, 0600);

		if (fd < 0)
			return -errno;
		close(fd);
	}
	return 0;
}

int exercise_printk_flags_setup(const struct workload_ctx *ctx)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/" NOTES, ctx->run_dir);
	if (!(f = fopen(path, "we")))
		return -errno;
	fputs("nothing to see\n", f);
	return fclose(f) ? -EIO : 0;
}

int exercise_printk_flags_run(const struct workload_ctx *ctx)
{
	struct opening o[7] = { 0 };
	uint64_t r = exercise_mix(ctx->key, 0x6f70656e6572ull);
	struct answer a;
	int n = 0, first = r & 1;

	exercise_printk_flags.answer(ctx->key, &a);
	snprintf(o[n].name, sizeof(o[n].name), NOTES);
	o[n++].flags = O_RDONLY;
	/* one created file before the secret always, the other before or after it */
	snprintf(o[n].name, sizeof(o[n].name), first ? "draft-%04x" : "log-%04x", (unsigned)(r >> 8) & 0xffff);
	o[n++].flags = O_WRONLY | O_CREAT | (first ? O_TRUNC : O_APPEND);
	snprintf(o[n].name, sizeof(o[n].name), "%s", a.str);
	o[n++].flags = O_WRONLY | O_CREAT | O_EXCL;
	snprintf(o[n].name, sizeof(o[n].name), first ? "log-%04x" : "draft-%04x", (unsigned)(r >> 24) & 0xffff);
	o[n++].flags = O_WRONLY | O_CREAT | (first ? O_APPEND : O_TRUNC);
	snprintf(o[n].name, sizeof(o[n].name), "%s", o[1].name);
	o[n++].flags = O_RDONLY;
	return workload_fork(ctx, "opener", open_all, o);
}
