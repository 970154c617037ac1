/* answer.c (connect-port): the TCP port "client" connects to on 127.0.0.1, 20000 to 59999 and
 * never with two equal bytes (so a port left in network byte order is a different number),
 * derived from the key.  workload.c listens on it and makes client connect. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(connect_port);

static void answer(uint64_t key, struct answer *out)
{
	uint64_t port = 20000 + exercise_mix(key, 0x636f6e6e65637434ull) % 40000;

	if ((port >> 8) == (port & 0xff))
		port++;
	out->kind = ANSWER_NUM;
	out->num = port;
	out->str[0] = 0;
}

const struct exercise exercise_connect_port = {
	.id = "connect-port",
	.title = "Which port? A cgroup program sees every connect()",
	.expects = "a TCP port (a number from 20000 to 59999)",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(connect_port),
};
