/* vm_timing.c: two timed probes of the micro-VM backend for benchmarks (bench/bench_vm.c),
 * so they need no internal header: a cold boot to agent READY (what every run would cost
 * without the snapshot) and a qemu started for a restore (what a spare takes off a run). */
#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>
#include "core/clock.h"
#include "core/limits.h"
#include "vm_int.h"

int sandbox_vm_time_cold_boot(const struct dojo_paths *paths, unsigned *ms, struct dojo_err *err)
{
	struct vm_env e;
	struct vm_launch l = { .env = &e, .share = 0 };
	struct vm_guest g;
	uint64_t t0;
	int rc, cached;

	rc = vm_env_init(&e, paths, NULL, err);
	if (rc)
		return rc;
	l.accel = vm_accel_get(&e, 1, &cached, NULL, 0);
	l.ram_fd = memfd_create("bench-ram", MFD_CLOEXEC);
	if (l.ram_fd < 0 || ftruncate(l.ram_fd, (off_t)DOJO_VM_MEM_MB << 20) < 0) {
		rc = dojo_err_set(err, -errno, "cannot make the guest's RAM: %m");
		if (l.ram_fd >= 0)
			close(l.ram_fd);
		return rc;
	}
	t0 = dojo_now_ms();
	rc = vm_boot_ready(&g, &l, DOJO_VM_BOOT_TIMEOUT_MS, err);
	*ms = (unsigned)(dojo_now_ms() - t0);
	vm_guest_kill(&g);
	close(l.ram_fd);
	return rc;
}

int sandbox_vm_time_qemu_start(const struct dojo_paths *paths, unsigned *ms, struct dojo_err *err)
{
	struct vm_incoming in;
	struct vm_snap *snap;
	struct vm_env e;
	uint64_t t0;
	int rc;

	rc = vm_env_init(&e, paths, NULL, err);
	if (!rc)
		rc = vm_snap_get(&e, &snap, NULL, err);
	if (rc)
		return rc;
	t0 = dojo_now_ms();
	rc = vm_incoming_start(&in, &e, snap, t0 + DOJO_VM_QMP_TIMEOUT_MS, err);
	*ms = (unsigned)(dojo_now_ms() - t0);
	vm_incoming_free(&in);
	vm_snap_put(snap);
	return rc;
}
