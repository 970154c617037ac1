/* vm_qemu.c: one qemu process: its command line, starting it as an unprivileged user, and
 * destroying it.  qemu reaches no host path: every link is an inherited fd, named on the
 * command line as a number (sockets) or as /proc/self/fd/N (kernel, initramfs, guest RAM):
 *
 *   fd 0,1  /dev/null           fd 3  job channel (virtio-serial port)   fd 6  guest RAM memfd
 *   fd 2    stderr pipe         fd 4  QMP monitor                        fd 7  kernel (vmlinux)
 *                               fd 5  ttyS0, the kernel console (pipe)   fd 8  initramfs
 *
 * The host keeps the other ends (socketpairs, pipes) and reads the console only when a run
 * fails.  The console is a pipe, not a socket: a guest's console writes one byte at a time,
 * each a whole skb on a unix socket, so ~300 unread bytes would fill a socket and stall a
 * panicking kernel forever; a pipe packs them into pages (and is grown to 1 MiB).  The child drops to the qemu user and
 * sets no_new_privs and a parent-death SIGKILL before exec; qemu then enters its own seccomp
 * sandbox (-sandbox ... spawn=deny, so migration streams are passed as fds too). */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "core/limits.h"
#include "vm_int.h"

enum { FD_CHAN = 3, FD_QMP, FD_CON, FD_RAM, FD_KERNEL, FD_INITRD, FD_COUNT };


/* The host's TSC rate in kHz.  Under TCG the guest's TSC is the host's, and a guest that has
 * to calibrate it against the emulated PIT fails now and then when the host is busy ("tsc:
 * Unable to calibrate against PIT") and hangs early in boot; telling it the rate avoids that.
 * Measured once per process over 20 ms of CLOCK_MONOTONIC_RAW. */
static unsigned host_tsc_khz(void)
{
	static unsigned khz;
	struct timespec a, b, nap = { 0, 20 * 1000000L };
	unsigned long long t0, t1;
	double ns;

	if (khz)
		return khz;
	clock_gettime(CLOCK_MONOTONIC_RAW, &a);
	t0 = __builtin_ia32_rdtsc();
	nanosleep(&nap, NULL);
	clock_gettime(CLOCK_MONOTONIC_RAW, &b);
	t1 = __builtin_ia32_rdtsc();
	ns = (double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec);
	khz = ns > 0 ? (unsigned)((double)(t1 - t0) * 1e6 / ns + 0.5) : 0;
	return khz;
}

static const char *const sandbox_arg =
	"on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny";

void vm_guest_init(struct vm_guest *g)
{
	memset(g, 0, sizeof(*g));
	g->pid = -1;
	g->chan = g->qmp = g->con = g->err = -1;
}

/* What the child does, all prepared before fork(): it only makes system calls. */
struct child {
	char *argv[48];
	int src[FD_COUNT];     /* fd to install at each number (-1: none) */
	int err_w;
	int devnull;
	uid_t uid;
	gid_t gid;
	gid_t groups[1];
	int ngroups;
	pid_t parent;
};

static void __attribute__((noreturn)) child_exec(struct child *c, const char *qemu)
{
	static char *const envp[] = { (char *)"PATH=/usr/bin:/bin", NULL };
	struct rlimit no_core = { 0, 0 };
	int hi[FD_COUNT];

	/* move every source out of the way of 0..FD_COUNT-1 first, then install */
	for (int i = 0; i < FD_COUNT; i++)
		hi[i] = c->src[i] >= 0 ? fcntl(c->src[i], F_DUPFD, 64) : -1;
	if (dup2(c->devnull, 0) < 0 || dup2(c->devnull, 1) < 0 || dup2(c->err_w, 2) < 0)
		_exit(120);
	for (int i = FD_CHAN; i < FD_COUNT; i++)
		if (hi[i] >= 0 && dup2(hi[i], i) < 0)
			_exit(121);
	if (syscall(SYS_close_range, FD_COUNT, ~0u, 0) < 0)
		_exit(122);
	if (setgroups((size_t)c->ngroups, c->groups) < 0 || setresgid(c->gid, c->gid, c->gid) < 0 ||
	    setresuid(c->uid, c->uid, c->uid) < 0)
		_exit(123);
	/* credentials changed: the parent-death signal must be set after, then re-checked */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 ||
	    getppid() != c->parent)
		_exit(124);
	setrlimit(RLIMIT_CORE, &no_core);
	execve(qemu, c->argv, envp);
	_exit(127);
}

static int pair(int fds[2], struct dojo_err *err)
{
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) < 0)
		return dojo_err_set(err, -errno, "socketpair: %s", strerror(errno));
	return 0;
}

int vm_guest_start(struct vm_guest *g, const struct vm_launch *l, struct dojo_err *err)
{
	const struct vm_env *e = l->env;
	int kvm = l->accel == SANDBOX_ACCEL_KVM;
	int chan[2] = { -1, -1 }, qmp[2] = { -1, -1 }, con[2] = { -1, -1 }, perr[2] = { -1, -1 };
	int kfd = -1, ifd = -1, rc = 0, n = 0;
	char mem[160], memsz[16], append[sizeof(VM_APPEND) + 32];
	struct child c;
	pid_t pid;

	vm_guest_init(g);
	memset(&c, 0, sizeof(c));
	for (int i = 0; i < FD_COUNT; i++)
		c.src[i] = -1;
	snprintf(memsz, sizeof(memsz), "%uM", DOJO_VM_MEM_MB);
	/* only a cold boot reads the command line; a restore's guest booted long ago */
	if (!l->incoming && !kvm && host_tsc_khz())
		snprintf(append, sizeof(append), "tsc_early_khz=%u %s", host_tsc_khz(), VM_APPEND);
	else
		snprintf(append, sizeof(append), "%s", VM_APPEND);
	snprintf(mem, sizeof(mem), "memory-backend-file,id=mem,size=%uM,mem-path=/proc/self/fd/%d,share=%s",
		 DOJO_VM_MEM_MB, FD_RAM, l->share ? "on" : "off");
#define ARG(s) (c.argv[n++] = (char *)(s))
	ARG("qemu-system-x86_64");
	ARG("-M"); ARG("microvm,memory-backend=mem");
	ARG("-accel"); ARG(kvm ? "kvm" : "tcg");
	/* under TCG, -cpu qemu64 instead of max measured within this box's noise (bench-vm) */
	ARG("-cpu"); ARG(kvm ? "host" : "max");
	ARG("-m"); ARG(memsz);
	ARG("-smp"); ARG("1");
	ARG("-nodefaults"); ARG("-no-user-config"); ARG("-display"); ARG("none"); ARG("-no-reboot");
	ARG("-sandbox"); ARG(sandbox_arg);
	ARG("-kernel"); ARG("/proc/self/fd/7");
	ARG("-initrd"); ARG("/proc/self/fd/8");
	ARG("-append"); ARG(append);
	ARG("-object"); ARG(mem);
	ARG("-chardev"); ARG("socket,id=qmp,fd=4");
	ARG("-mon"); ARG("chardev=qmp,mode=control");
	ARG("-chardev"); ARG("file,id=con,path=/proc/self/fd/5");
	ARG("-serial"); ARG("chardev:con");
	ARG("-chardev"); ARG("socket,id=ch,fd=3");
	ARG("-device"); ARG("virtio-serial-device,max_ports=2");
	ARG("-device"); ARG("virtserialport,chardev=ch,name=agent");
	if (l->incoming) {
		ARG("-incoming"); ARG("defer");
	}
	c.argv[n] = NULL;
#undef ARG

	kfd = open(e->kernel, O_RDONLY | O_CLOEXEC);
	ifd = open(e->initramfs, O_RDONLY | O_CLOEXEC);
	if (kfd < 0 || ifd < 0) {
		rc = dojo_err_set(err, -errno, "cannot open the guest kernel or initramfs: %s", strerror(errno));
		goto out;
	}
	if ((rc = pair(chan, err)) || (rc = pair(qmp, err)))
		goto out;
	if (pipe2(con, O_CLOEXEC) < 0) {
		rc = dojo_err_set(err, -errno, "pipe: %s", strerror(errno));
		goto out;
	}
	(void)fcntl(con[1], F_SETPIPE_SZ, 1 << 20);
	/* qemu reopens it through /proc/self/fd as its own user */
	if (fchown(con[1], e->uid, e->gid) < 0) {
		rc = dojo_err_set(err, -errno, "cannot hand the console pipe to %s: %s", VM_QEMU_USER, strerror(errno));
		goto out;
	}
	if (pipe2(perr, O_CLOEXEC) < 0) {
		rc = dojo_err_set(err, -errno, "pipe: %s", strerror(errno));
		goto out;
	}
	c.devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (c.devnull < 0) {
		rc = dojo_err_set(err, -errno, "/dev/null: %s", strerror(errno));
		goto out;
	}
	c.src[FD_CHAN] = chan[1];
	c.src[FD_QMP] = qmp[1];
	c.src[FD_CON] = con[1];
	c.src[FD_RAM] = l->ram_fd;
	c.src[FD_KERNEL] = kfd;
	c.src[FD_INITRD] = ifd;
	c.err_w = perr[1];
	c.uid = e->uid;
	c.gid = e->gid;
	if (kvm && e->kvm_gid != (gid_t)-1 && e->kvm_gid != e->gid) {
		c.groups[0] = e->kvm_gid;
		c.ngroups = 1;
	}
	c.parent = getpid();
	g->t_start = dojo_now_ms();
	pid = fork();
	if (pid < 0) {
		rc = dojo_err_set(err, -errno, "cannot start qemu: fork: %s", strerror(errno));
		goto out;
	}
	if (pid == 0)
		child_exec(&c, e->qemu);
	g->pid = pid;
	g->chan = chan[0];
	g->qmp = qmp[0];
	g->con = con[0];
	g->err = perr[0];
	chan[0] = qmp[0] = con[0] = perr[0] = -1;
out:
	for (int i = 0; i < 2; i++) {
		if (chan[i] >= 0)
			close(chan[i]);
		if (qmp[i] >= 0)
			close(qmp[i]);
		if (con[i] >= 0)
			close(con[i]);
		if (perr[i] >= 0)
			close(perr[i]);
	}
	if (kfd >= 0)
		close(kfd);
	if (ifd >= 0)
		close(ifd);
	if (c.devnull > 0)
		close(c.devnull);
	return rc;
}

void vm_guest_kill(struct vm_guest *g)
{
	if (g->pid > 0) {
		kill(g->pid, SIGKILL);
		while (waitpid(g->pid, NULL, 0) < 0 && errno == EINTR)
			;
		g->pid = -1;
	}
	if (g->chan >= 0)
		close(g->chan);
	if (g->qmp >= 0)
		close(g->qmp);
	if (g->con >= 0)
		close(g->con);
	if (g->err >= 0)
		close(g->err);
	g->chan = g->qmp = g->con = g->err = -1;
}

/* Append what @fd holds now (non-blocking) to @out, keeping its last @cap-1 bytes. */
static void drain_tail(int fd, char *out, size_t cap)
{
	char chunk[4096];
	size_t len = strlen(out);

	if (fd < 0)
		return;
	for (;;) {
		ssize_t n = recv(fd, chunk, sizeof(chunk), MSG_DONTWAIT);

		if (n < 0 && errno == ENOTSOCK)
			n = read(fd, chunk, sizeof(chunk));
		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++) {
			if (len + 1 >= cap) {
				memmove(out, out + cap / 2, len - cap / 2);
				len -= cap / 2;
			}
			out[len++] = chunk[i] == '\r' ? ' ' : chunk[i];
		}
	}
	out[len] = 0;
}

/* The last line before @end in @text that starts with one of an oops's openings ("BUG: ...",
 * "Oops: ...") or, @rip, its "RIP: " line, appended to @out as "LINE; "; nothing if none. */
static void oops_line(const char *text, const char *end, bool rip, char *out, size_t cap)
{
	static const char *const opening[] = { "BUG: ", "Oops: ", "general protection fault",
					       "kernel BUG at" };
	const char *best = NULL;

	for (const char *l = text; l && l < end; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		const char *p = l + strspn(l, " "), *stamp = strchr(p, ']');

		if (*p == '[' && stamp)   /* a timestamp: "[    1.234567] BUG: ..." */
			p = stamp + 1 + strspn(stamp + 1, " ");
		if (rip && !strncmp(p, "RIP: ", 5))
			best = p;
		for (size_t i = 0; !rip && i < sizeof(opening) / sizeof(opening[0]); i++)
			if (!strncmp(p, opening[i], strlen(opening[i])))
				best = p;
	}
	if (best) {
		size_t len = strlen(out), n = strcspn(best, "\n");

		snprintf(out + len, cap > len ? cap - len : 0, "%.*s; ", (int)(n > 200 ? 200 : n), best);
	}
}

void vm_guest_tail(struct vm_guest *g, char *out, size_t cap)
{
	char con[4 * DOJO_VM_TAIL_BYTES] = "", qerr[DOJO_VM_TAIL_BYTES] = "";
	char oops[512] = "";
	const char *c = con, *q = qerr, *panic;

	if (g->err >= 0)
		(void)fcntl(g->err, F_SETFL, O_NONBLOCK);
	if (g->con >= 0)
		(void)fcntl(g->con, F_SETFL, O_NONBLOCK);
	drain_tail(g->con, con, sizeof(con));
	drain_tail(g->err, qerr, sizeof(qerr));
	/* a panic's first line says most, after what the oops before it said (its first line,
	 * where the kernel was: "RIP: 0010:func+0x12/0x40") */
	panic = strstr(con, "Kernel panic - ");
	if (panic) {
		char *nl = strchr(panic, '\n');

		oops_line(con, panic, false, oops, sizeof(oops));
		oops_line(con, panic, true, oops, sizeof(oops));
		if (nl)
			*nl = 0;
		c = panic;
	} else {
		for (int lines = 0, i = (int)strlen(con) - 1; i > 0; i--)
			if (con[i] == '\n' && ++lines == 6) {
				c = con + i + 1;
				break;
			}
	}
	snprintf(out, cap, "%s%s%s%s%s", q[0] ? "qemu: " : "", q, c[0] ? "console: " : "", oops, c);
	for (char *p = out; *p; p++)
		if (*p == '\n')
			*p = ' ';
}

int vm_boot_ready(struct vm_guest *g, const struct vm_launch *l, unsigned timeout_ms,
		  struct dojo_err *err)
{
	struct sandbox_chan chan;
	char tail[DOJO_VM_TAIL_BYTES];
	int rc = vm_guest_start(g, l, err);

	if (rc)
		return rc;
	rc = sandbox_chan_init(&chan, g->chan, g->t_start + timeout_ms);
	if (!rc)
		rc = sandbox_chan_wait_ready(&chan, err);
	else
		rc = dojo_err_set(err, rc, "cannot set up the channel: %s", strerror(-rc));
	sandbox_chan_free(&chan);
	if (rc == -ETIMEDOUT) {
		return dojo_err_set(err, -ETIMEDOUT, "the guest did not boot to its agent within %u ms", timeout_ms);
	} else if (rc) {
		char why[DOJO_MAX_MESSAGE];

		snprintf(why, sizeof(why), "%s", err ? err->msg : "");
		vm_guest_tail(g, tail, sizeof(tail));
		return dojo_err_set(err, rc, "the guest did not boot: %s %s", why, tail);
	}
	return 0;
}
