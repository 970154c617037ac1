/* workload.c (parent-name): fork a process named with the secret, which runs "payload";
 * then a decoy "launch_" process (another number) that runs "date". */
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(parent_name);

int exercise_parent_name_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

static int run_program(const struct workload_ctx *ctx, void *arg)
{
	char *name = arg;
	char *argv[] = { name, NULL };

	return workload_run(ctx, name, argv, "exit:0", 0);
}

int exercise_parent_name_run(const struct workload_ctx *ctx)
{
	struct answer a, d;
	int ret;

	exercise_parent_name.answer(ctx->key, &a);
	exercise_parent_name.answer(~ctx->key, &d);
	if ((ret = workload_fork(ctx, a.str, run_program, "payload")))
		return ret;
	return workload_fork(ctx, d.str, run_program, "date");
}
