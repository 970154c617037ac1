/* answer.c (failed-unlink): the name of the file "cleaner" fails to delete, "<8 letters or
 * digits>.lock", derived from the key.  workload.c makes cleaner try. */
#include <string.h>
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(failed_unlink);

#define STEM_LEN 8

static void answer(uint64_t key, struct answer *out)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	uint64_t v = exercise_mix(key, 0x756e6c696e6b6564ull);

	for (int i = 0; i < STEM_LEN; i++) {
		out->str[i] = alphabet[v % 36];
		v /= 36;
	}
	memcpy(out->str + STEM_LEN, ".lock", sizeof(".lock"));
	out->kind = ANSWER_STR;
	out->num = 0;
}

const struct exercise exercise_failed_unlink = {
	.id = "failed-unlink",
	.title = "The delete that failed: fexit sees the result",
	.expects = "a file name (8 lowercase letters or digits, then \".lock\")",
	.kind = ANSWER_STR,
	.answer = answer,
	EXERCISE_TEXTS(failed_unlink),
};
