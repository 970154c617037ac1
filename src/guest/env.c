/* env.c: the agent's world before a job: mounts, loopback, hostname, parent-death signal,
 * PATH; and the per-job environment flags (RNG seed, clock).  Host mode runs in namespaces the host
 * backend made (mount, pid, net, uts, ipc), so everything mounted here vanishes with them. */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <limits.h>
#include <linux/random.h>
#include "guest.h"

struct mnt {
	const char *src, *dst, *type;
	unsigned long flags;
	const char *data;
	int vm_only;
};

/* What each mode mounts, in order.  Host mode keeps the host's /sys and /dev (read through
 * its own namespaces); the VM's initramfs has nothing, so it mounts everything. */
static const struct mnt mounts[] = {
	{ "proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, 0 },
	{ "sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, 1 },
	{ "devtmpfs", "/dev", "devtmpfs", MS_NOSUID, "mode=0755", 1 },
	{ "tracefs", "/sys/kernel/tracing", "tracefs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, 0 },
	{ "bpf", "/sys/fs/bpf", "bpf", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=0700", 0 },
	{ "tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777,size=16m", 1 },
	/* a private /run first, so creating the run dir leaves nothing on the host's /run */
	{ "tmpfs", "/run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=1m", 0 },
	{ "tmpfs", GUEST_RUN_DIR, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=16m", 0 },
	{ "cgroup2", GUEST_CGROUP_DIR, "cgroup2", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, 1 },
};

static int mkdir_p(const char *path, mode_t mode)
{
	char tmp[256];
	size_t len = strlen(path);

	if (len >= sizeof(tmp))
		return -ENAMETOOLONG;
	memcpy(tmp, path, len + 1);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(tmp, mode) < 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(tmp, mode) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

static int loopback_up(struct dojo_err *err)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int rc = 0;

	if (fd < 0)
		return dojo_err_set(err, -errno, "socket: %s", strerror(errno));
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) {
		rc = dojo_err_set(err, -errno, "cannot read the flags of lo: %s", strerror(errno));
	} else {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
			rc = dojo_err_set(err, -errno, "cannot bring lo up: %s", strerror(errno));
	}
	close(fd);
	return rc;
}

int guest_self_exe(char *out, size_t cap)
{
	ssize_t n = readlink("/proc/self/exe", out, cap - 1);

	if (n < 0)
		return -errno;
	out[n] = 0;
	return 0;
}

/* PATH leads to the exercises' own programs ("bin NAME" in an exercise's `needs`): the guest's
 * /bin in the micro-VM (PID 1 gets no PATH from the kernel), the agent's own directory first in
 * host mode.  libbpf looks a probe's binary named without a '/' up in PATH
 * (SEC("usdt/NAME:...")), and workloads find the program the same way, so the probe and the
 * run are on the same file in both modes. */
static int path_setup(enum guest_mode mode, struct dojo_err *err)
{
	char self[PATH_MAX], path[2 * PATH_MAX];
	const char *old = getenv("PATH"), *slash;
	int rc;

	if (mode == GUEST_VM)
		return setenv("PATH", GUEST_VM_BIN_DIR, 1) < 0 ?
		       dojo_err_set(err, -errno, "setenv PATH: %s", strerror(errno)) : 0;
	if ((rc = guest_self_exe(self, sizeof(self))) < 0)
		return dojo_err_set(err, rc, "cannot resolve /proc/self/exe: %s", strerror(-rc));
	slash = strrchr(self, '/');
	if (!slash || snprintf(path, sizeof(path), "%.*s%s%s", (int)(slash - self), self,
			       old && *old ? ":" : "", old ? old : "") >= (int)sizeof(path))
		return dojo_err_set(err, -ENAMETOOLONG, "the agent's PATH would be too long");
	if (setenv("PATH", path, 1) < 0)
		return dojo_err_set(err, -errno, "setenv PATH: %s", strerror(errno));
	return 0;
}

int guest_env_setup(enum guest_mode mode, struct dojo_err *err)
{
	static const char host_name[] = "bpfdojo";
	int rc;

	if (mode == GUEST_HOST) {
		/* die with the host backend's process, whatever happens to it */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
			return dojo_err_set(err, -errno, "PR_SET_PDEATHSIG: %s", strerror(errno));
		if (getpid() != 1)
			return dojo_err_set(err, -EINVAL, "host mode expects to be PID 1 of a new pid namespace (started by the host sandbox)");
		/* nothing mounted here may propagate back to the host */
		if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
			return dojo_err_set(err, -errno, "cannot make mounts private: %s", strerror(errno));
	}
	for (size_t i = 0; i < sizeof(mounts) / sizeof(mounts[0]); i++) {
		const struct mnt *m = &mounts[i];

		if (m->vm_only && mode != GUEST_VM)
			continue;
		rc = mkdir_p(m->dst, 0755);
		if (rc)
			return dojo_err_set(err, rc, "cannot create %s: %s", m->dst, strerror(-rc));
		if (mount(m->src, m->dst, m->type, m->flags, m->data) < 0)
			return dojo_err_set(err, -errno, "cannot mount %s on %s: %s", m->type, m->dst,
					    strerror(errno));
	}
	if (sethostname(host_name, sizeof(host_name) - 1) < 0)
		return dojo_err_set(err, -errno, "sethostname: %s", strerror(errno));
	rc = loopback_up(err);
	if (!rc)
		rc = path_setup(mode, err);
	if (rc)
		return rc;
	/* a write to a closed channel must be an error to handle, not a silent death */
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

static int rng_fd = -1;   /* /dev/urandom, opened before the snapshot (VM mode) */

int guest_env_open_rng(struct dojo_err *err)
{
	if (rng_fd < 0)
		rng_fd = open("/dev/urandom", O_WRONLY | O_CLOEXEC);
	if (rng_fd < 0)
		return dojo_err_set(err, -errno, "cannot open /dev/urandom: %s", strerror(errno));
	return 0;
}

static int seed_rng(const uint8_t *entropy, size_t len, struct dojo_err *err)
{
	struct {
		struct rand_pool_info info;
		uint8_t bytes[64];
	} req;
	int fd, rc = 0;

	if (len > sizeof(req.bytes))
		len = sizeof(req.bytes);
	req.info.entropy_count = (int)(len * 8);
	req.info.buf_size = (int)len;
	memcpy(req.bytes, entropy, len);
	rc = guest_env_open_rng(err);
	if (rc)
		return rc;
	fd = rng_fd;
	if (ioctl(fd, RNDADDENTROPY, &req.info) < 0)
		rc = dojo_err_set(err, -errno, "RNDADDENTROPY: %s", strerror(errno));
	else if (ioctl(fd, RNDRESEEDCRNG) < 0)
		rc = dojo_err_set(err, -errno, "RNDRESEEDCRNG: %s", strerror(errno));
	return rc;
}

int guest_env_apply_job(enum guest_mode mode, const struct proto_job *job, struct dojo_err *err)
{
	struct timespec ts;

	if (mode == GUEST_HOST && (job->flags & (JOB_SEED_RNG | JOB_SET_CLOCK)))
		return dojo_err_set(err, -EPERM, "host mode never seeds the host's RNG or sets its clock; the job asked for flags 0x%x", job->flags);
	if (job->flags & JOB_SEED_RNG) {
		int rc = seed_rng(job->entropy, sizeof(job->entropy), err);

		if (rc)
			return rc;
	}
	if (job->flags & JOB_SET_CLOCK) {
		ts.tv_sec = (time_t)(job->realtime_ns / 1000000000u);
		ts.tv_nsec = (long)(job->realtime_ns % 1000000000u);
		if (clock_settime(CLOCK_REALTIME, &ts) < 0)
			return dojo_err_set(err, -errno, "clock_settime: %s", strerror(errno));
	}
	return 0;
}

void guest_env_exit(enum guest_mode mode, int status)
{
	if (mode == GUEST_VM && getpid() == 1) {
		/* PID 1 returning panics the kernel; the host kills the VM anyway, power off is
		 * just the tidy way to say "done" */
		sync();
		reboot(RB_POWER_OFF);
	}
	exit(status);
}
