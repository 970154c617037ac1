/* answer.c (argv-password): the password given to "vault" on its command line, derived from
 * the key, and the exercise's description.  workload.c starts vault with it. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(argv_password);

#define PASSWORD_LEN 12

static void answer(uint64_t key, struct answer *out)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	uint64_t v = exercise_mix(key, 0x7061737377726421ull);

	/* 36^12 < 2^64: twelve base-36 digits of one mixed word */
	for (int i = 0; i < PASSWORD_LEN; i++) {
		out->str[i] = alphabet[v % 36];
		v /= 36;
	}
	out->str[PASSWORD_LEN] = '\0';
	out->kind = ANSWER_STR;
	out->num = 0;
}

const struct exercise exercise_argv_password = {
	.id = "argv-password",
	.title = "Read a password from a command line",
	.expects = "vault's password (a string of 12 lowercase letters and digits)",
	.kind = ANSWER_STR,
	.answer = answer,
	EXERCISE_TEXTS(argv_password),
};
