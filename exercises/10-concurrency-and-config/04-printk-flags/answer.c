/* answer.c (printk-flags): the name of the one file "opener" creates exclusively
 * (O_CREAT|O_EXCL), "vault-" and 8 letters or digits, derived from the key.  workload.c opens
 * it among other files, some of them created too. */
#include <string.h>
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(printk_flags);

#define STEM "vault-"
#define TAIL 8

static void answer(uint64_t key, struct answer *out)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	uint64_t v = exercise_mix(key, 0x7072696e746b6578ull);

	out->kind = ANSWER_STR;
	out->num = 0;
	memset(out->str, 0, sizeof(out->str));
	memcpy(out->str, STEM, strlen(STEM));
	for (int i = 0; i < TAIL; i++) {
		out->str[strlen(STEM) + i] = alphabet[v % 36];
		v /= 36;
	}
}

const struct exercise exercise_printk_flags = {
	.id = "printk-flags",
	.title = "See what your program sees with bpf_printk",
	.expects = "a file name, \"vault-\" and 8 letters or digits",
	.kind = ANSWER_STR,
	.answer = answer,
	EXERCISE_TEXTS(printk_flags),
};
