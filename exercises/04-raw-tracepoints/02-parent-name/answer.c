/* answer.c (parent-name): the name of the process that starts "payload", "launch_<6
 * digits>", derived from the key.  workload.c forks a process of that name which runs
 * payload. */
#include <stdio.h>
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(parent_name);

static void answer(uint64_t key, struct answer *out)
{
	unsigned digits = (unsigned)(exercise_mix(key, 0x706172656e746e6dull) % 1000000u);

	out->kind = ANSWER_STR;
	out->num = 0;
	snprintf(out->str, sizeof(out->str), "launch_%06u", digits);
}

const struct exercise exercise_parent_name = {
	.id = "parent-name",
	.title = "Who started it? Typed arguments with tp_btf",
	.expects = "the parent's name (\"launch_\" and six digits)",
	.kind = ANSWER_STR,
	.answer = answer,
	EXERCISE_TEXTS(parent_name),
};
