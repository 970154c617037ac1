/* answer.c (file-owner): the owner (uid, 1000 to 60999) of the file "saver" syncs, derived from
 * the key.  workload.c chowns the file to it and makes saver fsync it. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(file_owner);

static void answer(uint64_t key, struct answer *out)
{
	out->kind = ANSWER_NUM;
	out->num = 1000 + exercise_mix(key, 0x66696c656f776e72ull) % 60000;
	out->str[0] = 0;
}

const struct exercise exercise_file_owner = {
	.id = "file-owner",
	.title = "Follow the pointers: fentry reads kernel structs directly",
	.expects = "a user id (a number from 1000 to 60999)",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(file_owner),
};
