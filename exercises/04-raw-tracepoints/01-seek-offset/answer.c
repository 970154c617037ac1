/* answer.c (seek-offset): the offset "seeker" gives to lseek() (1000..999999999), derived
 * from the key.  workload.c makes seeker call lseek() with it. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(seek_offset);

static void answer(uint64_t key, struct answer *out)
{
	out->kind = ANSWER_NUM;
	out->num = 1000 + exercise_mix(key, 0x7365656b6f666673ull) % 999999000u;
	out->str[0] = '\0';
}

const struct exercise exercise_seek_offset = {
	.id = "seek-offset",
	.title = "Read a system call's arguments from a raw tracepoint",
	.expects = "the offset seeker passed to lseek() (a number from 1000 to 999999999)",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(seek_offset),
};
