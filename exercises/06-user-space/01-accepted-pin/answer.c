/* answer.c (accepted-pin): the PIN that vault's check function accepts (6 digits), derived
 * from the key.  workload.c makes vault try a wrong PIN, then this one. */
#include <stdio.h>
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(accepted_pin);

static void answer(uint64_t key, struct answer *out)
{
	unsigned pin = (unsigned)(exercise_mix(key, 0x70696e636f646521ull) % 1000000u);

	out->kind = ANSWER_STR;
	out->num = 0;
	snprintf(out->str, sizeof(out->str), "%06u", pin);
}

const struct exercise exercise_accepted_pin = {
	.id = "accepted-pin",
	.title = "The PIN that worked: uprobes and uretprobes",
	.expects = "the accepted PIN (a string of 6 digits)",
	.kind = ANSWER_STR,
	.answer = answer,
	EXERCISE_TEXTS(accepted_pin),
};
