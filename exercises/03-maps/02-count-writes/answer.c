/* answer.c (count-writes): how many times the process "counter" calls write() (20..499),
 * derived from the key.  workload.c makes counter write that many times. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(count_writes);

static void answer(uint64_t key, struct answer *out)
{
	out->kind = ANSWER_NUM;
	out->num = 20 + exercise_mix(key, 0x636f756e74777269ull) % 480;
	out->str[0] = '\0';
}

const struct exercise exercise_count_writes = {
	.id = "count-writes",
	.title = "Count one process's system calls",
	.expects = "how many times counter called write() (a number from 20 to 499)",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(count_writes),
};
