/* answer.c (top-writes): how many of the writes made by the threads of "teller" had the largest
 * size (20..319), derived from the key.  workload.c spreads that many writes of the largest
 * size among the threads, between many smaller ones. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(top_writes);

static void answer(uint64_t key, struct answer *out)
{
	out->kind = ANSWER_NUM;
	out->num = 20 + exercise_mix(key, 0x746f707772697465ull) % 300;
	out->str[0] = '\0';
}

const struct exercise exercise_top_writes = {
	.id = "top-writes",
	.title = "Update two values as one with a spin lock",
	.expects = "how many of teller's writes had the largest size (a number from 20 to 319)",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(top_writes),
};
