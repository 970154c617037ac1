/* workload.c (connect-port): run() listens on 127.0.0.1:<the answer>, forks "prober", which
 * tries another port where nothing listens (refused), then "client", which connects to the
 * listener.  Everything stays on the guest's loopback. */
#include <errno.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(connect_port);

static struct sockaddr_in loopback(uint16_t port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return sin;
}

int exercise_connect_port_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

/* 0 when the connect() to *@arg ended as it should: accepted by the listener (client), or
 * refused (prober) */
static int dial(const struct workload_ctx *ctx, void *arg)
{
	const struct sockaddr_in *to = arg;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), rc;

	(void)ctx;
	if (fd < 0)
		return -errno;
	rc = connect(fd, (const struct sockaddr *)to, sizeof(*to)) == 0 ? 0 : -errno;
	close(fd);
	return rc;
}

static int refused(const struct workload_ctx *ctx, void *arg)
{
	return dial(ctx, arg) == -ECONNREFUSED ? 0 : -EPROTO;
}

int exercise_connect_port_run(const struct workload_ctx *ctx)
{
	struct answer a, d;
	struct sockaddr_in secret, decoy;
	int fd, one = 1, rc;

	exercise_connect_port.answer(ctx->key, &a);
	exercise_connect_port.answer(~ctx->key, &d);
	secret = loopback((uint16_t)a.num);
	decoy = loopback((uint16_t)(d.num == a.num ? a.num + 1 : d.num));
	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return -errno;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(fd, (const struct sockaddr *)&secret, sizeof(secret)) < 0 || listen(fd, 4) < 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	/* the backlog completes the handshake: client's connect() returns without an accept() */
	rc = workload_fork(ctx, "prober", refused, &decoy) ?:
	     workload_fork(ctx, "client", dial, &secret);
	close(fd);
	return rc;
}
