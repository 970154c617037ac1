/* vm.h: the micro-VM backend's public corner: what `bpfdojo doctor` and the server's /healthz
 * ask about it (is qemu there, the guest kernel, the initramfs, the snapshot; which accelerator
 * runs the guests), and a way to build the snapshot ahead of the first run.  Runs themselves
 * go through sandbox_run() with SANDBOX_VM (or SANDBOX_DEFAULT). */
#ifndef DOJO_SANDBOX_VM_H
#define DOJO_SANDBOX_VM_H

#include <limits.h>
#include "core/err.h"
#include "core/paths.h"

enum sandbox_vm_accel {
	SANDBOX_ACCEL_UNKNOWN = 0,   /* not probed yet */
	SANDBOX_ACCEL_TCG,           /* emulation: works everywhere, ~20x slower than KVM */
	SANDBOX_ACCEL_KVM,           /* hardware virtualization: a guest booted with it in time */
};

struct sandbox_vm_status {
	char qemu[PATH_MAX];         /* the qemu binary found ("" if none) */
	char qemu_version[64];       /* "7.2.22", "" if unknown */
	char kernel[PATH_MAX];       /* the guest kernel (ELF vmlinux, booted via PVH) */
	char initramfs[PATH_MAX];
	char runtime_dir[PATH_MAX];  /* snapshot, accelerator cache, lock */
	char qemu_user[32];          /* the unprivileged user qemu runs as */
	int qemu_ok, kernel_ok, initramfs_ok, user_ok;
	int snapshot_ok;             /* a snapshot for the current kernel/initramfs/qemu exists */
	enum sandbox_vm_accel accel;
	int accel_cached;            /* accel came from the cache (not probed by this call) */
	unsigned snapshot_ms;        /* when built by this call: how long it took */
	char accel_why[160];         /* why KVM is not used, when it is not */
};

/* Fill @st for @paths (NULL = dojo_paths_init()).  With @prepare set, also probe the
 * accelerator (a few seconds, then cached) and build the snapshot when missing (a cold boot,
 * once per kernel/initramfs/qemu).  Returns 0 when every piece is present (and, with
 * @prepare, the snapshot could be built); -ENOENT when something is missing, with @err
 * naming the first missing piece and the fix; another negative errno when a build failed. */
int sandbox_vm_status(const struct dojo_paths *paths, int prepare, struct sandbox_vm_status *st,
		      struct dojo_err *err);

/* Keep @n qemus started ahead (capped at 16; 0: none, the default, and any waiting are
 * killed).  Each run that finds one skips qemu's own start-up (~25 ms under TCG) and only
 * restores; it is replaced after the run, off the run's time.  For long-lived processes (the
 * server, benchmarks): a one-shot CLI run would only start one for nobody.  A spare holds no
 * guest and serves one run.  0 or a negative errno (the helper thread could not start).
 * After sandbox_broker_start() this sets the broker's spares (sandbox.h). */
int sandbox_vm_spares(unsigned n);
/* How many spares wait now (for /healthz, tests and benchmarks); after sandbox_broker_start(),
 * in the broker (0 when it does not answer). */
unsigned sandbox_vm_spares_ready(void);

/* Timed probes for benchmarks (bench/bench_vm.c).  A cold boot of a fresh guest until its
 * agent is READY (what every run would cost without the snapshot), and a qemu started for a
 * restore until it waits for the migration stream (what a spare takes off a run), each in
 * *ms.  0; -ETIMEDOUT for a cold boot that hung (they do, now and then); another negative
 * errno with @err filled.  @paths NULL = dojo_paths_init(). */
int sandbox_vm_time_cold_boot(const struct dojo_paths *paths, unsigned *ms, struct dojo_err *err);
int sandbox_vm_time_qemu_start(const struct dojo_paths *paths, unsigned *ms, struct dojo_err *err);

/* "kvm", "tcg" or "unknown" */
const char *sandbox_vm_accel_name(enum sandbox_vm_accel a);

#endif
