/* frame.c: encoding frames and reading them incrementally; see frame.h for the wire format. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "frame.h"

static const char *const frame_names[FRAME_TYPE_MAX] = {
	[FRAME_JOB] = "JOB",
	[FRAME_SAVE] = "SAVE",
	[FRAME_READY] = "READY",
	[FRAME_LOG] = "LOG",
	[FRAME_LOADED] = "LOADED",
	[FRAME_ATTACHED] = "ATTACHED",
	[FRAME_ATTACH_FAILED] = "ATTACH_FAILED",
	[FRAME_LOAD_FAILED] = "LOAD_FAILED",
	[FRAME_RECORD] = "RECORD",
	[FRAME_WORKLOAD_DONE] = "WORKLOAD_DONE",
	[FRAME_DONE] = "DONE",
	[FRAME_ERROR] = "ERROR",
	[FRAME_PLAY] = "PLAY",
	[FRAME_PLAY_OUTPUT] = "PLAY_OUTPUT",
	[FRAME_PLAY_RECORD] = "PLAY_RECORD",
	[FRAME_PLAY_MAP] = "PLAY_MAP",
	[FRAME_PLAY_ENTRY] = "PLAY_ENTRY",
	[FRAME_PLAY_STATS] = "PLAY_STATS",
	[FRAME_PLAY_DROPPED] = "PLAY_DROPPED",
	[FRAME_PLAY_RING] = "PLAY_RING",
	[FRAME_XLATED] = "XLATED",
};

const char *frame_type_name(uint8_t type)
{
	if (type < FRAME_TYPE_MAX && frame_names[type])
		return frame_names[type];
	return "?";
}

static void put_hdr(uint8_t hdr[FRAME_HDR_LEN], uint8_t type, uint32_t len)
{
	hdr[0] = len & 0xff;
	hdr[1] = (len >> 8) & 0xff;
	hdr[2] = (len >> 16) & 0xff;
	hdr[3] = (len >> 24) & 0xff;
	hdr[4] = type;
}

static uint32_t get_len(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int frame_encode(struct buf *out, uint8_t type, const void *payload, size_t len)
{
	uint8_t hdr[FRAME_HDR_LEN];
	size_t old = out->len;
	int err;

	if (len > UINT32_MAX)
		return -E2BIG;
	put_hdr(hdr, type, (uint32_t)len);
	err = buf_add(out, hdr, sizeof(hdr));
	if (!err)
		err = buf_add(out, payload, len);
	if (err)
		out->len = old;
	return err;
}

void frame_reader_init(struct frame_reader *r, uint32_t max_len)
{
	/* room for one maximal frame plus one read()'s worth of the next */
	buf_init(&r->in, (size_t)max_len + FRAME_HDR_LEN + 65536);
	r->max_len = max_len;
	r->pending = 0;
}

void frame_reader_free(struct frame_reader *r)
{
	buf_free(&r->in);
	r->pending = 0;
}

/* Bytes already handed out stay at the front of the buffer until the next feed, which drops
 * them in one move: taking n frames out of one chunk costs O(chunk), not O(n * chunk). */
static void drop_pending(struct frame_reader *r)
{
	if (r->pending) {
		buf_consume(&r->in, r->pending);
		r->pending = 0;
	}
}

int frame_reader_feed(struct frame_reader *r, const void *data, size_t len)
{
	const uint8_t *p = data;
	size_t off = 0;   /* start of the first frame not known to be whole */
	int err;

	drop_pending(r);
	while (len) {
		/* never buffer more than the current frame needs plus one header: every length is
		 * seen (and checked) before its payload is stored */
		size_t held, want, take;

		/* walk past whole frames; @off only moves forward, so one feed is linear */
		while (r->in.len - off >= FRAME_HDR_LEN) {
			uint32_t flen = get_len(r->in.data + off);

			if (flen > r->max_len)
				return -EMSGSIZE;
			if (r->in.len - off < FRAME_HDR_LEN + (size_t)flen)
				break;
			off += FRAME_HDR_LEN + flen;
		}
		held = r->in.len - off;
		if (held < FRAME_HDR_LEN)
			want = FRAME_HDR_LEN - held;
		else
			want = FRAME_HDR_LEN + (size_t)get_len(r->in.data + off) - held;
		take = want < len ? want : len;
		err = buf_add(&r->in, p, take);
		if (err)
			return err == -E2BIG ? -EMSGSIZE : err;
		p += take;
		len -= take;
	}
	/* a header completed by the last bytes is checked now, not at the next call */
	while (r->in.len - off >= FRAME_HDR_LEN) {
		uint32_t flen = get_len(r->in.data + off);

		if (flen > r->max_len)
			return -EMSGSIZE;
		if (r->in.len - off < FRAME_HDR_LEN + (size_t)flen)
			break;
		off += FRAME_HDR_LEN + flen;
	}
	return 0;
}

int frame_reader_next(struct frame_reader *r, struct frame *f)
{
	size_t held = r->in.len - r->pending;
	const uint8_t *h;
	uint32_t len;

	if (held < FRAME_HDR_LEN)
		return 0;
	h = r->in.data + r->pending;
	len = get_len(h);
	if (len > r->max_len)
		return -EMSGSIZE;
	if (h[4] == 0 || h[4] >= FRAME_TYPE_MAX)
		return -EPROTO;
	if (held - FRAME_HDR_LEN < len)
		return 0;
	f->type = h[4];
	f->len = len;
	f->payload = h + FRAME_HDR_LEN;
	r->pending += FRAME_HDR_LEN + (size_t)len;
	return 1;
}

size_t frame_reader_pending_bytes(const struct frame_reader *r)
{
	return r->in.len - r->pending;
}

static int write_all(int fd, const void *data, size_t len)
{
	const uint8_t *p = data;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int frame_write_fd(int fd, uint8_t type, const void *payload, size_t len)
{
	uint8_t hdr[FRAME_HDR_LEN];
	int err;

	if (len > UINT32_MAX)
		return -E2BIG;
	put_hdr(hdr, type, (uint32_t)len);
	err = write_all(fd, hdr, sizeof(hdr));
	if (!err && len)
		err = write_all(fd, payload, len);
	return err;
}
