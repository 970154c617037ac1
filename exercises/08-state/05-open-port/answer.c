/* answer.c (open-port): the UDP source port (1024..61023) of the one datagram saying "open",
 * derived from the key.  workload.c sends it, among "knock" datagrams, on the veth pair. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(open_port);

static void answer(uint64_t key, struct answer *out)
{
	out->kind = ANSWER_NUM;
	out->num = 1024 + exercise_mix(key, 0x6f70656e706f7274ull) % 60000;
	if ((out->num >> 8) == (out->num & 0xff))
		out->num++;   /* the same in both byte orders: a port read the wrong way round would pass */
	out->str[0] = '\0';
}

const struct exercise exercise_open_port = {
	.id = "open-port",
	.title = "Filter a socket's packets",
	.expects = "the UDP source port of the datagram whose payload is \"open\" (1024 to 61023)",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(open_port),
};
