/* answer.c (exit-code): the exit code of the process named "checker" (1..250), derived from
 * the key, and the exercise's description.  workload.c runs checker with it. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(exit_code);

static void answer(uint64_t key, struct answer *out)
{
	out->kind = ANSWER_NUM;
	out->num = 1 + exercise_mix(key, 0x65786974636f6465ull) % 250;
	out->str[0] = '\0';
}

const struct exercise exercise_exit_code = {
	.id = "exit-code",
	.title = "Catch the exit code of one process",
	.expects = "checker's exit code (a number from 1 to 250)",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(exit_code),
};
