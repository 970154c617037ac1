/* answer.c (percpu-reads): how many times the process "reader" calls read() (30..429),
 * derived from the key.  workload.c makes reader read that many times, on more than one CPU
 * when there is more than one. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(percpu_reads);

static void answer(uint64_t key, struct answer *out)
{
	out->kind = ANSWER_NUM;
	out->num = 30 + exercise_mix(key, 0x7065726370757264ull) % 400;
	out->str[0] = '\0';
}

const struct exercise exercise_percpu_reads = {
	.id = "percpu-reads",
	.title = "Count on every CPU at once with a per-CPU array",
	.expects = "how many times reader called read(), on all CPUs together (a number from 30 to 429)",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(percpu_reads),
};
