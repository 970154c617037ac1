/* dns.h: the message codec of dojo-dns, the guest's tiny DNS responder (dns.c; the program
 * around it is main.c).  Pure functions on byte buffers: no sockets, testable on the host. */
#ifndef DOJO_GUEST_DNS_H
#define DOJO_GUEST_DNS_H

#include <stddef.h>
#include <stdint.h>

#define DNS_HEADER   12u
#define DNS_TYPE_A   1u
#define DNS_CLASS_IN 1u
#define DNS_MAX_NAME 255u   /* a name's wire bytes at most (RFC 1035 2.3.4) */

/* The IPv4 address (host byte order) dojo-dns gives @name (dotted, no final dot, any case):
 * 10.x.y.z, where x.y.z are the low 24 bits of the FNV-1a hash of the lower-cased name.
 * The same name always gets the same address, everywhere. */
uint32_t dns_addr_for(const char *name);

/* The answer to the query @q (@qlen bytes, at most DOJO_DNS_MAX_MSG) in @out (@cap bytes, at
 * least DOJO_DNS_MAX_MSG).  A standard query with one question of class IN: type A gets one A
 * record (dns_addr_for(), TTL 60), another type none (NOERROR: the name exists, not the type); the question is copied (any EDNS
 * record after it is dropped).  Any other opcode: NOTIMP; a question that does not parse
 * (a truncated name, a label over 63, a compression pointer, a name over 255 bytes): FORMERR.
 * On success the answer's length, and the question's name (dotted, lower case) in @name
 * (@namecap bytes, at least DNS_MAX_NAME + 1) when @name is not NULL.  -EINVAL: not worth
 * answering (shorter than a header, a response, or a bad @cap); -E2BIG: @qlen too long. */
int dns_answer(const uint8_t *q, size_t qlen, uint8_t *out, size_t cap, char *name, size_t namecap);

#endif
