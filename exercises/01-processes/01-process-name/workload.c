/* workload.c (process-name): exec a few programs, one of them named with the secret.
 * The decoys ("date", "ls") make a program that does not filter submit more than once. */
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(process_name);

int exercise_process_name_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

int exercise_process_name_run(const struct workload_ctx *ctx)
{
	struct answer a;
	int ret;

	exercise_process_name.answer(ctx->key, &a);
	char *date[] = { "date", NULL };
	char *secret[] = { a.str, NULL };
	char *ls[] = { "ls", "-l", NULL };

	if ((ret = workload_run(ctx, "date", date, "exit:0", 0)))
		return ret;
	if ((ret = workload_run(ctx, a.str, secret, "exit:0", 0)))
		return ret;
	return workload_run(ctx, "ls", ls, "exit:0", 0);
}
