/* answer.c (busiest-file): how many times the process "fdwriter" wrote to the file it wrote
 * to most (60..359), derived from the key.  workload.c makes fdwriter write that many times. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(busiest_file);

static void answer(uint64_t key, struct answer *out)
{
	out->kind = ANSWER_NUM;
	out->num = 60 + exercise_mix(key, 0x6275737966696c65ull) % 300;
	out->str[0] = '\0';
}

const struct exercise exercise_busiest_file = {
	.id = "busiest-file",
	.title = "Count writes per file descriptor in an array map",
	.expects = "the largest number of write() calls fdwriter made to one file descriptor (60 to 359)",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(busiest_file),
};
