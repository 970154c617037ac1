/* answer.c (denied-open): the 10-character token in the name of the file "opener" falls
 * back to when its open of the secret file is denied, derived from the key.  workload.c
 * makes both files. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(denied_open);

#define TOKEN_LEN 10

static void answer(uint64_t key, struct answer *out)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	uint64_t v = exercise_mix(key, 0x64656e696564ull);

	for (int i = 0; i < TOKEN_LEN; i++) {
		out->str[i] = alphabet[v % 36];
		v /= 36;
	}
	out->str[TOKEN_LEN] = '\0';
	out->kind = ANSWER_STR;
	out->num = 0;
}

const struct exercise exercise_denied_open = {
	.id = "denied-open",
	.title = "Deny a file open with an LSM program",
	.expects = "the token of the file opener falls back to (10 lowercase letters or digits, without \"fallback-\")",
	.kind = ANSWER_STR,
	.answer = answer,
	EXERCISE_TEXTS(denied_open),
};
