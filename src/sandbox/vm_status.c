/* vm_status.c: sandbox_vm_status(), the vm backend's health as `bpfdojo doctor` and the
 * server's /healthz show it: which pieces are there, the accelerator, the snapshot; with
 * @prepare it also probes the accelerator and builds the snapshot, so the first run is fast. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "vm_int.h"

/* "QEMU emulator version 7.2.22 (...)" -> "7.2.22", by running `qemu -version`. */
static void qemu_version(const char *qemu, char *out, size_t cap)
{
	int p[2];
	pid_t pid;

	out[0] = 0;
	if (pipe2(p, O_CLOEXEC) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		char *argv[] = { (char *)qemu, (char *)"-version", NULL };

		dup2(p[1], 1);
		execv(qemu, argv);
		_exit(127);
	}
	close(p[1]);
	if (pid > 0) {
		char buf[256] = "";
		ssize_t n = read(p[0], buf, sizeof(buf) - 1);
		const char *v = n > 0 ? strstr(buf, "version ") : NULL;

		if (v && sscanf(v + 8, "%63[0-9.]", out) != 1)
			out[0] = 0;
		(void)cap;
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	close(p[0]);
}

int sandbox_vm_status(const struct dojo_paths *paths, int prepare, struct sandbox_vm_status *st,
		      struct dojo_err *err)
{
	struct dojo_err ignored;
	struct vm_snap *snap = NULL;
	struct vm_env e;
	int rc, cached;

	memset(st, 0, sizeof(*st));
	rc = vm_env_init(&e, paths, NULL, err);
	snprintf(st->qemu, sizeof(st->qemu), "%s", e.qemu);
	snprintf(st->kernel, sizeof(st->kernel), "%s", e.kernel);
	snprintf(st->initramfs, sizeof(st->initramfs), "%s", e.initramfs);
	snprintf(st->runtime_dir, sizeof(st->runtime_dir), "%s", e.rtdir);
	snprintf(st->qemu_user, sizeof(st->qemu_user), "%s", VM_QEMU_USER);
	st->qemu_ok = e.qemu[0] && access(e.qemu, X_OK) == 0;
	st->kernel_ok = access(e.kernel, R_OK) == 0;
	st->initramfs_ok = access(e.initramfs, R_OK) == 0;
	st->user_ok = e.uid != (uid_t)-1;
	if (st->qemu_ok)
		qemu_version(e.qemu, st->qemu_version, sizeof(st->qemu_version));
	if (rc)
		return rc;
	st->accel = vm_accel_get(&e, prepare, &cached, st->accel_why, sizeof(st->accel_why));
	st->accel_cached = cached;
	st->snapshot_ok = vm_snap_exists(&e);
	if (!prepare)
		return 0;
	rc = vm_snap_get(&e, &snap, &st->snapshot_ms, err ? err : &ignored);
	vm_snap_put(snap);
	st->snapshot_ok = rc == 0;
	return rc;
}
