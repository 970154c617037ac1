/* workload.c (long-name): exec the program with the long secret name, between "date" and a
 * decoy with another long name whose comm differs ("nightly-cleanup-..."). */
#include <stdio.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(long_name);

int exercise_long_name_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

int exercise_long_name_run(const struct workload_ctx *ctx)
{
	struct answer a, d;
	char decoy[40];
	int ret;

	exercise_long_name.answer(ctx->key, &a);
	exercise_long_name.answer(~ctx->key, &d);
	snprintf(decoy, sizeof(decoy), "nightly-cleanup-%.8s", d.str + 15);
	char *date[] = { "date", NULL };
	char *cleanup[] = { decoy, NULL };
	char *report[] = { a.str, "--all", NULL };

	if ((ret = workload_run(ctx, "date", date, "exit:0", 0)))
		return ret;
	if ((ret = workload_run(ctx, decoy, cleanup, "exit:0", 0)))
		return ret;
	return workload_run(ctx, a.str, report, "exit:0", 0);
}
