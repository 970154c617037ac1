/* workload.c (udp-token): make the veth pair (setup, before the program is attached), then
 * send datagrams "token=<12 characters>\n" to UDP ports 4243 and 53 (decoys, other tokens)
 * and to 4242 (the secret). */
#include <stdio.h>
#include "exercises/exercise_def.h"
#include "exercises/net.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(udp_token);

int exercise_udp_token_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return workload_veth_up();
}

static int send_token(uint16_t port, const char *token)
{
	char payload[32];
	int n = snprintf(payload, sizeof(payload), "token=%.12s\n", token);

	return workload_send_udp(40000, port, payload, (size_t)n);
}

int exercise_udp_token_run(const struct workload_ctx *ctx)
{
	struct answer a, d1, d2;
	int ret;

	exercise_udp_token.answer(ctx->key, &a);
	exercise_udp_token.answer(~ctx->key, &d1);
	exercise_udp_token.answer(ctx->key ^ 0x5555, &d2);
	if ((ret = send_token(4243, d1.str)) || (ret = send_token(53, d2.str)))
		return ret;
	return send_token(4242, a.str);
}
