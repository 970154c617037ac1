/* chan.c: the agent's end of the job channel: open it, send frames, read the one JOB.
 * The host's end (deadlines, caps on what the agent sends) is src/sandbox/channel.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "core/frame.h"
#include "core/limits.h"
#include "guest.h"

int guest_chan_open(struct guest_chan *c, int fd, const char *path, struct dojo_err *err)
{
	struct termios tio;

	memset(c, 0, sizeof(*c));
	buf_init(&c->out, DOJO_MAX_FRAME_BYTES);
	if (path) {
		fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (fd < 0)
			return dojo_err_set(err, -errno, "cannot open the channel %s: %s", path,
					    strerror(errno));
		/* a serial console would echo and translate bytes: frames need a raw line */
		if (isatty(fd) && tcgetattr(fd, &tio) == 0) {
			cfmakeraw(&tio);
			if (tcsetattr(fd, TCSANOW, &tio) < 0) {
				int e = -errno;

				close(fd);
				return dojo_err_set(err, e, "cannot make %s raw: %s", path, strerror(-e));
			}
		}
	} else if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
		return dojo_err_set(err, -errno, "channel fd %d is not open: %s", fd, strerror(errno));
	}
	c->fd = fd;
	return 0;
}

void guest_chan_close(struct guest_chan *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	buf_free(&c->out);
}

struct buf *guest_chan_buf(struct guest_chan *c)
{
	buf_reset(&c->out);
	return &c->out;
}

int guest_chan_send_raw(struct guest_chan *c, uint8_t type, const void *p, size_t len)
{
	int err;

	if (c->dead)
		return c->dead;
	err = frame_write_fd(c->fd, type, p, len);
	if (err)
		c->dead = err;
	return err;
}

int guest_chan_send(struct guest_chan *c, uint8_t type, int enc)
{
	if (enc)
		return enc;
	return guest_chan_send_raw(c, type, c->out.data ? c->out.data : (const uint8_t *)"",
				   c->out.len);
}

int guest_send_error(struct guest_chan *c, int code, const char *fmt, ...)
{
	struct proto_error m = { .err = code };
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m.msg, sizeof(m.msg), fmt, ap);
	va_end(ap);
	return guest_chan_send(c, FRAME_ERROR, proto_put_error(guest_chan_buf(c), &m));
}

int guest_send_ready(struct guest_chan *c)
{
	struct proto_ready m;

	guest_copy(m.version, sizeof(m.version), PROTO_VERSION);
	return guest_chan_send(c, FRAME_READY, proto_put_ready(guest_chan_buf(c), &m));
}

int guest_send_log(struct guest_chan *c, uint8_t level, const char *text)
{
	struct proto_log m = { .level = level };

	if (c->logs >= DOJO_AGENT_MAX_LOG_FRAMES)
		return 0;
	c->logs++;
	guest_copy(m.text, sizeof(m.text), text);
	return guest_chan_send(c, FRAME_LOG, proto_put_log(guest_chan_buf(c), &m));
}

/* Spinning: wait for a frame in a non-blocking read() until @spin_end, then sleep in it. */
static ssize_t read_some(struct guest_chan *c, void *p, size_t len, int *spinning, int flags,
			 uint64_t spin_end)
{
	for (;;) {
		ssize_t n = read(c->fd, p, len);

		if (n >= 0 || (errno != EINTR && errno != EAGAIN))
			return n;
		if (errno == EAGAIN && *spinning && dojo_now_ms() >= spin_end) {
			/* the JOB is late (its program still compiles): sleep in read() after all */
			*spinning = 0;
			if (fcntl(c->fd, F_SETFL, flags) < 0)
				return -1;
		}
	}
}

int guest_chan_read_job(struct guest_chan *c, struct buf *storage, struct proto_job *job)
{
	static struct proto_play play;
	uint8_t type = 0;
	int err = guest_chan_read_any(c, storage, &play, &type);

	if (!err && type != FRAME_JOB)
		err = -EPROTO;
	if (!err)
		*job = play.job;
	return err;
}

int guest_chan_read_any(struct guest_chan *c, struct buf *storage, struct proto_play *job,
			uint8_t *type)
{
	static uint8_t chunk[FRAME_READ_CHUNK];
	struct frame_reader rd;
	struct frame f;
	int err, flags = fcntl(c->fd, F_GETFL), spinning = c->spin;
	uint64_t spin_end = dojo_now_ms() + GUEST_SPIN_MS;

	if (flags < 0 || (spinning && fcntl(c->fd, F_SETFL, flags | O_NONBLOCK) < 0))
		return -errno;
	frame_reader_init(&rd, DOJO_MAX_FRAME_BYTES);
	for (;;) {
		ssize_t n;

		err = frame_reader_next(&rd, &f);
		if (err > 0 && f.type == FRAME_SAVE && c->spin) {
			/* the host saves the guest as soon as it reads this: every restore then
			 * starts with a whole spin window */
			err = guest_send_ready(c);
			if (err || (!spinning && fcntl(c->fd, F_SETFL, flags | O_NONBLOCK) < 0))
				goto out;
			spinning = 1;
			spin_end = dojo_now_ms() + GUEST_SPIN_MS;
			continue;
		}
		if (err)
			break;
		n = read_some(c, chunk, sizeof(chunk), &spinning, flags, spin_end);
		if (n < 0) {
			err = -errno;
			goto out;
		}
		if (n == 0) {
			err = -ECONNRESET;
			goto out;
		}
		err = frame_reader_feed(&rd, chunk, (size_t)n);
		if (err)
			goto out;
	}
	if (err < 0)
		goto out;
	if (f.type != FRAME_JOB && f.type != FRAME_PLAY) {
		err = -EPROTO;
		goto out;
	}
	*type = f.type;
	memset(job, 0, sizeof(*job));
	/* keep the payload past the reader's life: the object is used until the run ends */
	buf_init(storage, f.len ? f.len : 1);
	err = buf_add(storage, f.payload, f.len);
	if (!err)
		err = f.type == FRAME_JOB ? proto_get_job(storage->data, storage->len, &job->job) :
					    proto_get_play(storage->data, storage->len, job);
out:
	frame_reader_free(&rd);
	if (spinning && fcntl(c->fd, F_SETFL, flags) < 0 && !err)
		err = -errno;
	return err;
}
