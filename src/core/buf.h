/* buf.h: a growable byte buffer with a hard cap.
 *
 * A buffer cannot exist without a maximum (like curl's dynbuf): an append that would pass it
 * fails with -E2BIG and leaves the buffer unchanged.  The contents are always NUL-terminated
 * (the terminator is not counted in len), so text can be used as a C string. */
#ifndef DOJO_BUF_H
#define DOJO_BUF_H

#include <stddef.h>
#include <stdint.h>

#define DOJO_WARN_UNUSED __attribute__((warn_unused_result))

struct buf {
	uint8_t *data;   /* NULL until the first append */
	size_t len;      /* bytes used */
	size_t cap;      /* bytes allocated (excluding the terminator) */
	size_t max;      /* hard limit on len */
};

/* Start an empty buffer that may hold at most @max bytes.  Allocates nothing. */
void buf_init(struct buf *b, size_t max);

/* Free the contents; @b is empty (and reusable, same max) afterwards.  Accepts a zeroed buf. */
void buf_free(struct buf *b);

/* Drop the contents but keep the memory. */
void buf_reset(struct buf *b);

/* Append @len bytes.  0 on success, -E2BIG past max, -ENOMEM. */
int buf_add(struct buf *b, const void *data, size_t len) DOJO_WARN_UNUSED;

/* Append a C string (without its NUL). */
int buf_adds(struct buf *b, const char *s) DOJO_WARN_UNUSED;

/* Append printf-style text.  On -E2BIG nothing is appended. */
int buf_addf(struct buf *b, const char *fmt, ...) DOJO_WARN_UNUSED
	__attribute__((format(printf, 2, 3)));

/* Remove the first @n bytes (n <= len). */
void buf_consume(struct buf *b, size_t n);

/* Hand the contents to the caller, who must free() them; @b is left empty.  *len gets the
 * length (may be NULL).  Returns NULL (and *len 0) for an empty buffer. */
uint8_t *buf_take(struct buf *b, size_t *len);

#endif
