/* broker_client.c: the caller's side of the sandbox broker (see broker.c for the split): fork
 * it, and make sandbox_start() a guest the broker made ready, whose channel this process reads
 * and writes itself; explaining and freeing the guest are requests to the broker. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "broker.h"

#define BROKER_CTL_FD 3   /* the control socket, in the broker */

static struct {
	int ctl;     /* our end of the control socket, -1 = no broker */
	pid_t pid;
} client = { -1, -1 };

int sandbox_broker_active(void)
{
	return client.ctl >= 0;
}

int sandbox_broker_ctl_fd(void)
{
	return client.ctl;
}

int sandbox_broker_pid(void)
{
	return client.ctl >= 0 ? (int)client.pid : -1;
}

int sandbox_broker_start(const struct sandbox_broker_opts *opts, struct dojo_err *err)
{
	static const struct sandbox_broker_opts zero;
	int sv[2];
	pid_t pid;

	if (client.ctl >= 0)
		return dojo_err_set(err, -EALREADY, "the sandbox broker is already running");
	if (!opts)
		opts = &zero;
	if (sandbox_threads() != 1)   /* the broker would lack them, and their locks */
		return dojo_err_set(err, -EBUSY, "start the sandbox broker before any thread (%d running)", sandbox_threads());
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return dojo_err_set(err, -errno, "socketpair for the sandbox broker: %s", strerror(errno));
	pid = fork();
	if (pid < 0) {
		int e = errno;

		close(sv[0]);
		close(sv[1]);
		return dojo_err_set(err, -e, "cannot fork the sandbox broker: %s", strerror(e));
	}
	if (pid == 0) {
		/* the broker holds no fd of the caller's: only its control socket (and stdio) */
		if (dup2(sv[1], BROKER_CTL_FD) < 0)
			_exit(127);
		if (syscall(SYS_close_range, BROKER_CTL_FD + 1, ~0u, 0) < 0) {
			for (int fd = BROKER_CTL_FD + 1; fd < 1024; fd++)
				close(fd);
		}
		prctl(PR_SET_NAME, "bpfdojo-broker");
		prctl(PR_SET_DUMPABLE, 0);
		_exit(broker_main(BROKER_CTL_FD, opts));
	}
	close(sv[1]);
	client.ctl = sv[0];
	client.pid = pid;
	return 0;
}

int sandbox_broker_stop(int *status)
{
	int ws = 0;

	if (client.ctl < 0)
		return -ECHILD;
	close(client.ctl);
	client.ctl = -1;
	while (waitpid(client.pid, &ws, 0) < 0 && errno == EINTR)
		;
	if (status)
		*status = ws;
	return WIFEXITED(ws) && WEXITSTATUS(ws) == 0 ? 0 : -EPROTO;
}

int sandbox_broker_spares(unsigned n)
{
	struct broker_msg m = { .type = BROKER_SPARES, .kind = n };

	return broker_send(client.ctl, &m, -1);
}

/* A connection of our own to the broker, served by a thread there: *conn, or a negative errno. */
static int open_conn(int *conn)
{
	struct broker_msg hello = { .type = BROKER_CONNECT };
	int sv[2], rc;

	*conn = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return -errno;
	rc = broker_send(client.ctl, &hello, sv[1]);
	close(sv[1]);
	if (rc) {
		close(sv[0]);
		return rc;
	}
	*conn = sv[0];
	return 0;
}

int sandbox_broker_spares_ready(unsigned *n)
{
	struct broker_msg m = { .type = BROKER_STATUS }, a;
	int conn, rc, fd = -1;

	rc = open_conn(&conn);
	if (rc)
		return rc;
	rc = broker_send(conn, &m, -1);
	if (!rc) {
		rc = broker_recv(conn, &a, &fd, DOJO_BROKER_REPLY_MS);
		rc = rc == 1 && a.type == BROKER_STATUS_IS ? 0 : rc == 1 || rc == 0 ? -EPROTO : rc;
	}
	if (fd >= 0)
		close(fd);
	close(conn);
	if (!rc)
		*n = a.kind;
	return rc;
}

/* What a guest made ready by the broker holds until sandbox_free(). */
struct remote {
	int conn;   /* our end of the guest's connection to the broker */
	int chan;   /* the guest's channel, passed by the broker */
};

static void remote_explain(struct sandbox *sb, int rc, struct dojo_err *err)
{
	struct remote *r = sb->priv;
	struct broker_msg m = { .type = BROKER_EXPLAIN, .rc = rc }, a;
	int fd;

	if (!r || r->conn < 0 || !err)
		return;
	memcpy(m.msg, err->msg, sizeof(m.msg));
	if (broker_send(r->conn, &m, -1) || broker_recv(r->conn, &a, &fd, DOJO_BROKER_REPLY_MS) != 1 ||
	    a.type != BROKER_EXPLAINED)
		return;   /* the first words stand */
	dojo_err_set(err, rc, "%s", a.msg);
}

static void remote_destroy(struct sandbox *sb)
{
	struct remote *r = sb->priv;
	struct broker_msg m = { .type = BROKER_FREE }, a;
	int fd;

	if (!r)
		return;
	if (r->chan >= 0)
		close(r->chan);
	if (r->conn >= 0) {
		/* wait until the broker destroyed the guest: nothing of the run is left after this */
		if (!broker_send(r->conn, &m, -1))
			(void)broker_recv(r->conn, &a, &fd, DOJO_BROKER_REPLY_MS);
		close(r->conn);
	}
	free(r);
	sb->priv = NULL;
}

static const struct sandbox_backend remote_backend = {
	.explain = remote_explain, .destroy = remote_destroy,
};

static int gone(int rc, struct dojo_err *err)
{
	return dojo_err_set(err, rc == 0 || rc == -EPIPE || rc == -ECONNRESET ? -EPIPE : rc,
			    "the sandbox broker is gone or refused the request (%s): restart bpfdojo serve",
			    rc ? strerror(-rc) : "it hung up");
}

int sandbox_broker_start_guest(struct sandbox *sb, const struct sandbox_opts *opts,
			       struct dojo_err *err)
{
	struct broker_msg m = { .type = BROKER_START, .kind = (uint32_t)opts->kind,
				.timeout_ms = sb->timeout_ms,
				.flags = opts->verifier_log_level2 ? BROKER_F_LOG_LEVEL2 : 0 }, a;
	struct remote *r;
	int rc, fd = -1;

	sb->be = &remote_backend;
	r = calloc(1, sizeof(*r));
	if (!r)
		return dojo_err_set(err, -ENOMEM, "out of memory starting a sandbox");
	*r = (struct remote){ .conn = -1, .chan = -1 };
	sb->priv = r;
	rc = open_conn(&r->conn);
	if (rc == -ENFILE || rc == -EMFILE)
		return dojo_err_set(err, rc, "socketpair for a guest: %s", strerror(-rc));
	if (rc)
		return gone(rc, err);
	rc = broker_send(r->conn, &m, -1);
	if (rc)
		return gone(rc, err);
	rc = broker_recv(r->conn, &a, &fd, (int)(sb->timeout_ms + DOJO_BROKER_START_SLACK_MS));
	if (rc == 1 && a.type != BROKER_STARTED)
		rc = -EPROTO;
	if (rc != 1) {
		if (fd >= 0)
			close(fd);
		return gone(rc, err);
	}
	if (a.rc)
		return dojo_err_set(err, a.rc < 0 ? a.rc : -EPROTO, "%s", a.msg);
	r->chan = fd;
	sb->t0 = a.t0;
	sb->deadline = a.deadline;
	sb->job_flags = a.job_flags;
	sb->drain_eof = !!a.drain_eof;
	sb->st.spare = !!a.spare;
	rc = sandbox_chan_init(&sb->chan, r->chan, sb->deadline);
	sb->chan_ok = 1;
	if (rc)
		return dojo_err_set(err, rc, "cannot set up the channel: %s", strerror(-rc));
	sb->chan.frames = a.frames;
	sb->chan.bytes = a.bytes;
	return 0;
}
