/* workload.c (vault-bytes): setup() writes run_dir/vault (the answer's length) and
 * run_dir/decoy (another length); run() forks "reader", which reads decoy, vault, then decoy
 * again, each with one read(2) into a buffer bigger than any of them. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(vault_bytes);

#define READ_BUF 16384   /* what reader asks for: more than any file holds */

static size_t file_len(uint64_t key, int vault)
{
	struct answer a, d;

	exercise_vault_bytes.answer(key, &a);
	if (vault)
		return (size_t)a.num;
	exercise_vault_bytes.answer(~key, &d);
	return (size_t)(d.num == a.num ? a.num + 1 : d.num);
}

int exercise_vault_bytes_setup(const struct workload_ctx *ctx)
{
	static const char *const names[] = { "decoy", "vault" };
	char path[256], buf[READ_BUF];

	memset(buf, 'v', sizeof(buf));
	for (int vault = 0; vault < 2; vault++) {
		size_t len = file_len(ctx->key, vault);
		int fd;

		snprintf(path, sizeof(path), "%s/%s", ctx->run_dir, names[vault]);
		if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)
			return -errno;
		if (write(fd, buf, len) != (ssize_t)len) {
			close(fd);
			return -EIO;
		}
		close(fd);
	}
	return 0;
}

static int read_files(const struct workload_ctx *ctx, void *arg)
{
	static const char *const order[] = { "decoy", "vault", "decoy" };
	char path[256], buf[READ_BUF];

	(void)arg;
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		ssize_t n;
		int fd;

		snprintf(path, sizeof(path), "%s/%s", ctx->run_dir, order[i]);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			return -errno;
		n = read(fd, buf, sizeof(buf));
		close(fd);
		if (n != (ssize_t)file_len(ctx->key, i == 1))
			return -EIO;
	}
	return 0;
}

int exercise_vault_bytes_run(const struct workload_ctx *ctx)
{
	return workload_fork(ctx, "reader", read_files, NULL);
}
