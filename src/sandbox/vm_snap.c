/* vm_snap.c: the snapshot every run's guest is restored from.
 *
 * Building (once per qemu + kernel + initramfs + accelerator, keyed by their sizes, mtimes and
 * inodes): cold-boot a guest whose RAM is a memfd mapped shared, wait for the agent's READY
 * (it has loaded its modules, parsed the kernel's BTF and warmed libbpf, and now blocks
 * reading its JOB), then migrate the device state to a file with x-ignore-shared (the RAM
 * stays in the memfd).  Cold boots hang now and then before any output, so each has a
 * deadline and a few tries.  The result goes to <runtime>/snap-<key>/{state,ram}: built in a
 * temp dir under an exclusive flock, then renamed, so two processes never build at once and a
 * half-built snapshot is never seen; stale snapshots are removed afterwards.
 *
 * Using: qemu 7.2 opens a memory-backend-file read-write even when it maps it private, so
 * restores cannot be handed the snapshot's file (a compromised qemu could write it and poison
 * every later run).  Each process copies the RAM file once into a memfd sealed against writes
 * (F_SEAL_WRITE): qemu, as an unprivileged user, may open it but only map it copy-on-write.
 * One sealed memfd serves every concurrent restore of this process and is never modified. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/limits.h"
#include "vm_int.h"

#define RAM_BYTES ((off_t)DOJO_VM_MEM_MB << 20)

static pthread_mutex_t snap_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct vm_snap *current;

static int new_memfd(struct dojo_err *err)
{
	int fd = memfd_create("bpfdojo-guest-ram", MFD_CLOEXEC | MFD_ALLOW_SEALING);

	if (fd < 0)
		return dojo_err_set(err, -errno, "memfd_create: %s", strerror(errno));
	if (ftruncate(fd, RAM_BYTES) < 0) {
		int e = errno;

		close(fd);
		return dojo_err_set(err, -e, "sizing the guest RAM: %s", strerror(e));
	}
	return fd;
}

static int seal(int fd, struct dojo_err *err)
{
	if (fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) < 0)
		return dojo_err_set(err, -errno, "sealing the snapshot's RAM: %s", strerror(errno));
	return 0;
}

/* Copy the data (not the holes) of @in to @out at the same offsets. */
static int copy_sparse(int out, int in, struct dojo_err *err)
{
	off_t pos = 0;

	for (;;) {
		off_t data = lseek(in, pos, SEEK_DATA), hole;

		if (data < 0 && errno == ENXIO)
			return 0;
		if (data < 0)
			return dojo_err_set(err, -errno, "reading the snapshot's RAM: %s", strerror(errno));
		hole = lseek(in, data, SEEK_HOLE);
		if (hole < 0)
			return dojo_err_set(err, -errno, "reading the snapshot's RAM: %s", strerror(errno));
		if (lseek(out, data, SEEK_SET) < 0)
			return dojo_err_set(err, -errno, "seek: %s", strerror(errno));
		for (off_t off = data; off < hole;) {
			ssize_t n = sendfile(out, in, &off, (size_t)(hole - off));

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				return dojo_err_set(err, n < 0 ? -errno : -EIO, "copying the snapshot's RAM: %s", n < 0 ? strerror(errno) : "short file");
		}
		pos = hole;
	}
}

static int snap_path(char *out, const struct vm_env *e, const char *dir, const char *file)
{
	int n = snprintf(out, PATH_MAX, "%s/%s%s%s", e->rtdir, dir, file ? "/" : "", file ? file : "");

	return n < 0 || n >= PATH_MAX ? -ENAMETOOLONG : 0;
}

/* Tell the agent it is saved next and wait for its second READY: from then on it waits for
 * its JOB spinning (guest_chan_read_job()), with its whole spin window ahead of every restore. */
static int announce_save(struct vm_guest *g, struct dojo_err *err)
{
	struct sandbox_chan chan;
	int rc = sandbox_chan_init(&chan, g->chan, dojo_now_ms() + DOJO_VM_QMP_TIMEOUT_MS);

	if (rc)
		return dojo_err_set(err, rc, "cannot set up the channel: %s", strerror(-rc));
	rc = sandbox_chan_write(&chan, FRAME_SAVE, NULL, 0, err);
	if (!rc)
		rc = sandbox_chan_wait_ready(&chan, err);
	sandbox_chan_free(&chan);
	return rc;
}

/* Cold boot, READY, migrate the device state to @state_path; the RAM ends up in @ram_fd. */
static int build_once(const struct vm_env *e, enum sandbox_vm_accel accel, int ram_fd,
		      const char *state_path, struct dojo_err *err)
{
	struct vm_launch l = { .env = e, .accel = accel, .ram_fd = ram_fd, .share = 1 };
	struct vm_guest g;
	struct vm_qmp q;
	json_t *caps, *ret = NULL;
	uint64_t deadline;
	int rc, sfd = -1, qmp_ok = 0;

	rc = vm_boot_ready(&g, &l, DOJO_VM_BOOT_TIMEOUT_MS, err);
	if (!rc)
		rc = announce_save(&g, err);
	if (rc)
		goto out;
	rc = vm_qmp_open(&q, g.qmp, dojo_now_ms() + DOJO_VM_QMP_TIMEOUT_MS, err);
	qmp_ok = 1;
	if (rc)
		goto out;
	caps = json_pack("{s:[{s:s, s:b}]}", "capabilities", "capability", "x-ignore-shared", "state", 1);
	rc = vm_qmp_cmd(&q, "migrate-set-capabilities", caps, -1, NULL, err);
	if (rc)
		goto out;
	sfd = open(state_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (sfd < 0) {
		rc = dojo_err_set(err, -errno, "cannot create %s: %s", state_path, strerror(errno));
		goto out;
	}
	rc = vm_qmp_cmd(&q, "getfd", json_pack("{s:s}", "fdname", "mig"), sfd, NULL, err);
	if (!rc)
		rc = vm_qmp_cmd(&q, "migrate", json_pack("{s:s}", "uri", "fd:mig"), -1, NULL, err);
	deadline = dojo_now_ms() + DOJO_VM_MIGRATE_TIMEOUT_MS;
	while (!rc) {
		const char *status;

		rc = vm_qmp_cmd(&q, "query-migrate", NULL, -1, &ret, err);
		if (rc)
			break;
		status = json_string_value(json_object_get(ret, "status"));
		if (status && !strcmp(status, "completed")) {
			json_decref(ret);
			break;
		}
		if (status && (!strcmp(status, "failed") || !strcmp(status, "cancelled")))
			rc = dojo_err_set(err, -EIO, "saving the guest failed: %s", json_string_value(json_object_get(ret, "error-desc")) ?: status);
		else if (dojo_now_ms() > deadline)
			rc = dojo_err_set(err, -ETIMEDOUT, "saving the guest did not finish in %u ms", DOJO_VM_MIGRATE_TIMEOUT_MS);
		json_decref(ret);
		ret = NULL;
		if (!rc)
			usleep(2000);
	}
out:
	if (qmp_ok)
		vm_qmp_close(&q);
	vm_guest_kill(&g);
	if (sfd >= 0)
		close(sfd);
	return rc;
}

/* Remove @dir under the runtime dir and the files in it (one level). */
static void remove_dir(const struct vm_env *e, const char *dir)
{
	static const char *const files[] = { "state", "ram" };
	char p[PATH_MAX];

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (!snap_path(p, e, dir, files[i]))
			unlink(p);
	if (!snap_path(p, e, dir, NULL))
		rmdir(p);
}

/* Drop older snapshots of the same initramfs (same name up to the key), and temp dirs of
 * builders that are gone (under the lock, so no builder is running). */
static void remove_stale(const struct vm_env *e, const char *keep)
{
	size_t prefix = strlen("snap-") + 9;   /* "snap-" + the initramfs path's hash + "-" */
	DIR *d = opendir(e->rtdir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		if (!strncmp(de->d_name, keep, prefix) && strcmp(de->d_name, keep))
			remove_dir(e, de->d_name);
		else if (!strncmp(de->d_name, "tmp-", 4))
			remove_dir(e, de->d_name);   /* only a builder holding the lock makes them */
	}
	closedir(d);
}

static int build(const struct vm_env *e, enum sandbox_vm_accel accel, const char *name,
		 int ram_fd, struct dojo_err *err)
{
	char tmp[64], state[PATH_MAX], ram[PATH_MAX], dst[PATH_MAX];
	int rc = -EIO, rfd;

	snprintf(tmp, sizeof(tmp), "tmp-%d", (int)getpid());
	if (snap_path(dst, e, tmp, NULL) || snap_path(state, e, tmp, "state") || snap_path(ram, e, tmp, "ram"))
		return dojo_err_set(err, -ENAMETOOLONG, "the runtime dir path is too long");
	remove_dir(e, tmp);
	if (mkdir(dst, 0700) < 0)
		return dojo_err_set(err, -errno, "cannot create %s: %s", dst, strerror(errno));
	for (unsigned i = 0; i < DOJO_VM_BOOT_TRIES; i++) {
		unlink(state);
		if (ftruncate(ram_fd, 0) < 0 || ftruncate(ram_fd, RAM_BYTES) < 0) {
			rc = dojo_err_set(err, -errno, "resetting the guest RAM: %s", strerror(errno));
			break;
		}
		rc = build_once(e, accel, ram_fd, state, err);
		if (rc != -ETIMEDOUT)
			break;
	}
	if (!rc) {
		rfd = open(ram, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (rfd < 0)
			rc = dojo_err_set(err, -errno, "cannot create %s: %s", ram, strerror(errno));
		else if (ftruncate(rfd, RAM_BYTES) < 0)
			rc = dojo_err_set(err, -errno, "sizing %s: %s", ram, strerror(errno));
		else
			rc = copy_sparse(rfd, ram_fd, err);
		if (rfd >= 0)
			close(rfd);
	}
	if (!rc && !snap_path(state, e, name, NULL))
		remove_dir(e, name);   /* a leftover without its ram file */
	if (!rc && (snap_path(state, e, name, NULL) || rename(dst, state) < 0))
		rc = dojo_err_set(err, -errno, "cannot publish the snapshot %s: %s", state, strerror(errno));
	if (rc)
		remove_dir(e, tmp);
	return rc;
}

/* Load the snapshot named @name into a fresh sealed memfd, building it first if needed. */
static int load_or_build(const struct vm_env *e, enum sandbox_vm_accel accel, const char *name,
			 struct vm_snap *s, unsigned *built_ms, struct dojo_err *err)
{
	char lock[PATH_MAX], ram[PATH_MAX];
	int lfd = -1, rfd = -1, rc;
	uint64_t t0 = dojo_now_ms();

	if (snap_path(lock, e, "lock", NULL) || snap_path(ram, e, name, "ram") ||
	    snap_path(s->dir, e, name, NULL))
		return dojo_err_set(err, -ENAMETOOLONG, "the runtime dir path is too long");
	rc = vm_env_mkdir(e, err);
	if (rc)
		return rc;
	s->ram_fd = new_memfd(err);
	if (s->ram_fd < 0)
		return s->ram_fd;
	rfd = open(ram, O_RDONLY | O_CLOEXEC);
	if (rfd < 0) {
		lfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (lfd < 0 || flock(lfd, LOCK_EX) < 0) {
			rc = dojo_err_set(err, -errno, "cannot lock %s: %s", lock, strerror(errno));
			goto out;
		}
		rfd = open(ram, O_RDONLY | O_CLOEXEC);   /* another process may have built it */
		if (rfd < 0) {
			rc = build(e, accel, name, s->ram_fd, err);
			if (rc)
				goto out;
			remove_stale(e, name);
			if (built_ms)
				*built_ms = (unsigned)(dojo_now_ms() - t0);
			rc = seal(s->ram_fd, err);
			goto out;
		}
	}
	rc = copy_sparse(s->ram_fd, rfd, err);
	if (!rc)
		rc = seal(s->ram_fd, err);
out:
	if (rfd >= 0)
		close(rfd);
	if (lfd >= 0)
		close(lfd);   /* drops the flock */
	if (rc) {
		close(s->ram_fd);
		s->ram_fd = -1;
	}
	return rc;
}

/* snap-<8 hex of the initramfs path>-<key>-<accel>: the test initramfs's snapshot lives next
 * to the real one, and a rebuild replaces only the snapshots of its own initramfs. */
static void snap_name(char *out, size_t cap, const struct vm_env *e, const char *key,
		      enum sandbox_vm_accel accel)
{
	uint32_t h = 2166136261u;

	for (const char *p = e->initramfs; *p; p++)
		h = (h ^ (uint8_t)*p) * 16777619u;
	snprintf(out, cap, "snap-%08x-%s-%s", h, key, sandbox_vm_accel_name(accel));
}

static void snap_free(struct vm_snap *s)
{
	if (s->ram_fd >= 0)
		close(s->ram_fd);
	free(s);
}

int vm_snap_get(const struct vm_env *e, struct vm_snap **out, unsigned *built_ms,
		struct dojo_err *err)
{
	enum sandbox_vm_accel accel;
	char key[17], name[80];
	struct vm_snap *s;
	int rc, cached;

	*out = NULL;
	if (built_ms)
		*built_ms = 0;
	rc = vm_env_key(e, key, err);
	if (rc)
		return rc;
	accel = vm_accel_get(e, 1, &cached, NULL, 0);
	snap_name(name, sizeof(name), e, key, accel);
	pthread_mutex_lock(&snap_mutex);
	if (current && !strcmp(current->key, key) && current->accel == accel) {
		current->refs++;
		*out = current;
		pthread_mutex_unlock(&snap_mutex);
		return 0;
	}
	s = calloc(1, sizeof(*s));
	if (!s) {
		pthread_mutex_unlock(&snap_mutex);
		return dojo_err_set(err, -ENOMEM, "out of memory");
	}
	memcpy(s->key, key, sizeof(s->key));
	s->accel = accel;
	s->ram_fd = -1;
	rc = load_or_build(e, accel, name, s, built_ms, err);
	if (rc) {
		pthread_mutex_unlock(&snap_mutex);
		snap_free(s);
		return rc;
	}
	s->refs = 2;   /* the cache's and the caller's */
	if (current && --current->refs == 0)
		snap_free(current);
	current = s;
	*out = s;
	pthread_mutex_unlock(&snap_mutex);
	return 0;
}

void vm_snap_ref(struct vm_snap *s)
{
	pthread_mutex_lock(&snap_mutex);
	s->refs++;
	pthread_mutex_unlock(&snap_mutex);
}

void vm_snap_put(struct vm_snap *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&snap_mutex);
	if (--s->refs == 0)
		snap_free(s);
	pthread_mutex_unlock(&snap_mutex);
}

int vm_snap_exists(const struct vm_env *e)
{
	enum sandbox_vm_accel accel;
	char key[17], name[80], ram[PATH_MAX];
	int cached;

	if (vm_env_key(e, key, NULL))
		return 0;
	accel = vm_accel_get(e, 0, &cached, NULL, 0);
	if (accel == SANDBOX_ACCEL_UNKNOWN)
		return 0;
	snap_name(name, sizeof(name), e, key, accel);
	return !snap_path(ram, e, name, "ram") && access(ram, R_OK) == 0;
}
