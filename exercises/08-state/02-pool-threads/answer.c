/* answer.c (pool-threads): how many threads the process "pool" has (8..307), derived from
 * the key.  workload.c starts pool with that many threads before the program is loaded. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(pool_threads);

static void answer(uint64_t key, struct answer *out)
{
	out->kind = ANSWER_NUM;
	out->num = 8 + exercise_mix(key, 0x706f6f6c74687264ull) % 300;
	out->str[0] = '\0';
}

const struct exercise exercise_pool_threads = {
	.id = "pool-threads",
	.title = "Walk every task with a BPF iterator",
	.expects = "how many threads the process pool has, its main thread included (8 to 307)",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(pool_threads),
};
