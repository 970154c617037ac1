/* cancel.c: a stop signal as an eventfd that stays readable once raised (see cancel.h). */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include "cancel.h"

struct dojo_cancel {
	int fd;
};

struct dojo_cancel *dojo_cancel_new(struct dojo_err *err)
{
	struct dojo_cancel *c = malloc(sizeof(*c));

	if (!c) {
		dojo_err_set(err, -ENOMEM, "out of memory for a stop signal");
		return NULL;
	}
	c->fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (c->fd < 0) {
		dojo_err_set(err, -errno, "eventfd for a stop signal: %s", strerror(errno));
		free(c);
		return NULL;
	}
	return c;
}

void dojo_cancel_raise(struct dojo_cancel *c)
{
	uint64_t one = 1;

	/* the counter is never read back, so it stays readable; a full counter is raised too */
	if (c && write(c->fd, &one, sizeof(one)) < 0 && errno != EAGAIN)
		return;
}

int dojo_cancel_raised(const struct dojo_cancel *c)
{
	struct pollfd p = { .fd = c ? c->fd : -1, .events = POLLIN };

	return c && poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

int dojo_cancel_fd(const struct dojo_cancel *c)
{
	return c ? c->fd : -1;
}

void dojo_cancel_free(struct dojo_cancel *c)
{
	if (!c)
		return;
	close(c->fd);
	free(c);
}
