/* answer.c (last-writer): how many times the process "w-keeper" calls write() (20..339),
 * derived from the key.  workload.c runs many other "w-" processes first. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(last_writer);

static void answer(uint64_t key, struct answer *out)
{
	out->kind = ANSWER_NUM;
	out->num = 20 + exercise_mix(key, 0x6c61737477726974ull) % 320;
	out->str[0] = '\0';
}

const struct exercise exercise_last_writer = {
	.id = "last-writer",
	.title = "Let an LRU map forget for you",
	.expects = "how many times w-keeper called write() (a number from 20 to 339)",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(last_writer),
};
