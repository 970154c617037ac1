/* addr.c: address allow-lists (CIDR) and who a client is.
 *
 * A client is its peer address, unless the peer is a configured proxy: then X-Forwarded-For
 * is read from the right, skipping trusted proxies, and the first other address is the client
 * (an address a client wrote itself further left cannot win).  Nobody else's header counts. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static int parse_one(const char *text, struct server_cidr *c)
{
	char tmp[80], *slash, *end;
	unsigned max;

	if (strlen(text) >= sizeof(tmp))
		return -EINVAL;
	strcpy(tmp, text);
	slash = strchr(tmp, '/');
	if (slash)
		*slash++ = 0;
	memset(c, 0, sizeof(*c));
	if (inet_pton(AF_INET, tmp, c->addr) == 1) {
		c->family = AF_INET;
		max = 32;
	} else if (inet_pton(AF_INET6, tmp, c->addr) == 1) {
		c->family = AF_INET6;
		max = 128;
	} else {
		return -EINVAL;
	}
	c->prefix = max;
	if (slash) {
		unsigned long n = strtoul(slash, &end, 10);

		if (!*slash || *end || n > max)
			return -EINVAL;
		c->prefix = (unsigned)n;
	}
	return 0;
}

int server_addrs_parse(struct server_addrs *out, const char *list, struct dojo_err *err)
{
	struct server_addrs a = { .n = 0 };
	const char *p = list;

	while (*p) {
		char item[80];
		size_t n;

		p += strspn(p, " ,\t");
		n = strcspn(p, " ,\t");
		if (!n)
			break;
		if (n >= sizeof(item) || a.n >= DOJO_SERVER_MAX_ALLOW)
			return dojo_err_set(err, -EINVAL, "address list '%s': at most %u entries "
					    "like 127.0.0.0/8 or ::1", list, DOJO_SERVER_MAX_ALLOW);
		memcpy(item, p, n);
		item[n] = 0;
		if (parse_one(item, &a.cidr[a.n++]))
			return dojo_err_set(err, -EINVAL, "'%s' is not an address or a network like "
					    "127.0.0.0/8 or fd00::/8", item);
		p += n;
	}
	*out = a;
	return 0;
}

static int cidr_match(const struct server_cidr *c, int family, const uint8_t *addr)
{
	unsigned full = c->prefix / 8, rest = c->prefix % 8;

	if (c->family != family)
		return 0;
	if (memcmp(c->addr, addr, full))
		return 0;
	return !rest || ((c->addr[full] ^ addr[full]) & (0xff << (8 - rest)) & 0xff) == 0;
}

/* Normalize a sockaddr to (family, bytes); IPv4-mapped IPv6 counts as IPv4. */
static int sa_bytes(const struct sockaddr *sa, uint8_t out[16])
{
	if (sa->sa_family == AF_INET) {
		memcpy(out, &((const struct sockaddr_in *)sa)->sin_addr, 4);
		return AF_INET;
	}
	if (sa->sa_family == AF_INET6) {
		const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;

		if (IN6_IS_ADDR_V4MAPPED(a)) {
			memcpy(out, a->s6_addr + 12, 4);
			return AF_INET;
		}
		memcpy(out, a->s6_addr, 16);
		return AF_INET6;
	}
	return 0;
}

static int match_bytes(const struct server_addrs *a, int family, const uint8_t *addr)
{
	for (unsigned i = 0; i < a->n; i++)
		if (cidr_match(&a->cidr[i], family, addr))
			return 1;
	return 0;
}

int addrs_match(const struct server_addrs *a, const struct sockaddr *sa)
{
	uint8_t b[16];
	int family = sa ? sa_bytes(sa, b) : 0;

	return family && match_bytes(a, family, b);
}

int addrs_match_cidr(const struct server_addrs *a, const struct server_cidr *one)
{
	return match_bytes(a, one->family, one->addr);
}

static void sa_text(const struct sockaddr *sa, char out[64])
{
	uint8_t b[16];
	int family = sa ? sa_bytes(sa, b) : 0;

	if (!family || !inet_ntop(family, b, out, 64))
		snprintf(out, 64, "unknown");
}

void server_client_addr(const struct server_addrs *proxies, const struct sockaddr *peer,
			const char *xff, char out[64])
{
	char copy[1024], *items[64], *save = NULL, *tok;
	size_t n = 0;

	sa_text(peer, out);
	if (!xff || !proxies->n || !addrs_match(proxies, peer) || strlen(xff) >= sizeof(copy))
		return;
	strcpy(copy, xff);
	for (tok = strtok_r(copy, ",", &save); tok && n < 64; tok = strtok_r(NULL, ",", &save))
		items[n++] = tok;
	/* right to left: each hop appended the address it saw */
	while (n--) {
		char *item = items[n] + strspn(items[n], " \t");
		size_t len = strcspn(item, " \t");
		uint8_t b[16];
		int family;

		item[len] = 0;
		if (inet_pton(AF_INET, item, b) == 1)
			family = AF_INET;
		else if (inet_pton(AF_INET6, item, b) == 1)
			family = AF_INET6;
		else
			return;   /* garbage: keep the last address a trusted hop vouched for */
		inet_ntop(family, b, out, 64);
		if (!match_bytes(proxies, family, b))
			return;
	}
}

int server_addr_is_loopback(const char *host)
{
	struct server_addrs lo;
	struct server_cidr c;

	if (server_addrs_parse(&lo, "127.0.0.0/8,::1", NULL) || parse_one(host, &c))
		return 0;
	return match_bytes(&lo, c.family, c.addr);
}
