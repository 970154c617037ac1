/* answer.c (renamed-file): the new name "mover" gives its draft, "<8 letters or digits>.done",
 * derived from the key.  workload.c makes mover rename the file to it. */
#include <string.h>
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(renamed_file);

#define STEM_LEN 8

static void answer(uint64_t key, struct answer *out)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	uint64_t v = exercise_mix(key, 0x72656e616d656421ull);

	for (int i = 0; i < STEM_LEN; i++) {
		out->str[i] = alphabet[v % 36];
		v /= 36;
	}
	memcpy(out->str + STEM_LEN, ".done", sizeof(".done"));
	out->kind = ANSWER_STR;
	out->num = 0;
}

const struct exercise exercise_renamed_file = {
	.id = "renamed-file",
	.title = "Send it to user space yourself: a perf event array",
	.expects = "a file name (8 lowercase letters or digits, then \".done\")",
	.kind = ANSWER_STR,
	.answer = answer,
	EXERCISE_TEXTS(renamed_file),
};
