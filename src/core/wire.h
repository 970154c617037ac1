/* wire.h: the fields inside a frame's payload.
 *
 * Integers are little-endian and fixed-size; strings and byte strings are a u32 length then
 * the bytes (strings carry no NUL).  The reader never reads past the payload: the first short
 * or oversized field sets r->err (-EPROTO) and every later get returns zero/empty, so a parser
 * can read all fields and check err once at the end. */
#ifndef DOJO_WIRE_H
#define DOJO_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"

/* Writing: each returns 0 or the buf error (-E2BIG, -ENOMEM). */
int wire_put_u8(struct buf *b, uint8_t v) DOJO_WARN_UNUSED;
int wire_put_u32(struct buf *b, uint32_t v) DOJO_WARN_UNUSED;
int wire_put_u64(struct buf *b, uint64_t v) DOJO_WARN_UNUSED;
int wire_put_bytes(struct buf *b, const void *p, size_t len) DOJO_WARN_UNUSED;
int wire_put_str(struct buf *b, const char *s) DOJO_WARN_UNUSED;

struct wire_reader {
	const uint8_t *p;
	size_t left;
	int err;            /* 0, or -EPROTO after the first bad field */
};

void wire_reader_init(struct wire_reader *r, const void *p, size_t len);
uint8_t wire_get_u8(struct wire_reader *r);
uint32_t wire_get_u32(struct wire_reader *r);
uint64_t wire_get_u64(struct wire_reader *r);
/* A byte string: returns a pointer into the payload (not copied) and its length in *len. */
const uint8_t *wire_get_bytes(struct wire_reader *r, size_t *len);
/* A string copied into @dst (cap bytes, always NUL-terminated).  A string longer than cap-1 is
 * truncated, not an error; a string holding a NUL is an error. */
void wire_get_str(struct wire_reader *r, char *dst, size_t cap);
/* 0 if every field was whole and nothing is left over, else -EPROTO. */
int wire_reader_done(const struct wire_reader *r);

#endif
