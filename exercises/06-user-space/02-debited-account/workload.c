/* workload.c (debited-account): run() starts dojo-ledger (this folder's dojo-ledger.c, the
 * guest's /bin/dojo-ledger, found through PATH as libbpf finds it) and writes it one transfer
 * on its stdin: the credit of one account, then the debit of the secret one.  dojo-ledger fires
 * its USDT probe ledger:post(account, cents) for each posting. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(debited_account);

void exercise_debited_account_credited(uint64_t key, char out[9]);
long exercise_debited_account_cents(uint64_t key);

#define LEDGER_BIN "dojo-ledger"

int exercise_debited_account_setup(const struct workload_ctx *ctx)
{
	char path[PATH_MAX];

	(void)ctx;
	/* a missing program is the guest's fault, said before anything is loaded */
	return workload_find_bin(LEDGER_BIN, path, sizeof(path));
}

int exercise_debited_account_run(const struct workload_ctx *ctx)
{
	char path[PATH_MAX], credited[9], postings[96];
	char *const argv[] = { (char *)LEDGER_BIN, NULL };
	struct answer a;
	long cents = exercise_debited_account_cents(ctx->key);
	int fds[2], len, ret, status;
	pid_t pid;

	exercise_debited_account.answer(ctx->key, &a);
	exercise_debited_account_credited(ctx->key, credited);
	if ((ret = workload_find_bin(LEDGER_BIN, path, sizeof(path))))
		return ret;
	len = snprintf(postings, sizeof(postings), "%s %ld\n%s -%ld\n", credited, cents, a.str,
		       cents);
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -errno;
	if ((pid = fork()) < 0) {
		ret = -errno;
		close(fds[0]);
		close(fds[1]);
		return ret;
	}
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (dup2(fds[0], STDIN_FILENO) < 0)
			_exit(126);
		execv(path, argv);
		_exit(127);
	}
	close(fds[0]);
	ret = write(fds[1], postings, (size_t)len) == len ? 0 : -EIO;
	close(fds[1]);
	status = workload_wait(pid);
	if (status < 0)
		return status;
	return ret ? ret : status == 0 ? 0 : -ECHILD;
}
