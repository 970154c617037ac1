/* workload.c (argv-password): start "vault" with the secret password in argv, between two
 * decoys: "vault-backup" with another password (catches a prefix-only name check) and "date". */
#include <string.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(argv_password);

int exercise_argv_password_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

int exercise_argv_password_run(const struct workload_ctx *ctx)
{
	struct answer a, decoy;
	int ret;

	exercise_argv_password.answer(ctx->key, &a);
	exercise_argv_password.answer(~ctx->key, &decoy);
	if (strcmp(a.str, decoy.str) == 0)
		decoy.str[0] = decoy.str[0] == 'x' ? 'y' : 'x';

	char *backup[] = { "vault-backup", "--user", "backup", "--password", decoy.str, NULL };
	char *vault[] = { "vault", "--user", "learner", "--password", a.str, NULL };
	char *date[] = { "date", "+%s", NULL };

	if ((ret = workload_run(ctx, "vault-backup", backup, "exit:0", 0)))
		return ret;
	if ((ret = workload_run(ctx, "vault", vault, "exit:0", 0)))
		return ret;
	return workload_run(ctx, "date", date, "exit:0", 0);
}
