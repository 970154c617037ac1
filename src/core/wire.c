/* wire.c: payload fields; see wire.h. */
#include <errno.h>
#include <string.h>
#include "wire.h"

int wire_put_u8(struct buf *b, uint8_t v)
{
	return buf_add(b, &v, 1);
}

int wire_put_u32(struct buf *b, uint32_t v)
{
	uint8_t x[4];

	for (int i = 0; i < 4; i++)
		x[i] = (v >> (8 * i)) & 0xff;
	return buf_add(b, x, sizeof(x));
}

int wire_put_u64(struct buf *b, uint64_t v)
{
	uint8_t x[8];

	for (int i = 0; i < 8; i++)
		x[i] = (v >> (8 * i)) & 0xff;
	return buf_add(b, x, sizeof(x));
}

int wire_put_bytes(struct buf *b, const void *p, size_t len)
{
	size_t old = b->len;
	int err;

	if (len > UINT32_MAX)
		return -E2BIG;
	err = wire_put_u32(b, (uint32_t)len);
	if (!err)
		err = buf_add(b, p, len);
	if (err)
		b->len = old;
	return err;
}

int wire_put_str(struct buf *b, const char *s)
{
	return wire_put_bytes(b, s ? s : "", s ? strlen(s) : 0);
}

void wire_reader_init(struct wire_reader *r, const void *p, size_t len)
{
	r->p = p;
	r->left = len;
	r->err = 0;
}

static const uint8_t *take(struct wire_reader *r, size_t n)
{
	const uint8_t *p;

	if (r->err || n > r->left) {
		r->err = -EPROTO;
		return NULL;
	}
	p = r->p;
	r->p += n;
	r->left -= n;
	return p;
}

uint8_t wire_get_u8(struct wire_reader *r)
{
	const uint8_t *p = take(r, 1);

	return p ? p[0] : 0;
}

uint32_t wire_get_u32(struct wire_reader *r)
{
	const uint8_t *p = take(r, 4);
	uint32_t v = 0;

	for (int i = 0; p && i < 4; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

uint64_t wire_get_u64(struct wire_reader *r)
{
	const uint8_t *p = take(r, 8);
	uint64_t v = 0;

	for (int i = 0; p && i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

const uint8_t *wire_get_bytes(struct wire_reader *r, size_t *len)
{
	uint32_t n = wire_get_u32(r);
	const uint8_t *p = take(r, n);

	*len = p ? n : 0;
	return p;
}

void wire_get_str(struct wire_reader *r, char *dst, size_t cap)
{
	size_t len, n;
	const uint8_t *p = wire_get_bytes(r, &len);

	if (cap == 0)
		return;
	dst[0] = 0;
	if (!p)
		return;
	if (memchr(p, 0, len)) {
		r->err = -EPROTO;
		return;
	}
	n = len < cap - 1 ? len : cap - 1;
	memcpy(dst, p, n);
	dst[n] = 0;
}

int wire_reader_done(const struct wire_reader *r)
{
	if (r->err)
		return r->err;
	return r->left ? -EPROTO : 0;
}
