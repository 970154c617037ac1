/* answer.c (target-uid): how many times the one "worker" process whose user id the loader
 * gives the program calls read(), its two threads together (30..429), derived from the key.
 * workload.c starts the workers; setup() writes the target's uid for .rodata. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(target_uid);

static void answer(uint64_t key, struct answer *out)
{
	out->kind = ANSWER_NUM;
	out->num = 30 + exercise_mix(key, 0x7461726765747064ull) % 400;
	out->str[0] = '\0';
}

const struct exercise exercise_target_uid = {
	.id = "target-uid",
	.title = "Told by the loader: a user id in .rodata",
	.expects = "how many times the worker running as user target_uid called read(), both its threads together (a number from 30 to 429)",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(target_uid),
};
