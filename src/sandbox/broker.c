/* broker.c: the sandbox broker, a small privileged process (OpenBSD-style privilege separation):
 * it makes guests ready for a caller that dropped every privilege, and destroys them.
 *
 * The split.  A run needs root for three things: starting qemu (as nobody, vm_qemu.c: only
 * root can setresuid to it, open /dev/kvm for it and read the snapshot in the 0700 runtime
 * dir), starting the host-mode agent (clone() of new namespaces; the agent loads BPF), and
 * keeping spares (sandbox_vm_spares()).  Everything else of a run needs nothing: sending the
 * JOB (the learner's object), the per-run entropy and wall clock (they travel in the JOB,
 * JOB_SEED_RNG | JOB_SET_CLOCK, drawn by getrandom() and clock_gettime(): no privilege),
 * decoding the agent's frames (channel.c), grading.  So the broker does sandbox_start() (vm:
 * wait for a slot, take a spare or start qemu, restore; host: start the agent and wait for its
 * READY, a fixed-size frame) and passes the guest's channel fd back with SCM_RIGHTS; the caller
 * sends the JOB and reads every frame itself.  Freeing a guest (kill, reap, release the slot or
 * the host lock) and explaining why one went away (qemu's exit status and last words, which
 * only its parent can reap) are fixed-size requests.
 *
 *	caller (unprivileged)                     broker (root)
 *	-- CONNECT + fd of a new socketpair -->   control socket: a thread for the connection
 *	-- START kind, timeout, flags -------->   sandbox_start(): the real backend
 *	<- STARTED rc, deadline, ... + chan fd    (the broker never reads the channel again)
 *	   JOB, then the agent's frames, on the channel: never through the broker
 *	-- EXPLAIN rc, msg (after a failure) ->   the backend's explain()
 *	-- FREE ------------------------------>   sandbox_free(); <- FREED; the thread ends
 *	-- SPARES n (control socket) ---------->   sandbox_vm_spares(n): the spares are the broker's
 *	-- STATUS (a connection of its own) --->   <- STATUS_IS spares ready (for /healthz)
 *
 * Every packet is one fixed-size message (broker.h; SOCK_SEQPACKET keeps them apart); the
 * broker parses nothing else.  Anything malformed (an unknown type, a wrong size, an fd where
 * none belongs, a request out of order) and the broker hangs up: on a guest connection it
 * destroys that guest, on the control socket it destroys every guest and exits.  When the
 * caller dies, every socket closes: the same.  The broker is forked before the caller drops
 * privileges and closes every fd it did not create, so it holds none of the caller's. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#include "core/frame.h"
#include "core/wire.h"
#include "broker.h"
#include "vm.h"

/* ---- The codec ---- */

static uint32_t payload_len(uint8_t type)
{
	switch (type) {
	case BROKER_CONNECT: case BROKER_FREE: case BROKER_FREED: case BROKER_STATUS:
		return 0;
	case BROKER_START:
		return 12;
	case BROKER_SPARES: case BROKER_STATUS_IS:
		return 4;
	case BROKER_EXPLAIN: case BROKER_EXPLAINED:
		return 4 + DOJO_MAX_MESSAGE;
	case BROKER_STARTED:
		return 4 + 8 + 8 + 4 * 4 + 8 + DOJO_MAX_MESSAGE;
	default:
		return UINT32_MAX;
	}
}

static int carries_fd(const struct broker_msg *m)
{
	return m->type == BROKER_CONNECT || (m->type == BROKER_STARTED && m->rc == 0);
}

static int encode(struct buf *p, const struct broker_msg *m)
{
	char msg[DOJO_MAX_MESSAGE] = { 0 };
	int rc = 0;

	snprintf(msg, sizeof(msg), "%s", m->msg);
	switch (m->type) {
	case BROKER_START:
		rc = wire_put_u32(p, m->kind) ?: wire_put_u32(p, m->timeout_ms) ?: wire_put_u32(p, m->flags);
		break;
	case BROKER_SPARES: case BROKER_STATUS_IS:
		rc = wire_put_u32(p, m->kind);
		break;
	case BROKER_EXPLAIN: case BROKER_EXPLAINED:
		rc = wire_put_u32(p, (uint32_t)m->rc) ?: buf_add(p, msg, sizeof(msg));
		break;
	case BROKER_STARTED:
		rc = wire_put_u32(p, (uint32_t)m->rc) ?: wire_put_u64(p, m->t0) ?:
		     wire_put_u64(p, m->deadline) ?: wire_put_u32(p, m->job_flags) ?:
		     wire_put_u32(p, m->drain_eof) ?: wire_put_u32(p, m->spare) ?:
		     wire_put_u32(p, m->frames) ?: wire_put_u64(p, m->bytes) ?:
		     buf_add(p, msg, sizeof(msg));
		break;
	}
	return rc;
}

/* A fixed-size string field: copied, its last byte forced to NUL. */
static void get_text(struct wire_reader *r, char *dst)
{
	if (r->err || r->left < DOJO_MAX_MESSAGE) {
		r->err = -EPROTO;
		dst[0] = 0;
		return;
	}
	memcpy(dst, r->p, DOJO_MAX_MESSAGE);
	dst[DOJO_MAX_MESSAGE - 1] = 0;
	r->p += DOJO_MAX_MESSAGE;
	r->left -= DOJO_MAX_MESSAGE;
}

static int decode(struct broker_msg *m, const uint8_t *pkt, size_t n)
{
	struct wire_reader r;
	uint32_t len;

	if (n < FRAME_HDR_LEN)
		return -EPROTO;
	len = (uint32_t)pkt[0] | (uint32_t)pkt[1] << 8 | (uint32_t)pkt[2] << 16 | (uint32_t)pkt[3] << 24;
	memset(m, 0, sizeof(*m));
	m->type = pkt[4];
	if (len != payload_len(m->type) || n != FRAME_HDR_LEN + len)
		return -EPROTO;
	wire_reader_init(&r, pkt + FRAME_HDR_LEN, len);
	switch (m->type) {
	case BROKER_START:
		m->kind = wire_get_u32(&r);
		m->timeout_ms = wire_get_u32(&r);
		m->flags = wire_get_u32(&r);
		break;
	case BROKER_SPARES: case BROKER_STATUS_IS:
		m->kind = wire_get_u32(&r);
		break;
	case BROKER_EXPLAIN: case BROKER_EXPLAINED:
		m->rc = (int32_t)wire_get_u32(&r);
		get_text(&r, m->msg);
		break;
	case BROKER_STARTED:
		m->rc = (int32_t)wire_get_u32(&r);
		m->t0 = wire_get_u64(&r);
		m->deadline = wire_get_u64(&r);
		m->job_flags = wire_get_u32(&r);
		m->drain_eof = wire_get_u32(&r);
		m->spare = wire_get_u32(&r);
		m->frames = wire_get_u32(&r);
		m->bytes = wire_get_u64(&r);
		get_text(&r, m->msg);
		break;
	}
	return wire_reader_done(&r);
}

int broker_send(int fd, const struct broker_msg *m, int pass_fd)
{
	char ctl[CMSG_SPACE(sizeof(int))] = { 0 };
	struct buf payload, pkt;
	struct msghdr mh = { 0 };
	struct iovec iov;
	ssize_t n;
	int rc;

	buf_init(&payload, BROKER_MAX_PACKET);
	buf_init(&pkt, BROKER_MAX_PACKET);
	rc = encode(&payload, m);
	if (!rc)
		rc = frame_encode(&pkt, m->type, payload.data, payload.len);
	if (rc)
		goto out;
	iov = (struct iovec){ pkt.data, pkt.len };
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	if (pass_fd >= 0) {
		struct cmsghdr *c;

		mh.msg_control = ctl;
		mh.msg_controllen = sizeof(ctl);
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &pass_fd, sizeof(int));
	}
	do
		n = sendmsg(fd, &mh, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		rc = -errno;
	else if ((size_t)n != pkt.len)
		rc = -EPROTO;
out:
	buf_free(&payload);
	buf_free(&pkt);
	return rc;
}

int broker_recv(int fd, struct broker_msg *m, int *got_fd, int timeout_ms)
{
	uint8_t pkt[BROKER_MAX_PACKET + 1];
	char ctl[CMSG_SPACE(sizeof(int) * 4)];
	struct iovec iov = { pkt, sizeof(pkt) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
			     .msg_controllen = sizeof(ctl) };
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int nfds = 0, rc;
	ssize_t n;

	*got_fd = -1;
	do
		rc = poll(&p, 1, timeout_ms);
	while (rc < 0 && errno == EINTR);
	if (rc < 0)
		return -errno;
	if (rc == 0)
		return -ETIMEDOUT;
	do
		n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == ECONNRESET ? 0 : -errno;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		for (size_t i = 0; i < (c->cmsg_len - CMSG_LEN(0)) / sizeof(int); i++) {
			int f;

			memcpy(&f, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
			if (nfds++ == 0)
				*got_fd = f;
			else
				close(f);
		}
	}
	if (n == 0 && nfds == 0)
		return 0;
	rc = (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) || nfds > 1 ? -EPROTO : decode(m, pkt, (size_t)n);
	if (!rc && carries_fd(m) != (*got_fd >= 0))
		rc = -EPROTO;
	if (rc && *got_fd >= 0) {
		close(*got_fd);
		*got_fd = -1;
	}
	return rc ? rc : 1;
}

/* ---- The broker process ---- */

static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int conns[DOJO_BROKER_MAX_GUESTS];  /* guest connections being served, -1 = free slot */
	unsigned n;
	const struct sandbox_broker_opts *opts;
} broker = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, { 0 }, 0, NULL };

static void reply_started(int conn, struct sandbox *sb, int rc, const struct dojo_err *err)
{
	struct broker_msg r = { .type = BROKER_STARTED, .rc = rc };
	int chan = -1;

	if (!rc) {
		r.t0 = sb->t0;
		r.deadline = sb->deadline;
		r.job_flags = sb->job_flags;
		r.drain_eof = (uint32_t)sb->drain_eof;
		r.spare = (uint32_t)sb->st.spare;
		r.frames = sb->chan.frames;
		r.bytes = sb->chan.bytes;
		chan = sb->chan.fd;
	} else {
		snprintf(r.msg, sizeof(r.msg), "%s", err->msg);
	}
	(void)broker_send(conn, &r, chan);   /* a caller gone by now: the next recv says so */
}

/* Serve one guest connection: START, then EXPLAIN* and FREE; or STATUS alone; anything else
 * hangs up. */
static void serve(int conn)
{
	struct sandbox *sb = NULL;
	struct broker_msg m;
	int started = 0, fd;

	while (broker_recv(conn, &m, &fd, -1) == 1) {
		struct dojo_err err = { 0 };

		if (fd >= 0) {   /* a CONNECT on a guest connection */
			close(fd);
			break;
		}
		if (m.type == BROKER_START && !started) {
			struct sandbox_opts o = {
				.kind = (enum sandbox_kind)m.kind, .timeout_ms = m.timeout_ms,
				.paths = broker.opts->paths, .agent_path = broker.opts->agent_path,
				.vm_initramfs = broker.opts->vm_initramfs,
				.verifier_log_level2 = !!(m.flags & BROKER_F_LOG_LEVEL2),
			};
			int rc = m.timeout_ms > DOJO_BROKER_MAX_TIMEOUT_MS || (m.flags & ~BROKER_F_LOG_LEVEL2) ?
				dojo_err_set(&err, -EINVAL, "the sandbox broker refused a start request out of range") :
				sandbox_start(&o, &sb, &err);

			/* the caller must get the channel with nothing of it read but READY */
			if (!rc && frame_reader_pending_bytes(&sb->chan.rd))
				rc = dojo_err_set(&err, -EPROTO, "the agent sent more than READY before its job");
			reply_started(conn, sb, rc, &err);
			started = 1;
		} else if (m.type == BROKER_STATUS && !started) {
			struct broker_msg r = { .type = BROKER_STATUS_IS, .kind = sandbox_vm_spares_ready() };

			(void)broker_send(conn, &r, -1);
			break;
		} else if (m.type == BROKER_EXPLAIN && sb) {
			struct broker_msg r = { .type = BROKER_EXPLAINED, .rc = m.rc };

			err.code = m.rc;
			memcpy(err.msg, m.msg, sizeof(err.msg));
			if (sb->be && sb->be->explain)
				sb->be->explain(sb, m.rc, &err);
			memcpy(r.msg, err.msg, sizeof(r.msg));
			(void)broker_send(conn, &r, -1);
		} else if (m.type == BROKER_FREE) {
			struct broker_msg r = { .type = BROKER_FREED };

			sandbox_free(sb);
			sb = NULL;
			(void)broker_send(conn, &r, -1);
			break;
		} else {
			break;   /* out of order: hang up */
		}
	}
	sandbox_free(sb);
}

static void *conn_main(void *arg)
{
	int slot = (int)(intptr_t)arg, conn;

	pthread_mutex_lock(&broker.mu);
	conn = broker.conns[slot];
	pthread_mutex_unlock(&broker.mu);
	serve(conn);
	pthread_mutex_lock(&broker.mu);
	close(conn);
	broker.conns[slot] = -1;
	broker.n--;
	pthread_cond_broadcast(&broker.cv);
	pthread_mutex_unlock(&broker.mu);
	return NULL;
}

/* Serve @conn on a thread of its own; not a unix packet socket, full or out of threads: close
 * it (the caller's START then finds the connection closed). */
static void add_conn(int conn)
{
	int slot = -1, type = 0, domain = 0;
	socklen_t tl = sizeof(type), dl = sizeof(domain);
	pthread_attr_t a;
	pthread_t t;

	if (getsockopt(conn, SOL_SOCKET, SO_TYPE, &type, &tl) < 0 || type != SOCK_SEQPACKET ||
	    getsockopt(conn, SOL_SOCKET, SO_DOMAIN, &domain, &dl) < 0 || domain != AF_UNIX) {
		close(conn);
		return;
	}

	pthread_mutex_lock(&broker.mu);
	for (unsigned i = 0; i < DOJO_BROKER_MAX_GUESTS && slot < 0; i++)
		if (broker.conns[i] < 0)
			slot = (int)i;
	if (slot >= 0) {
		broker.conns[slot] = conn;
		broker.n++;
	}
	pthread_mutex_unlock(&broker.mu);
	if (slot < 0) {
		close(conn);
		return;
	}
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &a, conn_main, (void *)(intptr_t)slot)) {
		pthread_mutex_lock(&broker.mu);
		broker.conns[slot] = -1;
		broker.n--;
		pthread_mutex_unlock(&broker.mu);
		close(conn);
	}
	pthread_attr_destroy(&a);
}

int broker_main(int ctl, const struct sandbox_broker_opts *opts)
{
	struct broker_msg m;
	int rc, fd;

	/* a terminal's ^C or a service manager's TERM is for the caller: the broker ends when its
	 * caller hangs up, after the caller's graceful shutdown */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	broker.opts = opts;
	for (unsigned i = 0; i < DOJO_BROKER_MAX_GUESTS; i++)
		broker.conns[i] = -1;
	if (opts->vm_spares)
		(void)sandbox_vm_spares(opts->vm_spares);   /* none: runs start qemu themselves */
	while ((rc = broker_recv(ctl, &m, &fd, -1)) == 1) {
		if (m.type == BROKER_CONNECT)
			add_conn(fd);
		else if (m.type == BROKER_SPARES)
			(void)sandbox_vm_spares(m.kind);   /* capped there */
		else
			break;
	}
	if (rc == 1 && fd >= 0)
		close(fd);
	close(ctl);
	/* hang up on every guest connection: each thread destroys its guest and ends */
	pthread_mutex_lock(&broker.mu);
	for (unsigned i = 0; i < DOJO_BROKER_MAX_GUESTS; i++)
		if (broker.conns[i] >= 0)
			shutdown(broker.conns[i], SHUT_RDWR);
	while (broker.n)
		pthread_cond_wait(&broker.cv, &broker.mu);
	pthread_mutex_unlock(&broker.mu);
	(void)sandbox_vm_spares(0);
	return rc == 0 || rc == -ECONNRESET ? 0 : 2;
}
