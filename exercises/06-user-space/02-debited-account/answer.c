/* answer.c (debited-account): the account a transfer takes money from, 8 lowercase letters
 * derived from the key.  workload.c has dojo-ledger post the transfer: a debit of that account
 * (negative cents) and a credit of another one (exercise_debited_account_credited()). */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(debited_account);

#define SALT 0x6c6564676572ull
#define ACCOUNT_LEN 8

static void account(uint64_t key, uint64_t salt, char *out)
{
	uint64_t m = exercise_mix(key, salt);

	for (int i = 0; i < ACCOUNT_LEN; i++, m /= 26)
		out[i] = (char)('a' + m % 26);
	out[ACCOUNT_LEN] = '\0';
}

static void answer(uint64_t key, struct answer *out)
{
	out->kind = ANSWER_STR;
	out->num = 0;
	account(key, SALT, out->str);
}

/* the account credited: never the debited one (its first letter differs) */
void exercise_debited_account_credited(uint64_t key, char out[ACCOUNT_LEN + 1])
{
	char debited[ACCOUNT_LEN + 1];

	account(key, SALT, debited);
	account(key, SALT + 1, out);
	if (out[0] == debited[0])
		out[0] = (char)('a' + (out[0] - 'a' + 1) % 26);
}

/* cents moved: 100 to 999999 */
long exercise_debited_account_cents(uint64_t key)
{
	return (long)(100 + exercise_mix(key, SALT + 2) % 999900);
}

const struct exercise exercise_debited_account = {
	.id = "debited-account",
	.title = "Probes a program ships with: USDT",
	.expects = "the account the transfer took money from (a string of 8 lowercase letters)",
	.kind = ANSWER_STR,
	.answer = answer,
	EXERCISE_TEXTS(debited_account),
};
