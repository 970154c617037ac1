/* answer.c (created-file): the name of the file "archiver" creates, "<10 letters or
 * digits>.tar", derived from the key.  workload.c makes archiver open it. */
#include <string.h>
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(created_file);

#define STEM_LEN 10

static void answer(uint64_t key, struct answer *out)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	uint64_t v = exercise_mix(key, 0x6372656174656421ull);

	for (int i = 0; i < STEM_LEN; i++) {
		out->str[i] = alphabet[v % 36];
		v /= 36;
	}
	memcpy(out->str + STEM_LEN, ".tar", 5);
	out->kind = ANSWER_STR;
	out->num = 0;
}

const struct exercise exercise_created_file = {
	.id = "created-file",
	.title = "Which file does a process create?",
	.expects = "a file name (10 lowercase letters or digits, then \".tar\")",
	.kind = ANSWER_STR,
	.answer = answer,
	EXERCISE_TEXTS(created_file),
};
