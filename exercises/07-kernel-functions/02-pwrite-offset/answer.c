/* answer.c (pwrite-offset): the file offset "journal" writes at with pwrite64() (4096 to
 * about 1 GiB), derived from the key.  workload.c makes journal write there. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(pwrite_offset);

static void answer(uint64_t key, struct answer *out)
{
	out->kind = ANSWER_NUM;
	out->num = 4096 + exercise_mix(key, 0x7077726974656f66ull) % (1u << 30);
	out->str[0] = '\0';
}

const struct exercise exercise_pwrite_offset = {
	.id = "pwrite-offset",
	.title = "The fourth argument: kprobes on system calls with ksyscall",
	.expects = "the offset journal wrote at (a number from 4096 to about 1.07 billion)",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(pwrite_offset),
};
