/* answer.c (udp-token): the 12-character token in the datagram sent to UDP port 4242,
 * derived from the key.  workload.c sends it on the exercise's veth pair. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(udp_token);

#define TOKEN_LEN 12

static void answer(uint64_t key, struct answer *out)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	uint64_t v = exercise_mix(key, 0x756470746f6b656eull);

	for (int i = 0; i < TOKEN_LEN; i++) {
		out->str[i] = alphabet[v % 36];
		v /= 36;
	}
	out->str[TOKEN_LEN] = '\0';
	out->kind = ANSWER_STR;
	out->num = 0;
}

const struct exercise exercise_udp_token = {
	.id = "udp-token",
	.title = "Read a token from a UDP datagram with XDP",
	.expects = "the token (12 lowercase letters or digits, without \"token=\")",
	.kind = ANSWER_STR,
	.answer = answer,
	EXERCISE_TEXTS(udp_token),
};
