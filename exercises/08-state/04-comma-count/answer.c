/* answer.c (comma-count): how many commas are in the 512 bytes the process "csvwriter"
 * writes at once (40..439), derived from the key.  workload.c writes them. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(comma_count);

static void answer(uint64_t key, struct answer *out)
{
	out->kind = ANSWER_NUM;
	out->num = 40 + exercise_mix(key, 0x636f6d6d61636e74ull) % 400;
	out->str[0] = '\0';
}

const struct exercise exercise_comma_count = {
	.id = "comma-count",
	.title = "Loop over a buffer with bpf_loop",
	.expects = "how many commas are in the 512 bytes csvwriter wrote (a number from 40 to 439)",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(comma_count),
};
