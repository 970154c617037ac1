/* answer.c (long-name): the full name of the program "nightly-report-<8 characters>", longer
 * than the 15 characters a comm keeps, derived from the key.  workload.c runs it. */
#include <string.h>
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(long_name);

#define SUFFIX_LEN 8

static void answer(uint64_t key, struct answer *out)
{
	static const char prefix[] = "nightly-report-";
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	uint64_t v = exercise_mix(key, 0x6c6f6e676e616d65ull);

	memcpy(out->str, prefix, sizeof(prefix) - 1);
	for (int i = 0; i < SUFFIX_LEN; i++) {
		out->str[sizeof(prefix) - 1 + i] = alphabet[v % 36];
		v /= 36;
	}
	out->str[sizeof(prefix) - 1 + SUFFIX_LEN] = '\0';
	out->kind = ANSWER_STR;
	out->num = 0;
}

const struct exercise exercise_long_name = {
	.id = "long-name",
	.title = "The whole name of a program with a long name",
	.expects = "the program's file name (\"nightly-report-\" and 8 letters or digits, 23 characters)",
	.kind = ANSWER_STR,
	.answer = answer,
	EXERCISE_TEXTS(long_name),
};
