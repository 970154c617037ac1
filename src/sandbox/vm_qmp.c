/* vm_qmp.c: the smallest QMP client the vm backend needs: greet, send one command at a time
 * (optionally passing one fd with SCM_RIGHTS, for `getfd`), wait for its reply under the
 * guest's deadline, skip asynchronous events.  QMP speaks one JSON object per line. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "core/limits.h"
#include "vm_int.h"


/* Read more bytes into the buffer before the deadline.  0 or a negative errno. */
static int qmp_fill(struct vm_qmp *q, struct dojo_err *err)
{
	uint8_t chunk[4096];

	for (;;) {
		struct pollfd p = { .fd = q->fd, .events = POLLIN };
		uint64_t now = dojo_now_ms();
		ssize_t n;
		int r;

		if (now >= q->deadline_ms)
			return dojo_err_set(err, -ETIMEDOUT, "qemu did not answer its monitor in time");
		r = poll(&p, 1, (int)(q->deadline_ms - now));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return dojo_err_set(err, -errno, "poll on qemu's monitor: %s", strerror(errno));
		if (r == 0)
			continue;
		n = read(q->fd, chunk, sizeof(chunk));
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			return dojo_err_set(err, -EPIPE, "qemu closed its monitor (it exited)");
		if (buf_add(&q->in, chunk, (size_t)n))
			return dojo_err_set(err, -EPROTO, "qemu sent a monitor line over %u bytes", DOJO_VM_QMP_MAX_LINE);
		return 0;
	}
}

/* The next JSON object from qemu.  0 with *out set (caller decrefs), or a negative errno. */
static int qmp_next(struct vm_qmp *q, json_t **out, struct dojo_err *err)
{
	for (;;) {
		uint8_t *nl = q->in.len ? memchr(q->in.data, '\n', q->in.len) : NULL;

		if (nl) {
			size_t len = (size_t)(nl - q->in.data);
			json_error_t je;

			*out = json_loadb((const char *)q->in.data, len, 0, &je);
			buf_consume(&q->in, len + 1);
			if (!*out || !json_is_object(*out)) {
				json_decref(*out);
				return dojo_err_set(err, -EPROTO, "qemu sent a monitor line that is not a JSON object: %s", je.text);
			}
			return 0;
		}
		int rc = qmp_fill(q, err);

		if (rc)
			return rc;
	}
}

static int qmp_send(struct vm_qmp *q, const char *text, size_t len, int pass_fd,
		    struct dojo_err *err)
{
	while (len) {
		struct iovec iov = { .iov_base = (void *)text, .iov_len = len };
		union {
			char buf[CMSG_SPACE(sizeof(int))];
			struct cmsghdr align;
		} u;
		struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
		ssize_t n;

		if (pass_fd >= 0) {
			struct cmsghdr *cm;

			memset(&u, 0, sizeof(u));
			mh.msg_control = u.buf;
			mh.msg_controllen = sizeof(u.buf);
			cm = CMSG_FIRSTHDR(&mh);
			cm->cmsg_level = SOL_SOCKET;
			cm->cmsg_type = SCM_RIGHTS;
			cm->cmsg_len = CMSG_LEN(sizeof(int));
			memcpy(CMSG_DATA(cm), &pass_fd, sizeof(int));
		}
		n = sendmsg(q->fd, &mh, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN) {
			struct pollfd p = { .fd = q->fd, .events = POLLOUT };

			if (dojo_now_ms() >= q->deadline_ms)
				return dojo_err_set(err, -ETIMEDOUT, "qemu did not read its monitor in time");
			(void)poll(&p, 1, 10);
			continue;
		}
		if (n < 0)
			return dojo_err_set(err, -EPIPE, "qemu closed its monitor (it exited): %s", strerror(errno));
		pass_fd = -1;   /* sent with the first byte */
		text += n;
		len -= (size_t)n;
	}
	return 0;
}

int vm_qmp_cmd(struct vm_qmp *q, const char *cmd, json_t *args, int pass_fd, json_t **ret,
	       struct dojo_err *err)
{
	json_t *msg = json_pack("{s:s}", "execute", cmd), *reply = NULL;
	char *text;
	int rc;

	if (ret)
		*ret = NULL;
	if (msg && args)
		json_object_set_new(msg, "arguments", args);
	else
		json_decref(args);
	text = msg ? json_dumps(msg, JSON_COMPACT) : NULL;
	json_decref(msg);
	if (!text)
		return dojo_err_set(err, -ENOMEM, "out of memory for a monitor command");
	rc = qmp_send(q, text, strlen(text), pass_fd, err);
	free(text);
	while (!rc) {
		json_t *e;

		rc = qmp_next(q, &reply, err);
		if (rc)
			break;
		if ((e = json_object_get(reply, "error"))) {
			rc = dojo_err_set(err, -EIO, "qemu refused %s: %s", cmd,
					  json_string_value(json_object_get(e, "desc")) ?: "(no reason)");
			break;
		}
		if (json_object_get(reply, "return")) {
			if (ret) {
				*ret = json_incref(json_object_get(reply, "return"));
			}
			break;
		}
		json_decref(reply);   /* an event: not ours */
		reply = NULL;
	}
	json_decref(reply);
	return rc;
}

int vm_qmp_open(struct vm_qmp *q, int fd, uint64_t deadline_ms, struct dojo_err *err)
{
	json_t *greeting = NULL;
	int rc;

	q->fd = fd;
	q->deadline_ms = deadline_ms;
	buf_init(&q->in, DOJO_VM_QMP_MAX_LINE);
	rc = qmp_next(q, &greeting, err);
	if (!rc && !json_object_get(greeting, "QMP"))
		rc = dojo_err_set(err, -EPROTO, "qemu's monitor did not greet with QMP");
	json_decref(greeting);
	if (!rc)
		rc = vm_qmp_cmd(q, "qmp_capabilities", NULL, -1, NULL, err);
	return rc;
}

void vm_qmp_close(struct vm_qmp *q)
{
	buf_free(&q->in);
}
