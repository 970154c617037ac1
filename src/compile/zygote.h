/* zygote.h: the wire between the resident compiler (server.c, in the host process) and its
 * zygote (zygote.c, a shim preloaded into clang inside the jail).  Internal to the compile part.
 *
 * The zygote's stdin is a SOCK_SEQPACKET socket.  When clang has started, loaded its libraries,
 * parsed the prelude's headers and comes to open ZYGOTE_SOURCE, the zygote sends ZYGOTE_READY and
 * serves requests there: each is one struct zygote_req with four descriptors (SCM_RIGHTS):
 * the compile's stdin, stdout, stderr and a control socket.  It forks one child per request that
 * becomes that compile's clang; when the child ends, its wait status (an int) is written to the
 * control socket (by the child itself when clang returns from main(), else by the zygote when
 * it reaps it; the first one counts).  Anything arriving on, or the closing of, the control
 * socket before that kills the child.  EOF on the zygote's stdin ends the zygote and its
 * children. */
#ifndef DOJO_COMPILE_ZYGOTE_H
#define DOJO_COMPILE_ZYGOTE_H

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#define ZYGOTE_READY  'R'
#define ZYGOTE_MAGIC  0x647a7967u   /* "gyzd" */
#define ZYGOTE_NFDS   4             /* stdin, stdout, stderr, control */
#define ZYGOTE_DIR     "/zygote"
#define ZYGOTE_PRELOAD ZYGOTE_DIR "/bpfdojo-zygote.so"   /* where the jail shows the shim */
/* The zygote's main file: the headers every compile sees, then #include ZYGOTE_SOURCE, whose
 * open() is where the zygote forks (zygote.c).  Named "-" so that its debug info and symbol
 * table say "-", as those of a compile from stdin (compile_bpf()). */
#define ZYGOTE_PRELUDE ZYGOTE_DIR "/-"
#define ZYGOTE_SOURCE  ZYGOTE_DIR "/source.c"   /* never a file: each compile's stdin */

struct zygote_req {
	uint32_t magic;
	uint32_t mem_max_mib;   /* RLIMIT_AS of the child in MiB; 0: keep the zygote's */
};

/* In the shim only (zygote_alloc.c): from now on this process is a compile and allocates its
 * own memory, away from the zygote's heap. */
void zygote_alloc_start(void);

/* In the shim only (zygote_warm.c): the zygote builds task_struct's debug-info types before it
 * forks (nothing when clang's internals are not found). */
void zygote_warm(void);

/* Send @req with @fds on @sock: 0 or a negative errno.  Used by both sides. */
static inline int zygote_send(int sock, const struct zygote_req *req, const int fds[ZYGOTE_NFDS])
{
	char cbuf[CMSG_SPACE(sizeof(int) * ZYGOTE_NFDS)];
	struct iovec iov = { (void *)req, sizeof(*req) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c;
	ssize_t n;

	memset(cbuf, 0, sizeof(cbuf));
	c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int) * ZYGOTE_NFDS);
	memcpy(CMSG_DATA(c), fds, sizeof(int) * ZYGOTE_NFDS);
	do
		n = sendmsg(sock, &mh, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(*req) ? 0 : -errno;
}

#endif
