/* answer.c (process-name): the secret process's name, derived from the key, and the
 * exercise's description.  The workload (workload.c) execs a program with this name. */
#include <stdio.h>
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(process_name);

static void answer(uint64_t key, struct answer *out)
{
	unsigned digits = (unsigned)(exercise_mix(key, 0x70726f636e616d65ull) % 1000000u);

	out->kind = ANSWER_STR;
	out->num = 0;
	snprintf(out->str, sizeof(out->str), "secret_%06u", digits);
}

const struct exercise exercise_process_name = {
	.id = "process-name",
	.title = "Name the secret process",
	.expects = "a process name (a string like \"secret_123456\", at most 15 characters)",
	.kind = ANSWER_STR,
	.answer = answer,
	EXERCISE_TEXTS(process_name),
};
