/* workload.c (exit-code): run "checker", which exits with the secret code, between decoys
 * that exit with other codes: "cleanup", and "checker2" (catches a prefix-only name check). */
#include <stdio.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(exit_code);

int exercise_exit_code_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

/* run @name, which exits with @code */
static int run_exiting(const struct workload_ctx *ctx, const char *name, int code)
{
	char spec[24];
	char *argv[] = { (char *)name, NULL };

	snprintf(spec, sizeof(spec), "exit:%d", code);
	return workload_run(ctx, name, argv, spec, code);
}

int exercise_exit_code_run(const struct workload_ctx *ctx)
{
	struct answer a;
	int code, ret;

	exercise_exit_code.answer(ctx->key, &a);
	code = (int)a.num;
	/* decoy codes: different from the answer, still in 1..250 */
	if ((ret = run_exiting(ctx, "cleanup", code % 250 + 1)))
		return ret;
	if ((ret = run_exiting(ctx, "checker", code)))
		return ret;
	return run_exiting(ctx, "checker2", (code + 100) % 250 + 1);
}
