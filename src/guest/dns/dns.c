/* dns.c: dojo-dns's message codec: reads one query's header and question, writes its answer.
 * A query names exactly what it asks for, so no compression pointer is ever followed (one in
 * a question is FORMERR): no loop to guard against.  Sockets are main.c's. */
#include <errno.h>
#include <string.h>
#include "core/limits.h"
#include "guest/dns/dns.h"

#define RCODE_FORMERR  1u
#define RCODE_NOTIMP   4u

uint32_t dns_addr_for(const char *name)
{
	uint32_t h = 2166136261u;

	for (; *name; name++) {
		unsigned char c = (unsigned char)*name;

		h ^= (c >= 'A' && c <= 'Z') ? c + 32u : c;
		h *= 16777619u;
	}
	return (10u << 24) | (h & 0xffffffu);
}

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* The question's name at q + DNS_HEADER, dotted and lower-cased into @name (at least
 * DNS_MAX_NAME + 1 bytes): its wire length, or 0 if it does not parse. */
static size_t parse_name(const uint8_t *q, size_t qlen, char *name)
{
	size_t at = DNS_HEADER, n = 0;

	for (;;) {
		if (at >= qlen)
			return 0;   /* truncated */
		uint8_t len = q[at++];

		if (len == 0)
			break;
		if (len > 63 || at + len > qlen || at - DNS_HEADER + len >= DNS_MAX_NAME)
			return 0;   /* a pointer (0xc0) or reserved label type, truncated, too long */
		if (n)
			name[n++] = '.';
		for (uint8_t i = 0; i < len; i++) {
			uint8_t c = q[at++];

			name[n++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : (c && c != '.' ? c : '?'));
		}
	}
	name[n] = '\0';
	return at - DNS_HEADER;
}

int dns_answer(const uint8_t *q, size_t qlen, uint8_t *out, size_t cap, char *name, size_t namecap)
{
	char dotted[DNS_MAX_NAME + 1];
	size_t nlen = 0, end = DNS_HEADER;
	uint32_t rcode = 0, ancount = 0;

	if (cap < DOJO_DNS_MAX_MSG || (name && namecap < sizeof(dotted)))
		return -EINVAL;
	if (qlen > DOJO_DNS_MAX_MSG)
		return -E2BIG;
	if (qlen < DNS_HEADER || (q[2] & 0x80))
		return -EINVAL;   /* not even a header, or a response: say nothing */
	dotted[0] = '\0';
	if (((q[2] >> 3) & 0xf) != 0)
		rcode = RCODE_NOTIMP;
	else if (be16(q + 4) != 1 || !(nlen = parse_name(q, qlen, dotted)) ||
		 DNS_HEADER + nlen + 4 > qlen || be16(q + DNS_HEADER + nlen + 2) != DNS_CLASS_IN)
		rcode = RCODE_FORMERR;
	else
		ancount = be16(q + DNS_HEADER + nlen) == DNS_TYPE_A;   /* else NODATA: no record */

	memset(out, 0, DNS_HEADER);
	memcpy(out, q, 2);                               /* the query's id */
	out[2] = (uint8_t)(0x84 | (q[2] & 0x79));       /* QR, AA, its opcode and RD */
	out[3] = (uint8_t)(0x80 | rcode);               /* RA: as far as it goes */
	if (rcode != RCODE_FORMERR && rcode != RCODE_NOTIMP) {
		put16(out + 4, 1);
		memcpy(out + end, q + DNS_HEADER, nlen + 4);   /* the question */
		end += nlen + 4;
	}
	if (ancount) {
		uint32_t a = dns_addr_for(dotted);
		static const uint8_t rr[10] = { 0xc0, DNS_HEADER, 0, DNS_TYPE_A, 0, DNS_CLASS_IN,
						0, 0, 0, 60 };

		put16(out + 6, 1);
		memcpy(out + end, rr, sizeof(rr));   /* a pointer to the question's name, A, IN, TTL */
		end += sizeof(rr);
		put16(out + end, 4);
		out[end + 2] = (uint8_t)(a >> 24);
		out[end + 3] = (uint8_t)(a >> 16);
		out[end + 4] = (uint8_t)(a >> 8);
		out[end + 5] = (uint8_t)a;
		end += 6;
	}
	if (name)
		memcpy(name, dotted, strlen(dotted) + 1);
	return (int)end;
}
