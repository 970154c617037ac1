/* channel.c: reading and writing frames on a job channel under a deadline, with caps; each
 * agent frame decoded into a typed message, here and nowhere else; the host's half of the
 * agent protocol.  Used by every sandbox backend; see channel.h. */
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/types.h>
#include "core/limits.h"
#include "core/proto.h"
#include "include/dojo_record.h"
#include "channel.h"

int sandbox_chan_init(struct sandbox_chan *c, int fd, uint64_t deadline_ms)
{
	int fl = fcntl(fd, F_GETFL);

	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->cancel_fd = -1;
	c->deadline_ms = deadline_ms;
	frame_reader_init(&c->rd, DOJO_MAX_FRAME_BYTES);
	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		return -errno;
	return 0;
}

void sandbox_chan_free(struct sandbox_chan *c)
{
	frame_reader_free(&c->rd);
}

void sandbox_chan_set_cancel(struct sandbox_chan *c, int cancel_fd)
{
	c->cancel_fd = cancel_fd;
}

/* Wait for @events on the channel; 0, -ETIMEDOUT, -ECANCELED (the caller's stop signal) or a
 * negative errno. */
static int wait_fd(struct sandbox_chan *c, short events, struct dojo_err *err)
{
	for (;;) {
		struct pollfd p[2] = { { .fd = c->fd, .events = events },
				       { .fd = c->cancel_fd, .events = POLLIN } };
		uint64_t now = dojo_now_ms();
		int n;

		if (now >= c->deadline_ms)
			return dojo_err_set(err, -ETIMEDOUT, "the run did not finish before its deadline");
		n = poll(p, c->cancel_fd >= 0 ? 2 : 1, (int)(c->deadline_ms - now));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return dojo_err_set(err, -errno, "poll on the agent's channel: %s", strerror(errno));
		if (c->cancel_fd >= 0 && (p[1].revents & POLLIN))
			return dojo_err_set(err, -ECANCELED, "the run was stopped by its caller");
		if (n > 0)
			return 0;
	}
}

int sandbox_chan_next(struct sandbox_chan *c, struct frame *f, struct dojo_err *err)
{
	static __thread uint8_t chunk[FRAME_READ_CHUNK];

	for (;;) {
		int rc = frame_reader_next(&c->rd, f);
		ssize_t n;

		if (rc == 1) {
			if (++c->frames > DOJO_MAX_FRAMES)
				return dojo_err_set(err, -EPROTO, "the agent sent more than %u frames", DOJO_MAX_FRAMES);
			return 1;
		}
		if (rc == -EMSGSIZE)
			return dojo_err_set(err, -EPROTO, "the agent sent a frame over %u bytes", DOJO_MAX_FRAME_BYTES);
		if (rc < 0)
			return dojo_err_set(err, -EPROTO, "the agent sent a frame of unknown type %u", c->rd.in.len > 4 ? c->rd.in.data[4] : 0);
		if (c->eof) {
			if (frame_reader_pending_bytes(&c->rd))
				return dojo_err_set(err, -EPROTO, "the agent closed the channel in the middle of a frame");
			return 0;
		}
		rc = wait_fd(c, POLLIN, err);
		if (rc)
			return rc;
		n = read(c->fd, chunk, sizeof(chunk));
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0 && errno == ECONNRESET)
			n = 0;
		if (n < 0)
			return dojo_err_set(err, -errno, "reading the agent's channel: %s", strerror(errno));
		if (n == 0) {
			c->eof = 1;
			continue;
		}
		c->bytes += (size_t)n;
		if (c->bytes > DOJO_MAX_CHANNEL_BYTES)
			return dojo_err_set(err, -EPROTO, "the agent sent more than %u bytes", DOJO_MAX_CHANNEL_BYTES);
		rc = frame_reader_feed(&c->rd, chunk, (size_t)n);
		if (rc == -EMSGSIZE)
			return dojo_err_set(err, -EPROTO, "the agent sent a frame over %u bytes", DOJO_MAX_FRAME_BYTES);
		if (rc)
			return dojo_err_set(err, rc, "buffering the agent's frames: %s", strerror(-rc));
	}
}

static int write_all(struct sandbox_chan *c, const uint8_t *p, size_t len, struct dojo_err *err)
{
	while (len) {
		/* MSG_NOSIGNAL: a guest that died must be an EPIPE here, not a SIGPIPE for the host */
		ssize_t n = send(c->fd, p, len, MSG_NOSIGNAL);

		if (n < 0 && errno == ENOTSOCK)
			n = write(c->fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN) {
			int rc = wait_fd(c, POLLOUT, err);

			if (rc)
				return rc;
			continue;
		}
		if (n < 0)
			return dojo_err_set(err, -errno, "writing to the agent: %s", strerror(errno));
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int sandbox_chan_write(struct sandbox_chan *c, uint8_t type, const void *p, size_t len,
		       struct dojo_err *err)
{
	struct buf b;
	int rc;

	buf_init(&b, DOJO_MAX_FRAME_BYTES + FRAME_HDR_LEN);
	rc = frame_encode(&b, type, p, len);
	if (rc)
		return dojo_err_set(err, rc, "a %s frame of %zu bytes is too big", frame_type_name(type), len);
	rc = write_all(c, b.data, b.len, err);
	buf_free(&b);
	return rc;
}

int sandbox_chan_recv(struct sandbox_chan *c, struct sandbox_msg *m, struct dojo_err *err)
{
	struct frame f;
	int rc = sandbox_chan_next(c, &f, err);

	if (rc <= 0)
		return rc;
	memset(m, 0, offsetof(struct sandbox_msg, u));
	m->type = (enum frame_type)f.type;
	switch (f.type) {
	case FRAME_READY: rc = proto_get_ready(f.payload, f.len, &m->u.ready); break;
	case FRAME_LOG: rc = proto_get_log(f.payload, f.len, &m->u.log); break;
	case FRAME_LOADED: rc = proto_get_loaded(f.payload, f.len, &m->u.loaded); break;
	case FRAME_ATTACHED: rc = proto_get_attached(f.payload, f.len, &m->u.attached); break;
	case FRAME_ATTACH_FAILED:
		rc = proto_get_attach_failed(f.payload, f.len, &m->u.attach_failed);
		break;
	case FRAME_LOAD_FAILED: rc = proto_get_load_failed(f.payload, f.len, &m->u.load_failed); break;
	case FRAME_RECORD:
		/* frame payloads are not aligned: the record is copied out */
		rc = f.len == sizeof(m->u.record) ? 0 : -EPROTO;
		if (!rc)
			memcpy(&m->u.record, f.payload, sizeof(m->u.record));
		break;
	case FRAME_WORKLOAD_DONE:
		rc = proto_get_workload_done(f.payload, f.len, &m->u.workload_done);
		break;
	case FRAME_DONE: rc = proto_get_done(f.payload, f.len, &m->u.done); break;
	case FRAME_ERROR: rc = proto_get_error(f.payload, f.len, &m->u.error); break;
	case FRAME_PLAY_OUTPUT: rc = proto_get_play_output(f.payload, f.len, &m->u.play_output); break;
	case FRAME_PLAY_RECORD: rc = proto_get_play_record(f.payload, f.len, &m->u.play_record); break;
	case FRAME_PLAY_MAP: rc = proto_get_play_map(f.payload, f.len, &m->u.play_map); break;
	case FRAME_PLAY_ENTRY: rc = proto_get_play_entry(f.payload, f.len, &m->u.play_entry); break;
	case FRAME_PLAY_STATS: rc = proto_get_play_stats(f.payload, f.len, &m->u.play_stats); break;
	case FRAME_PLAY_DROPPED:
		rc = proto_get_play_dropped(f.payload, f.len, &m->u.play_dropped);
		break;
	case FRAME_PLAY_RING: rc = proto_get_play_ring(f.payload, f.len, &m->u.play_ring); break;
	case FRAME_XLATED: rc = proto_get_xlated(f.payload, f.len, &m->u.xlated); break;
	default:
		return dojo_err_set(err, -EPROTO, "the agent sent a %s frame, which only the host sends", frame_type_name(f.type));
	}
	if (rc)
		return dojo_err_set(err, -EPROTO, "the agent sent a malformed %s frame (%u bytes)", frame_type_name(f.type), f.len);
	return 1;
}

int sandbox_chan_wait_ready(struct sandbox_chan *c, struct dojo_err *err)
{
	struct sandbox_msg m;
	int rc = sandbox_chan_recv(c, &m, err);

	if (rc == 0)
		return dojo_err_set(err, -EPROTO, "the agent exited before it was ready");
	if (rc < 0)
		return rc;
	if (m.type == FRAME_ERROR)
		return dojo_err_set(err, m.u.error.err < 0 ? m.u.error.err : -EIO, "%s", m.u.error.msg);
	if (m.type != FRAME_READY)
		return dojo_err_set(err, -EPROTO, "the agent's first frame is %s, not READY", frame_type_name(m.type));
	if (strcmp(m.u.ready.version, PROTO_VERSION) != 0)
		return dojo_err_set(err, -EPROTO, "the agent speaks %s, this bpfdojo speaks %s: rebuild both (make)", m.u.ready.version, PROTO_VERSION);
	return 0;
}

/* The job's environment (entropy, clock) into @m: 0 or -EIO. */
static int job_env(struct proto_job *m, struct dojo_err *err)
{
	struct timespec ts;

	if (getrandom(m->entropy, sizeof(m->entropy), 0) != (ssize_t)sizeof(m->entropy))
		return dojo_err_set(err, -EIO, "getrandom failed: %s", strerror(errno));
	clock_gettime(CLOCK_REALTIME, &ts);
	m->realtime_ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	return 0;
}

/* A playground job: the exercise job's fields and the workload's command, as a PLAY frame. */
static int send_play(struct sandbox_chan *c, const struct proto_job *base,
		     const struct sandbox_job *job, struct dojo_err *err)
{
	static __thread struct proto_play m;
	struct buf b;
	int rc;

	if (strlen(job->play_cmd) >= sizeof(m.cmd) || strlen(job->play_cmd) > DOJO_PLAY_MAX_CMD)
		return dojo_err_set(err, -E2BIG, "the workload's command is longer than %u bytes", DOJO_PLAY_MAX_CMD);
	if (base->obj_len > DOJO_MAX_OBJECT_BYTES)
		return dojo_err_set(err, -E2BIG, "the object has %zu bytes; bpfdojo allows at most %u", base->obj_len, DOJO_MAX_OBJECT_BYTES);
	memset(&m, 0, sizeof(m));
	m.job = *base;
	snprintf(m.cmd, sizeof(m.cmd), "%s", job->play_cmd);
	m.workload_ms = job->play_ms;
	rc = job_env(&m.job, err);
	if (rc)
		return rc;
	buf_init(&b, DOJO_MAX_FRAME_BYTES);
	rc = proto_put_play(&b, &m);
	if (rc)
		rc = dojo_err_set(err, rc, "cannot encode the job: %s", strerror(-rc));
	else
		rc = sandbox_chan_write(c, FRAME_PLAY, b.data, b.len, err);
	buf_free(&b);
	return rc;
}

int sandbox_chan_send_job(struct sandbox_chan *c, const struct sandbox_job *job, uint32_t flags,
			  uint32_t agent_timeout_ms, struct dojo_err *err)
{
	struct proto_job m = {
		.key = job->key, .flags = flags, .timeout_ms = agent_timeout_ms,
		.max_records = DOJO_MAX_RECORDS, .obj = job->obj, .obj_len = job->obj_len,
	};
	struct buf b;
	int rc;

	if (job->play_cmd)
		return send_play(c, &m, job, err);
	if (!job->exercise || strlen(job->exercise) >= sizeof(m.exercise))
		return dojo_err_set(err, -EINVAL, "the exercise id is missing or too long");
	if (m.obj_len > DOJO_MAX_OBJECT_BYTES)
		return dojo_err_set(err, -E2BIG, "the object has %zu bytes; bpfdojo allows at most %u", m.obj_len, DOJO_MAX_OBJECT_BYTES);
	memcpy(m.exercise, job->exercise, strlen(job->exercise) + 1);
	rc = job_env(&m, err);
	if (rc)
		return rc;
	buf_init(&b, DOJO_MAX_FRAME_BYTES);
	rc = proto_put_job(&b, &m);
	if (rc)
		rc = dojo_err_set(err, rc, "cannot encode the job: %s", strerror(-rc));
	else
		rc = sandbox_chan_write(c, FRAME_JOB, b.data, b.len, err);
	buf_free(&b);
	return rc;
}
