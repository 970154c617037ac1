/* workload.c (dns-query): make the veth pair (setup), then send DNS queries: one to port 5353
 * (mDNS, a decoy name) and one to port 53 for the secret name. */
#include <string.h>
#include "exercises/exercise_def.h"
#include "exercises/net.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(dns_query);

int exercise_dns_query_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return workload_veth_up();
}

/* a query for @name (dotted, labels of at most 63) of type A, class IN, with an EDNS0 OPT
 * record as resolvers add (so 32 bytes past the question's start are in the packet) */
static int send_query(uint16_t port, uint16_t id, const char *name)
{
	static const unsigned char opt[11] = { 0, 0, 41, 0x10, 0x00, 0, 0, 0, 0, 0, 0 };
	unsigned char q[128] = { id >> 8, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1 };
	size_t n = 12;

	for (const char *label = name; *label;) {
		size_t len = strcspn(label, ".");

		if (len == 0 || len > 63 || n + 1 + len + 5 + sizeof(opt) > sizeof(q))
			return -22;
		q[n++] = (unsigned char)len;
		memcpy(q + n, label, len);
		n += len;
		label += len + (label[len] == '.');
	}
	memcpy(q + n, "\0\0\1\0\1", 5);   /* root label, QTYPE A, QCLASS IN */
	n += 5;
	memcpy(q + n, opt, sizeof(opt));   /* root name, type OPT, 4096-byte UDP payloads */
	n += sizeof(opt);
	return workload_send_udp(33333, port, q, n);
}

int exercise_dns_query_run(const struct workload_ctx *ctx)
{
	struct answer a, d;
	int ret;

	exercise_dns_query.answer(ctx->key, &a);
	exercise_dns_query.answer(~ctx->key, &d);
	memcpy(d.str + 10, ".local", sizeof(".local"));
	if ((ret = send_query(5353, 0, d.str)))
		return ret;
	return send_query(53, (uint16_t)ctx->key, a.str);
}
