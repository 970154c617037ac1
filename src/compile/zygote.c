/* zygote.c: a shim preloaded (LD_PRELOAD) into clang inside the resident compiler's jail that
 * turns one clang process into a fork server.  Built as its own shared object, never linked into
 * bpfdojo.  Protocol: zygote.h.
 *
 * clang is started once with the compile's flags and ZYGOTE_PRELUDE as its main file: the
 * headers every compile sees (vmlinux.h, libbpf's), parsed in full, then #include ZYGOTE_SOURCE.
 * By the time clang opens that file it has loaded its libraries, run their static constructors,
 * parsed its arguments, set up the output stream and built the whole AST of those headers:
 * what is the same for every compile and does not depend on the source.  That open() is
 * intercepted here: the process becomes the zygote and never returns from it; each request
 * forks a child that puts the request's descriptors on 0, 1 and 2 and returns from open() with
 * a private copy (memfd) of its stdin, i.e. that compile's source, and clang goes on as a
 * one-shot clang would.  So a child pays neither the PCH load of a one-shot compile nor the
 * lazy deserialization of each type it touches (task_struct's closure is thousands of
 * declarations): they are already in memory, shared copy-on-write.  The zygote itself never
 * sees a source, so no child can inherit another compile's data.
 *
 * One more thing is the same in every compile and costs a third of a small one: with -g, clang
 * computes the MD5 of each header a debug-info type comes from (DWARF 5 file checksums), i.e.
 * of the 2.8 MB vmlinux.h, every time.  The zygote hashes the include directory's files once;
 * llvm::MD5::hash() is interposed here and answers from that table when the bytes to hash are
 * exactly a file's bytes (compared in full), so the result is the same by construction; any
 * other input goes to LLVM's own function.
 *
 * The rest of the shim: zygote_alloc.c (a compile allocates fresh memory, away from the
 * zygote's heap), zygote_nodwarf.c (no DWARF written, only what becomes .BTF) and
 * zygote_warm.c (task_struct's debug-info types built before the fork). */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include "core/limits.h"
#include "internal.h"
#include "zygote.h"

int open(const char *path, int flags, ...);
int open64(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int openat64(int dirfd, const char *path, int flags, ...);

struct slot {
	pid_t pid;
	int pidfd;
	int ctl;        /* -1 once the host gave up on this compile */
};

static int served;  /* 1 once ZYGOTE_SOURCE was opened: in the children, and the zygote's own */

/* ---- llvm::MD5::hash() memoized for the include directory's files ---- */

#define MD5_SYM       "_ZN4llvm3MD54hashENS_8ArrayRefIhEE"  /* llvm::MD5::hash(ArrayRef<uint8_t>) */
#define MD5_MIN_BYTES (64 * 1024)                            /* smaller files are cheap to hash */
#define MD5_MAX_FILES 64

struct md5 { uint8_t b[16]; };   /* std::array<uint8_t, 16>, returned in two registers */
typedef struct md5 (*md5_fn)(const uint8_t *data, size_t len);

static struct { const uint8_t *data; size_t len; struct md5 sum; } md5s[MD5_MAX_FILES];
static int nmd5s;
static md5_fn real_md5;

struct md5 _ZN4llvm3MD54hashENS_8ArrayRefIhEE(const uint8_t *data, size_t len);

struct md5 _ZN4llvm3MD54hashENS_8ArrayRefIhEE(const uint8_t *data, size_t len)
{
	for (int i = 0; i < nmd5s; i++)
		if (md5s[i].len == len && !memcmp(md5s[i].data, data, len))
			return md5s[i].sum;
	if (!real_md5)
		real_md5 = (md5_fn)dlsym(RTLD_NEXT, MD5_SYM);
	if (!real_md5)
		_exit(125);   /* cannot happen: clang itself calls it */
	return real_md5(data, len);
}

static int md5_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	void *m;
	int fd;

	(void)ftw;
	if (type != FTW_F || st->st_size < MD5_MIN_BYTES || nmd5s == MD5_MAX_FILES || !real_md5)
		return 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	m = mmap(NULL, (size_t)st->st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return 0;
	md5s[nmd5s].data = m;
	md5s[nmd5s].len = (size_t)st->st_size;
	md5s[nmd5s].sum = real_md5(m, (size_t)st->st_size);
	nmd5s++;
	return 0;
}

static void md5_prepare(void)
{
	real_md5 = (md5_fn)dlsym(RTLD_NEXT, MD5_SYM);
	nftw(COMPILE_JAIL_INC, md5_one, 8, FTW_PHYS);
}

/* ---- clang::ASTContext::cleanup() skipped in a compile ----
 *
 * After generating the IR, clang frees the AST (ASTContext::cleanup(): every declaration's
 * attribute vector, record layouts, lookup maps) to lower its peak memory.  In a child of the
 * zygote nearly all of that memory is the prelude's, shared copy-on-write with the zygote:
 * each free() writes into a shared page, which the kernel then copies.  The child exits right
 * after code generation and all its memory goes at once, so the zygote makes that function
 * return at once (a `ret` written over its first instruction, in the zygote's private copy of
 * libclang-cpp's code page; an interposed symbol would not do: libclang-cpp binds its own calls
 * directly).  It only frees memory, so the output cannot depend on it (the parity test compares
 * every object with compile_bpf()'s).  Without it (another CPU, a symbol missing) clang frees. */
#define CLEANUP_SYM "_ZN5clang10ASTContext7cleanupEv"   /* clang::ASTContext::cleanup() */

static void skip_ast_cleanup(void)
{
#if defined(__x86_64__)
	uint8_t *fn = (uint8_t *)dlsym(RTLD_DEFAULT, CLEANUP_SYM);
	long pg = sysconf(_SC_PAGESIZE);
	uintptr_t start;

	if (!fn || pg <= 0)
		return;
	start = (uintptr_t)fn & ~((uintptr_t)pg - 1);
	if (mprotect((void *)start, (size_t)pg * 2, PROT_READ | PROT_WRITE | PROT_EXEC))
		return;
	*fn = 0xc3;   /* ret: the function takes only `this` and returns nothing */
	mprotect((void *)start, (size_t)pg * 2, PROT_READ | PROT_EXEC);
#endif
}

static void close_fds(int *fds, int n)
{
	for (int i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
}

/* Receive one request: 0 with the struct and ZYGOTE_NFDS descriptors, 1 for a malformed one
 * (dropped), -1 at EOF or on error (the host is gone). */
static int recv_req(int sock, struct zygote_req *req, int fds[ZYGOTE_NFDS])
{
	char cbuf[CMSG_SPACE(sizeof(int) * ZYGOTE_NFDS)];
	struct iovec iov = { req, sizeof(*req) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c;
	ssize_t n;
	int got = 0;

	for (int i = 0; i < ZYGOTE_NFDS; i++)
		fds[i] = -1;
	do
		n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return -1;
	for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		int k;

		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		k = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
		for (int i = 0; i < k; i++) {
			int fd;

			memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
			if (got < ZYGOTE_NFDS)
				fds[got++] = fd;
			else
				close(fd);
		}
	}
	if (n != sizeof(*req) || req->magic != ZYGOTE_MAGIC || got != ZYGOTE_NFDS || (mh.msg_flags & MSG_CTRUNC)) {
		close_fds(fds, ZYGOTE_NFDS);
		return 1;
	}
	return 0;
}

static int compile_ctl = -1;   /* in a child: its request's control socket */

/* A child's clang returned from main(): report its exit status on the control socket and end
 * now.  Registered after every library's destructors, so it runs before them: the static
 * destructors and the freeing of clang's memory would only delay the answer (the output
 * streams are closed by then; the test compares every object with compile_bpf()'s).  A child
 * killed by a signal never gets here: the zygote reports its status. */
static void compile_done(int status, void *arg)
{
	int st = (status & 0xff) << 8;   /* as waitpid() would say: exited with @status */

	(void)arg;
	fflush(stdout);
	fflush(stderr);
	close(0);
	close(1);
	close(2);
	send(compile_ctl, &st, sizeof(st), MSG_NOSIGNAL);
	_exit(status);
}

/* The zygote's children: the compiles running, and one spare forked ahead that waits for its
 * request, so that a compile does not wait for fork(). */
static struct slot slots[DOJO_COMPILE_MAX_JOBS];
static int nslots;
static struct { pid_t pid; int pidfd, sock; } spare = { 0, -1, -1 };

/* In a new child: drop every descriptor of the zygote's. */
static void drop_zygote_fds(void)
{
	for (int i = 0; i < nslots; i++) {
		close(slots[i].pidfd);
		if (slots[i].ctl >= 0)
			close(slots[i].ctl);
	}
	if (spare.sock >= 0) {
		close(spare.pidfd);
		close(spare.sock);
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		_exit(126);  /* the zygote died in between */
	prctl(PR_SET_DUMPABLE, 0);
}

/* In a child with its request: take its descriptors as stdin/stdout/stderr, set the limits, and
 * let clang go on. */
static void become_compile(const struct zygote_req *req, int fds[ZYGOTE_NFDS])
{
	struct rlimit no_core = { 0, 0 };

	if (dup2(fds[0], 0) < 0 || dup2(fds[1], 1) < 0 || dup2(fds[2], 2) < 0)
		_exit(126);
	close_fds(fds, 3);
	compile_ctl = fds[3];
	on_exit(compile_done, NULL);
	setrlimit(RLIMIT_CORE, &no_core);
	if (req->mem_max_mib) {
		struct rlimit as = { (rlim_t)req->mem_max_mib << 20, (rlim_t)req->mem_max_mib << 20 };

		setrlimit(RLIMIT_AS, &as);
	}
	zygote_alloc_start();
	served = 1;
}

static void end_zygote(void)
{
	if (spare.pid > 0)
		kill(spare.pid, SIGKILL);
	for (int i = 0; i < nslots; i++)
		kill(slots[i].pid, SIGKILL);
	for (int i = 0; i < nslots; i++)
		waitpid(slots[i].pid, NULL, 0);
	if (spare.pid > 0)
		waitpid(spare.pid, NULL, 0);
	_exit(0);
}

/* Fork the spare.  Returns 1 in it once it has its request (it is then a compile), else 0. */
static int spare_fork(void)
{
	struct zygote_req req;
	int sp[2], fds[ZYGOTE_NFDS];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp))
		return 0;
	pid = fork();
	if (pid == 0) {
		close(sp[0]);
		drop_zygote_fds();
		/* Not the zygote's stdin, stdout and stderr while waiting. */
		dup2(sp[1], 0);
		dup2(sp[1], 1);
		dup2(sp[1], 2);
		if (recv_req(sp[1], &req, fds))
			_exit(0);
		close(sp[1]);
		become_compile(&req, fds);
		return 1;
	}
	close(sp[1]);
	spare.pidfd = pid > 0 ? (int)syscall(SYS_pidfd_open, pid, 0) : -1;
	if (spare.pidfd < 0) {
		if (pid > 0) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
		}
		close(sp[0]);
		return 0;
	}
	spare.pid = pid;
	spare.sock = sp[0];
	return 0;
}

static void spare_drop(void)
{
	close(spare.pidfd);
	close(spare.sock);
	spare.pid = 0;
	spare.pidfd = spare.sock = -1;
}

/* A request: hand it to the spare, or fork for it when there is none.  Returns 1 in the new
 * child (it is then a compile), else 0. */
static int dispatch(const struct zygote_req *req, int fds[ZYGOTE_NFDS])
{
	pid_t pid;
	int pidfd;

	if (spare.pid > 0 && !zygote_send(spare.sock, req, fds)) {
		close_fds(fds, 3);
		slots[nslots++] = (struct slot){ spare.pid, spare.pidfd, fds[3] };
		close(spare.sock);
		spare.pid = 0;
		spare.pidfd = spare.sock = -1;
		return 0;
	}
	pid = fork();
	if (pid == 0) {
		drop_zygote_fds();
		become_compile(req, fds);
		return 1;
	}
	close_fds(fds, 3);
	pidfd = pid > 0 ? (int)syscall(SYS_pidfd_open, pid, 0) : -1;
	if (pidfd < 0) {
		int st = W_EXITCODE(126, 0);

		if (pid > 0) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
		}
		send(fds[3], &st, sizeof(st), MSG_NOSIGNAL);
		close(fds[3]);
		return 0;
	}
	slots[nslots++] = (struct slot){ pid, pidfd, fds[3] };
	return 0;
}

/* The fork server.  Returns only in a child, which then is a compile. */
static void serve(void)
{
	struct pollfd p[2 + 2 * DOJO_COMPILE_MAX_JOBS];
	char ready = ZYGOTE_READY;

	/* Not traceable by its children (same uid): a compile that took over its clang must not
	 * reach the zygote, the spare or a sibling, which are all non-dumpable too. */
	prctl(PR_SET_DUMPABLE, 0);
	md5_prepare();
	skip_ast_cleanup();
	zygote_warm();
	if (spare_fork())
		return;
	if (send(0, &ready, 1, MSG_NOSIGNAL) != 1)
		end_zygote();
	for (;;) {
		int np = 2;

		p[0] = (struct pollfd){ .fd = 0, .events = nslots < (int)DOJO_COMPILE_MAX_JOBS ? POLLIN : 0 };
		p[1] = (struct pollfd){ .fd = spare.pidfd, .events = POLLIN };
		for (int i = 0; i < nslots; i++) {
			p[np++] = (struct pollfd){ .fd = slots[i].pidfd, .events = POLLIN };
			p[np++] = (struct pollfd){ .fd = slots[i].ctl, .events = POLLIN };
		}
		if (poll(p, (nfds_t)np, -1) < 0) {
			if (errno == EINTR)
				continue;
			end_zygote();
		}
		/* Children first (from the end, so that moving the last slot down is safe). */
		for (int i = nslots - 1; i >= 0; i--) {
			short ev = p[2 + 2 * i].revents, cev = p[3 + 2 * i].revents;

			if (ev) {
				int st = 0;

				while (waitpid(slots[i].pid, &st, 0) < 0 && errno == EINTR)
					;
				if (slots[i].ctl >= 0) {
					send(slots[i].ctl, &st, sizeof(st), MSG_NOSIGNAL);
					close(slots[i].ctl);
				}
				close(slots[i].pidfd);
				slots[i] = slots[--nslots];
			} else if (cev && slots[i].ctl >= 0) {
				kill(slots[i].pid, SIGKILL);
				close(slots[i].ctl);
				slots[i].ctl = -1;
			}
		}
		if (p[1].revents && spare.pid > 0) {
			/* The spare died before it was used (killed, out of memory). */
			waitpid(spare.pid, NULL, 0);
			spare_drop();
		}
		if (p[0].revents & (POLLHUP | POLLERR))
			end_zygote();
		if (p[0].revents & POLLIN) {
			struct zygote_req req;
			int fds[ZYGOTE_NFDS], r = recv_req(0, &req, fds);

			if (r < 0)
				end_zygote();
			if (r == 0 && dispatch(&req, fds))
				return;
		}
		/* A new spare while the compile runs, not when the next one arrives. */
		if (spare.pid <= 0 && nslots < (int)DOJO_COMPILE_MAX_JOBS && spare_fork())
			return;
	}
}

/* In a child: its stdin (the source) copied into a memfd, as the descriptor clang reads the
 * source from (a regular file, so that clang can stat and map it).  -1 with errno on failure. */
static int source_fd(void)
{
	char buf[16384];
	int fd = (int)syscall(SYS_memfd_create, "source", MFD_CLOEXEC);

	if (fd < 0)
		return -1;
	for (;;) {
		ssize_t n = read(0, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || (n > 0 && write(fd, buf, (size_t)n) != n)) {
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
	}
	lseek(fd, 0, SEEK_SET);
	return fd;
}

/* clang's open() of ZYGOTE_SOURCE is where the zygote starts; any later one (the source
 * including it again) finds nothing. */
static int open_hook(int dirfd, const char *path, int flags, va_list ap)
{
	mode_t mode = ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) ? (mode_t)va_arg(ap, int) : 0;

	if (path && !strcmp(path, ZYGOTE_SOURCE)) {
		if (served) {
			errno = ENOENT;
			return -1;
		}
		served = 1;
		serve();
		return source_fd();
	}
	return (int)syscall(SYS_openat, dirfd, path, flags, mode);
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	int r;

	va_start(ap, flags);
	r = open_hook(AT_FDCWD, path, flags, ap);
	va_end(ap);
	return r;
}

int open64(const char *path, int flags, ...)
{
	va_list ap;
	int r;

	va_start(ap, flags);
	r = open_hook(AT_FDCWD, path, flags, ap);
	va_end(ap);
	return r;
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	int r;

	va_start(ap, flags);
	r = open_hook(dirfd, path, flags, ap);
	va_end(ap);
	return r;
}

int openat64(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	int r;

	va_start(ap, flags);
	r = open_hook(dirfd, path, flags, ap);
	va_end(ap);
	return r;
}
