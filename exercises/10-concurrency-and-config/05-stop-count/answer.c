/* answer.c (stop-count): how many times the process named "napper" was stopped (SIGSTOP, then
 * SIGCONT) while the program watched: 10..309, derived from the key.  workload.c stops it that
 * many times; the program sees each stop as a switch-out in the stopped state. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(stop_count);

static void answer(uint64_t key, struct answer *out)
{
	out->kind = ANSWER_NUM;
	out->num = 10 + exercise_mix(key, 0x73746f70636e74ull) % 300;
	out->str[0] = '\0';
}

const struct exercise exercise_stop_count = {
	.id = "stop-count",
	.title = "One program, many kernels: CO-RE existence checks",
	.expects = "how many times the process named napper was stopped (a number from 10 to 309)",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(stop_count),
};
