/* main.c: dojo-dns, the playground guest's DNS responder on UDP 127.0.0.1:53 (answers: dns.c).
 *
 *   dojo-dns [SECONDS]     bind, then go to the background; returns once it can answer
 *
 * A workload's command runs it as `dojo-dns && nslookup NAME 127.0.0.1`: the foreground
 * process binds the port, forks the server and exits 0, so the lookup never races the bind.
 * The server lives at most SECONDS (default and cap DOJO_DNS_DEFAULT_SECONDS), and ends as
 * soon as the shell that started it does (a pidfd of it, polled with the socket); the
 * playground also kills the workload's whole process group at the end of a run.  Each query
 * it answers is one line on stderr: "dojo-dns: NAME -> A.B.C.D" (or why not). */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "core/limits.h"
#include "guest/dns/dns.h"

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void report(const uint8_t *a, int len, const char *name)
{
	unsigned rcode = a[3] & 0xf;

	if (rcode == 0 && a[7] == 0)
		fprintf(stderr, "dojo-dns: %s -> no record of that type (only A is answered)\n", name);
	else if (rcode == 0)
		fprintf(stderr, "dojo-dns: %s -> %u.%u.%u.%u\n", name, a[len - 4], a[len - 3],
			a[len - 2], a[len - 1]);
	else
		fprintf(stderr, "dojo-dns: %s -> %s\n", name[0] ? name : "?",
			rcode == 1 ? "FORMERR (not a query it can read)" : "NOTIMP (not a standard query)");
}

/* answer queries on @fd until @deadline (ms, CLOCK_MONOTONIC) or until the shell has exited:
 * its pidfd @shell is readable (or, with no pidfd, the pid @shell_pid is gone) */
static int serve(int fd, int shell, pid_t shell_pid, long deadline)
{
	uint8_t q[DOJO_DNS_MAX_MSG + 1], a[DOJO_DNS_MAX_MSG];
	char name[DNS_MAX_NAME + 1];

	for (long left; (left = deadline - now_ms()) > 0;) {
		struct pollfd p[2] = { { .fd = fd, .events = POLLIN }, { .fd = shell, .events = POLLIN } };
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t n;
		int len;

		if (poll(p, 2, (int)(left > 200 ? 200 : left)) < 0 && errno != EINTR)
			return -errno;
		if (p[1].revents || (shell < 0 && kill(shell_pid, 0) < 0 && errno == ESRCH))
			return 0;
		if (!(p[0].revents & POLLIN))
			continue;
		n = recvfrom(fd, q, sizeof(q), MSG_DONTWAIT | MSG_TRUNC, (struct sockaddr *)&from, &fl);
		if (n < 0)
			continue;
		len = dns_answer(q, (size_t)n, a, sizeof(a), name, sizeof(name));
		if (len == -E2BIG)
			fprintf(stderr, "dojo-dns: a %zd-byte query ignored (at most %u)\n", n, DOJO_DNS_MAX_MSG);
		if (len <= 0)
			continue;
		report(a, len, name);
		if (sendto(fd, a, (size_t)len, 0, (struct sockaddr *)&from, fl) < 0)
			fprintf(stderr, "dojo-dns: send: %s\n", strerror(errno));
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(53),
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	long seconds = DOJO_DNS_DEFAULT_SECONDS;
	pid_t shell = getppid();
	int fd, pidfd;

	if (argc > 2 || (argc == 2 && ((seconds = strtol(argv[1], NULL, 10)) < 1 ||
				       seconds > (long)DOJO_DNS_DEFAULT_SECONDS))) {
		fprintf(stderr, "usage: dojo-dns [SECONDS]   (1 to %u; it answers on 127.0.0.1:53)\n",
			DOJO_DNS_DEFAULT_SECONDS);
		return 2;
	}
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		fprintf(stderr, "dojo-dns: cannot listen on 127.0.0.1:53: %s\n", strerror(errno));
		return 1;
	}
	pidfd = (int)syscall(SYS_pidfd_open, shell, 0);   /* -1 before Linux 5.3: kill(shell, 0) polled */
	switch (fork()) {
	case -1:
		fprintf(stderr, "dojo-dns: fork: %s\n", strerror(errno));
		return 1;
	case 0:
		break;
	default:
		return 0;   /* bound: the lookup can go */
	}
	/* not PR_SET_PDEATHSIG: the parent is the foreground dojo-dns, which exits right now */
	int ret = serve(fd, pidfd, shell, now_ms() + seconds * 1000L);

	if (ret < 0)
		fprintf(stderr, "dojo-dns: %s\n", strerror(-ret));
	return ret < 0;
}
