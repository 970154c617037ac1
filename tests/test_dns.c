/* test_dns.c: dojo-dns's message codec (src/guest/dns/dns.c) on hand-written queries: A and
 * other types, malformed, truncated and oversized messages, compression pointers (loops). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include "core/limits.h"
#include "guest/dns/dns.h"
#include "tests/harness.h"

/* a query for "www.Bpfdojo.test" type @t, with an EDNS OPT record after the question */
static size_t query(uint8_t *q, uint16_t type)
{
	static const uint8_t head[] = { 0xbe, 0xef, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1,
					3, 'w', 'w', 'w', 7, 'B', 'p', 'f', 'd', 'o', 'j', 'o',
					4, 't', 'e', 's', 't', 0 };
	static const uint8_t opt[] = { 0, 0, 41, 0x10, 0, 0, 0, 0, 0, 0, 0 };
	size_t n = sizeof(head);

	memcpy(q, head, n);
	q[n++] = (uint8_t)(type >> 8);
	q[n++] = (uint8_t)type;
	q[n++] = 0;
	q[n++] = 1;
	memcpy(q + n, opt, sizeof(opt));
	return n + sizeof(opt);
}

static void test_a(void)
{
	uint8_t q[DOJO_DNS_MAX_MSG], a[DOJO_DNS_MAX_MSG];
	char name[DNS_MAX_NAME + 1];
	size_t n = query(q, DNS_TYPE_A);
	int len = dns_answer(q, n, a, sizeof(a), name, sizeof(name));
	uint32_t want = dns_addr_for("www.bpfdojo.test");

	CHECK_INT(len, 12 + 22 + 16, "an A answer's length");
	CHECK_STR(name, "www.bpfdojo.test", "the name, lower case");
	CHECK(a[0] == 0xbe && a[1] == 0xef, "the id is the query's");
	CHECK(a[2] == 0x85 && a[3] == 0x80, "QR AA RD RA, NOERROR: %02x %02x", a[2], a[3]);
	CHECK(a[5] == 1 && a[7] == 1 && a[11] == 0, "one question, one answer, no additional");
	CHECK(!memcmp(a + 12, q + 12, 22), "the question is copied");
	CHECK(a[34] == 0xc0 && a[35] == 12, "the answer points at the question's name");
	CHECK((uint32_t)(a[len - 4] << 24 | a[len - 3] << 16 | a[len - 2] << 8 | a[len - 1]) == want,
	      "the address is dns_addr_for()'s");
	CHECK((want >> 24) == 10, "10.x.y.z");
	CHECK(dns_addr_for("WWW.bpfdojo.TEST") == want, "case does not matter");
	CHECK(dns_addr_for("bpfdojo.test") != want, "another name, another address");
	CHECK_INT(dns_answer(q, n - 11, a, sizeof(a), NULL, 0), len, "without EDNS: the same answer");
}

static void test_rcodes(void)
{
	uint8_t q[DOJO_DNS_MAX_MSG + 8] = { 0 }, a[DOJO_DNS_MAX_MSG];
	char name[DNS_MAX_NAME + 1];
	size_t n = query(q, 28);   /* AAAA */
	int len = dns_answer(q, n, a, sizeof(a), name, sizeof(name));

	CHECK(len == 12 + 22 && (a[3] & 0xf) == 0 && a[7] == 0, "AAAA: NOERROR, no record (%d)", len);
	n = query(q, DNS_TYPE_A);
	q[2] = 0x10;   /* opcode 2, STATUS */
	len = dns_answer(q, n, a, sizeof(a), name, sizeof(name));
	CHECK(len == 12 && (a[3] & 0xf) == 4, "another opcode: NOTIMP (%d)", len);
	n = query(q, DNS_TYPE_A);
	q[5] = 2;
	CHECK(dns_answer(q, n, a, sizeof(a), NULL, 0) == 12 && (a[3] & 0xf) == 1, "two questions: FORMERR");
	n = query(q, DNS_TYPE_A);
	q[33] = 3;   /* class CH */
	CHECK(dns_answer(q, n, a, sizeof(a), NULL, 0) == 12 && (a[3] & 0xf) == 1, "class CH: FORMERR");
	n = query(q, DNS_TYPE_A);
	q[2] |= 0x80;
	CHECK_INT(dns_answer(q, n, a, sizeof(a), NULL, 0), -EINVAL, "a response is not answered");
	CHECK_INT(dns_answer(q, 11, a, sizeof(a), NULL, 0), -EINVAL, "shorter than a header");
	CHECK_INT(dns_answer(q, n, a, 100, NULL, 0), -EINVAL, "an output buffer too small");
	CHECK_INT(dns_answer(q, n, a, sizeof(a), name, 10), -EINVAL, "a name buffer too small");
	CHECK_INT(dns_answer(q, DOJO_DNS_MAX_MSG + 1, a, sizeof(a), NULL, 0), -E2BIG, "over 512 bytes");
}

/* every cut of a good query: never read past it, never an answer with a record */
static void test_truncated(void)
{
	uint8_t q[DOJO_DNS_MAX_MSG], a[DOJO_DNS_MAX_MSG];
	size_t n = query(q, DNS_TYPE_A) - 11;

	for (size_t cut = 12; cut < n; cut++) {
		uint8_t *copy = malloc(cut);   /* exact size: ASan sees any read past it */
		int len;

		memcpy(copy, q, cut);
		len = dns_answer(copy, cut, a, sizeof(a), NULL, 0);
		CHECK(len == 12 && (a[3] & 0xf) == 1, "cut at %zu: FORMERR (%d)", cut, len);
		free(copy);
	}
}

static void test_malformed(void)
{
	uint8_t q[DOJO_DNS_MAX_MSG] = { 1, 2, 1, 0, 0, 1 }, a[DOJO_DNS_MAX_MSG];
	char name[DNS_MAX_NAME + 1];
	size_t n;

	/* a compression pointer to itself, and one to the header: a loop if followed */
	memcpy(q + 12, "\xc0\x0c\0\1\0\1", 6);
	CHECK(dns_answer(q, 18, a, sizeof(a), name, sizeof(name)) == 12 && (a[3] & 0xf) == 1,
	      "a pointer loop: FORMERR");
	memcpy(q + 12, "\3abc\xc0\x0c\0\1\0\1", 10);
	CHECK(dns_answer(q, 22, a, sizeof(a), NULL, 0) == 12 && (a[3] & 0xf) == 1,
	      "a label then a pointer back: FORMERR");
	memcpy(q + 12, "\x40", 1);   /* reserved label type 01 */
	CHECK(dns_answer(q, 80, a, sizeof(a), NULL, 0) == 12 && (a[3] & 0xf) == 1, "a 64-byte label: FORMERR");

	/* names: 3 labels of 63 and one of 61 are 255 wire bytes with the root: answered;
	 * one of 62 makes 256: not */
	for (int last = 61; last <= 62; last++) {
		int len;

		n = 12;
		for (int l = 0; l < 4; l++) {
			q[n++] = (uint8_t)(l < 3 ? 63 : last);
			memset(q + n, 'a' + l, l < 3 ? 63 : (size_t)last);
			n += l < 3 ? 63 : (size_t)last;
		}
		memcpy(q + n, "\0\0\1\0\1", 5);
		len = dns_answer(q, n + 5, a, sizeof(a), name, sizeof(name));
		if (last == 61) {
			CHECK_INT(len, 12 + 255 + 4 + 16, "a 255-byte name is answered");
			CHECK_INT(strlen(name), 253, "its dotted form");
		} else {
			CHECK(len == 12 && (a[3] & 0xf) == 1, "a 256-byte name: FORMERR (%d)", len);
		}
	}

	/* a zero byte and a dot inside a label do not forge the dotted name */
	memcpy(q + 12, "\3a.\0\0\0\1\0\1", 9);
	CHECK(dns_answer(q, 21, a, sizeof(a), name, sizeof(name)) > 12, "odd bytes in a label are answered");
	CHECK_STR(name, "a??", "and shown as ?");
}

/* random bytes: whatever comes back is a bounded answer */
static void test_fuzz(void)
{
	uint8_t a[DOJO_DNS_MAX_MSG];
	uint32_t seed = 12345;

	for (int i = 0; i < 20000; i++) {
		size_t n = 12 + (seed % 64);
		uint8_t *q = malloc(n);
		int len;

		for (size_t j = 0; j < n; j++) {
			seed = seed * 1103515245u + 12345u;
			q[j] = (uint8_t)(seed >> 16);
		}
		q[2] &= 0x07;   /* a query, opcode 0: the parser runs */
		q[4] = 0;
		q[5] = 1;
		if (i % 2)   /* half of them start with a plausible label */
			q[12] = (uint8_t)(n - 18 > 63 ? 63 : n - 18);
		len = dns_answer(q, n, a, sizeof(a), NULL, 0);
		CHECK(len >= 12 && len <= (int)sizeof(a), "random query %d: %d", i, len);
		free(q);
	}
}

int main(void)
{
	test_a();
	test_rcodes();
	test_truncated();
	test_malformed();
	test_fuzz();
	return harness_done("test_dns");
}
