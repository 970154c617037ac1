/* workload.c (open-port): make the veth pair (setup, before the program is attached), then
 * send "knock" datagrams to UDP port 7000 from several source ports, and one "open" from the
 * secret port, between them. */
#include "exercises/exercise_def.h"
#include "exercises/net.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(open_port);

#define KNOCKS 6

int exercise_open_port_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return workload_veth_up();
}

int exercise_open_port_run(const struct workload_ctx *ctx)
{
	struct answer a;
	uint16_t port;
	int ret;

	exercise_open_port.answer(ctx->key, &a);
	port = (uint16_t)a.num;
	for (unsigned i = 0; i < KNOCKS; i++) {
		uint16_t from = (uint16_t)(1024 + (a.num + 7919u * (i + 1)) % 60000);

		if (i == KNOCKS / 2 && (ret = workload_send_udp(port, 7000, "open", 4)))
			return ret;
		if (from != port && (ret = workload_send_udp(from, 7000, "knock", 5)))
			return ret;
	}
	return 0;
}
