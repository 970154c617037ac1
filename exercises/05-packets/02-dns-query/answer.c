/* answer.c (dns-query): the name asked for in a DNS query, "<10 letters or digits>.dojo.test",
 * derived from the key.  workload.c sends the query on the exercise's veth pair. */
#include <string.h>
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(dns_query);

#define LABEL_LEN 10

static void answer(uint64_t key, struct answer *out)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	uint64_t v = exercise_mix(key, 0x646e737175657279ull);

	for (int i = 0; i < LABEL_LEN; i++) {
		out->str[i] = alphabet[v % 36];
		v /= 36;
	}
	memcpy(out->str + LABEL_LEN, ".dojo.test", sizeof(".dojo.test"));
	out->kind = ANSWER_STR;
	out->num = 0;
}

const struct exercise exercise_dns_query = {
	.id = "dns-query",
	.title = "Which name is looked up? DNS with tc",
	.expects = "a domain name in dotted form (10 letters or digits, then \".dojo.test\")",
	.kind = ANSWER_STR,
	.answer = answer,
	EXERCISE_TEXTS(dns_query),
};
