/* workload.c (last-writer): NOISE processes named "w-noise" write a few times each and exit,
 * then "w-keeper" writes the secret number of times: a per-process map that nobody cleans
 * is full by then unless it forgets old entries. */
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(last_writer);

#define NOISE 40

int exercise_last_writer_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

int exercise_last_writer_run(const struct workload_ctx *ctx)
{
	struct answer a;
	unsigned n, noise;
	int ret;

	exercise_last_writer.answer(ctx->key, &a);
	n = (unsigned)a.num;
	for (unsigned i = 0; i < NOISE; i++) {
		noise = 1 + (n + i) % 5;
		if ((ret = workload_fork(ctx, "w-noise", workload_write_null, &noise)))
			return ret;
	}
	return workload_fork(ctx, "w-keeper", workload_write_null, &n);
}
