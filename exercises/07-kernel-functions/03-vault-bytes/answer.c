/* answer.c (vault-bytes): how many bytes "reader" gets from the file named vault, 1000 to 8999,
 * derived from the key.  workload.c makes the file that long and makes reader read it. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(vault_bytes);

static void answer(uint64_t key, struct answer *out)
{
	out->kind = ANSWER_NUM;
	out->num = 1000 + exercise_mix(key, 0x7661756c74627974ull) % 8000;
	out->str[0] = 0;
}

const struct exercise exercise_vault_bytes = {
	.id = "vault-bytes",
	.title = "Entry meets return: kprobes, kretprobes and a map between them",
	.expects = "a number of bytes (1000 to 8999)",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(vault_bytes),
};
