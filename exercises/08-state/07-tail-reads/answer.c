/* answer.c (tail-reads): how many times the process "syscaller" calls read() (25..424),
 * derived from the key.  workload.c makes it read that many times, and write a different
 * number of times. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(tail_reads);

static void answer(uint64_t key, struct answer *out)
{
	out->kind = ANSWER_NUM;
	out->num = 25 + exercise_mix(key, 0x7461696c72656164ull) % 400;
	out->str[0] = '\0';
}

const struct exercise exercise_tail_reads = {
	.id = "tail-reads",
	.title = "Dispatch system calls with tail calls",
	.expects = "how many times syscaller called read() (a number from 25 to 424)",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(tail_reads),
};
