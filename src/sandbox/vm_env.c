/* vm_env.c: where the vm backend finds its pieces: the qemu binary ($BPFDOJO_QEMU or
 * qemu-system-x86_64 on $PATH), the guest kernel and initramfs (paths->kernel_dir), the
 * runtime dir on tmpfs ($BPFDOJO_RUNTIME_DIR or /dev/shm/bpfdojo-<uid>), and the user qemu
 * runs as.  Every missing piece is reported with the command that makes it. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "vm_int.h"

static int find_in_path(const char *name, char *out, size_t cap)
{
	const char *path = getenv("PATH");

	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		const char *colon = strchr(path, ':');
		size_t n = colon ? (size_t)(colon - path) : strlen(path);
		int w = snprintf(out, cap, "%.*s/%s", (int)n, path, name);

		if (n && w > 0 && (size_t)w < cap && access(out, X_OK) == 0)
			return 0;
		path += n + (colon ? 1 : 0);
	}
	out[0] = 0;
	return -ENOENT;
}

static int set_path(char *dst, const char *a, const char *b)
{
	int n = snprintf(dst, PATH_MAX, "%s%s", a, b);

	return n < 0 || n >= PATH_MAX ? -ENAMETOOLONG : 0;
}

int vm_env_init(struct vm_env *e, const struct dojo_paths *paths, const char *initramfs,
		struct dojo_err *err)
{
	const char *qemu = getenv("BPFDOJO_QEMU"), *rt = getenv("BPFDOJO_RUNTIME_DIR");
	struct dojo_paths local;
	struct passwd pw, *res = NULL;
	char pwbuf[1024];
	struct stat st;
	int rc;

	memset(e, 0, sizeof(*e));
	e->kvm_gid = (gid_t)-1;
	if (!paths) {
		rc = dojo_paths_init(&local, err);
		if (rc)
			return rc;
		paths = &local;
	}
	if (set_path(e->kernel, paths->kernel_dir, "/vmlinux") ||
	    set_path(e->initramfs, initramfs ? initramfs : paths->kernel_dir, initramfs ? "" : "/initramfs.cpio"))
		return dojo_err_set(err, -ENAMETOOLONG, "bpfdojo's kernel directory path is too long");
	if (rt && *rt)
		rc = set_path(e->rtdir, rt, "");
	else
		rc = snprintf(e->rtdir, sizeof(e->rtdir), "/dev/shm/bpfdojo-%u", (unsigned)geteuid()) < 0;
	if (rc)
		return dojo_err_set(err, -ENAMETOOLONG, "BPFDOJO_RUNTIME_DIR is too long");
	if (qemu && *qemu) {
		if (set_path(e->qemu, qemu, ""))
			return dojo_err_set(err, -ENAMETOOLONG, "BPFDOJO_QEMU is too long");
	} else {
		(void)find_in_path("qemu-system-x86_64", e->qemu, sizeof(e->qemu));
	}
	if (getpwnam_r(VM_QEMU_USER, &pw, pwbuf, sizeof(pwbuf), &res) == 0 && res) {
		e->uid = pw.pw_uid;
		e->gid = pw.pw_gid;
	} else {
		e->uid = (uid_t)-1;
	}
	if (stat("/dev/kvm", &st) == 0 && S_ISCHR(st.st_mode)) {
		if ((st.st_mode & 0006) == 0006)
			e->kvm_gid = e->gid;
		else if ((st.st_mode & 0060) == 0060)
			e->kvm_gid = st.st_gid;
	}

	if (!e->qemu[0] || access(e->qemu, X_OK) < 0)
		return dojo_err_set(err, -ENOENT, "qemu is missing (%s): install it with `apt-get install qemu-system-x86`, or set BPFDOJO_QEMU, or use --sandbox host", e->qemu[0] ? e->qemu : "qemu-system-x86_64 not on PATH");
	if (access(e->kernel, R_OK) < 0)
		return dojo_err_set(err, -ENOENT, "the guest kernel %s is missing: run `make kernel`", e->kernel);
	if (access(e->initramfs, R_OK) < 0)
		return dojo_err_set(err, -ENOENT, "the guest initramfs %s is missing: run `make initramfs`", e->initramfs);
	if (e->uid == (uid_t)-1)
		return dojo_err_set(err, -ENOENT, "there is no user '%s' to run qemu as: create it (useradd --system %s)", VM_QEMU_USER, VM_QEMU_USER);
	return 0;
}

/* FNV-1a over @len bytes, folded into @h. */
static uint64_t fnv(uint64_t h, const void *p, size_t len)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < len; i++) {
		h ^= b[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

int vm_env_key(const struct vm_env *e, char out[17], struct dojo_err *err)
{
	const char *files[] = { e->qemu, e->kernel, e->initramfs };
	uint64_t h = 0xcbf29ce484222325ull;
	/* what the snapshot also depends on: bump when the command line or layout changes */
	static const char layout[] = "bpfdojo-vm/3 mem=128 tcg-cpu=max";

	h = fnv(h, layout, sizeof(layout));
	h = fnv(h, VM_APPEND, sizeof(VM_APPEND));
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct stat st;
		uint64_t v[5];

		if (stat(files[i], &st) < 0)
			return dojo_err_set(err, -errno, "cannot stat %s: %s", files[i], strerror(errno));
		v[0] = (uint64_t)st.st_size;
		v[1] = (uint64_t)st.st_mtim.tv_sec;
		v[2] = (uint64_t)st.st_mtim.tv_nsec;
		v[3] = (uint64_t)st.st_ino;
		v[4] = (uint64_t)st.st_dev;
		h = fnv(h, files[i], strlen(files[i]));
		h = fnv(h, v, sizeof(v));
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
	return 0;
}

int vm_env_mkdir(const struct vm_env *e, struct dojo_err *err)
{
	struct stat st;

	if (mkdir(e->rtdir, 0700) < 0 && errno != EEXIST)
		return dojo_err_set(err, -errno, "cannot create the runtime dir %s: %s", e->rtdir, strerror(errno));
	if (lstat(e->rtdir, &st) < 0)
		return dojo_err_set(err, -errno, "cannot stat %s: %s", e->rtdir, strerror(errno));
	/* snapshots are trusted input for every run: nobody else may own or write this dir */
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 0022))
		return dojo_err_set(err, -EPERM, "the runtime dir %s must be a directory owned by uid %u and not writable by others; remove it", e->rtdir, (unsigned)geteuid());
	return 0;
}
