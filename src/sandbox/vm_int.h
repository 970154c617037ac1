/* vm_int.h: the pieces of the micro-VM backend, shared by its files only.
 *
 *   vm.c          sandbox_vm_run(): restore a guest, send the job, pump frames, destroy it
 *   vm_env.c      where things are (qemu, kernel, initramfs, runtime dir, the qemu user)
 *   vm_qemu.c     qemu's command line, starting it unprivileged, killing it
 *   vm_qmp.c      the QMP client
 *   vm_snap.c     the snapshot: build (cold boot, retries), cache, key, the sealed RAM memfd
 *   vm_restore.c  one guest restored from the snapshot: qemu started, then migrate-incoming
 *   vm_spare.c    qemus started ahead of the runs that will use them (long-lived processes)
 *   vm_accel.c    KVM or TCG, by a real probe, cached
 *   vm_status.c   sandbox_vm_status() for doctor and /healthz
 *   vm_timing.c   timed probes for benchmarks (cold boot, qemu start) */
#ifndef DOJO_SANDBOX_VM_INT_H
#define DOJO_SANDBOX_VM_INT_H

#include <jansson.h>
#include <limits.h>
#include <stdint.h>
#include <sys/types.h>
#include "core/buf.h"
#include "channel.h"
#include "sandbox.h"
#include "vm.h"

#define VM_CHAN_DEV        "/dev/vport0p1"
#define VM_QEMU_USER       "nobody"

/* Where everything is, resolved once per run. */
struct vm_env {
	char qemu[PATH_MAX];
	char kernel[PATH_MAX];
	char initramfs[PATH_MAX];
	char rtdir[PATH_MAX];      /* runtime dir: snapshots, accel cache, lock (tmpfs) */
	uid_t uid;                 /* qemu's user */
	gid_t gid;
	gid_t kvm_gid;             /* /dev/kvm's group when it grants rw, else (gid_t)-1 */
};

/* Resolve @paths (NULL = dojo_paths_init()) and @initramfs (NULL = kernel_dir/initramfs.cpio).
 * Each missing piece gives -ENOENT and a sentence with the fix. */
int vm_env_init(struct vm_env *e, const struct dojo_paths *paths, const char *initramfs,
		struct dojo_err *err);
/* The identity of qemu + kernel + initramfs (sizes, mtimes, inodes) as 16 hex digits. */
int vm_env_key(const struct vm_env *e, char out[17], struct dojo_err *err);
/* Create the runtime dir (0700, root) if needed.  0 or a negative errno. */
int vm_env_mkdir(const struct vm_env *e, struct dojo_err *err);

/* One qemu process and the host's ends of its links. */
struct vm_guest {
	pid_t pid;
	int chan;     /* the job channel (virtio-serial port <-> socketpair) */
	int qmp;      /* the monitor */
	int con;      /* the guest's ttyS0, the kernel console */
	int err;      /* qemu's stderr (a pipe) */
	uint64_t t_start;
};

struct vm_launch {
	const struct vm_env *env;
	enum sandbox_vm_accel accel;
	int ram_fd;        /* guest RAM (a memfd) */
	int share;         /* 1: the snapshot source (RAM written through); 0: private COW */
	int incoming;      /* wait for an incoming migration (a restore) */
};

/* Start qemu as the unprivileged user, in its seccomp sandbox.  0 with @g filled, or a
 * negative errno.  vm_guest_kill() must follow either way. */
int vm_guest_start(struct vm_guest *g, const struct vm_launch *l, struct dojo_err *err);
/* SIGKILL qemu, reap it and close every fd.  Safe on a zeroed or half-started guest. */
void vm_guest_kill(struct vm_guest *g);
/* The last lines of the guest's console and qemu's stderr, for an error message. */
void vm_guest_tail(struct vm_guest *g, char *out, size_t cap);
/* A zeroed guest (fds -1). */
void vm_guest_init(struct vm_guest *g);

struct vm_qmp {
	int fd;               /* not owned */
	uint64_t deadline_ms;
	struct buf in;
};

/* Read the greeting and enter command mode.  0 or a negative errno. */
int vm_qmp_open(struct vm_qmp *q, int fd, uint64_t deadline_ms, struct dojo_err *err);
/* Run @cmd with @args (stolen; may be NULL), passing @pass_fd (-1: none) along.  0 with *ret
 * (may be NULL) set to the "return" value (caller decrefs); -EIO with qemu's reason. */
int vm_qmp_cmd(struct vm_qmp *q, const char *cmd, json_t *args, int pass_fd, json_t **ret,
	       struct dojo_err *err);
void vm_qmp_close(struct vm_qmp *q);

/* A snapshot ready to restore from, shared by this process's runs. */
struct vm_snap {
	char key[17];
	char dir[PATH_MAX];        /* holds "state" */
	int ram_fd;                /* sealed memfd holding guest RAM: restores map it private */
	enum sandbox_vm_accel accel;
	unsigned refs;
};

/* The snapshot for @e, built (cold boot, under a flock, atomically) when missing or stale.
 * 0 with *out (release it with vm_snap_put()); a negative errno. */
int vm_snap_get(const struct vm_env *e, struct vm_snap **out, unsigned *built_ms,
		struct dojo_err *err);
/* Take another reference; vm_snap_put() drops one (NULL: nothing). */
void vm_snap_ref(struct vm_snap *s);
void vm_snap_put(struct vm_snap *s);
/* Whether a snapshot for @e exists on disk (no build). */
int vm_snap_exists(const struct vm_env *e);

/* A qemu waiting to restore a guest from @snap. */
struct vm_incoming {
	struct vm_guest g;
	struct vm_qmp q;
	int qmp_open;
	struct vm_snap *snap;      /* a reference */
};

/* An empty one (no qemu, fds -1): vm_incoming_free() is a no-op on it. */
void vm_incoming_init(struct vm_incoming *in);
/* Start qemu for a restore from @s: -incoming defer, the monitor greeted, x-ignore-shared set,
 * the state file passed.  0 or a negative errno; vm_incoming_free() must follow either way. */
int vm_incoming_start(struct vm_incoming *in, const struct vm_env *e, struct vm_snap *s,
		      uint64_t deadline, struct dojo_err *err);
/* Load the snapshot's state (migrate-incoming): the guest runs on.  0 or a negative errno. */
int vm_incoming_restore(struct vm_incoming *in, uint64_t deadline, struct dojo_err *err);
/* Kill qemu, close everything, drop the snapshot reference.  Safe on a zeroed or failed one. */
void vm_incoming_free(struct vm_incoming *in);

/* A spare started from @s, moved into @out: 1, or 0 when none is waiting (spares of other
 * snapshots are killed on the way). */
int vm_spare_take(struct vm_snap *s, struct vm_incoming *out);
/* After a run: spares (when asked for) are to be started for @e and @s from now on. */
void vm_spare_note(const struct vm_env *e, struct vm_snap *s);

/* Cold-boot a guest until its agent says READY, then leave it running. */
int vm_boot_ready(struct vm_guest *g, const struct vm_launch *l, unsigned timeout_ms,
		  struct dojo_err *err);

/* KVM or TCG for @e: the cached answer, else (with @probe) a probe boot, else UNKNOWN.
 * *cached says whether the answer came from the cache; @why (may be NULL) says why not KVM. */
enum sandbox_vm_accel vm_accel_get(const struct vm_env *e, int probe, int *cached, char *why,
				   size_t why_cap);


/* The guest kernel's command line (vm_qemu.c); part of the snapshot key (vm_env.c). */
#define VM_APPEND "console=ttyS0 quiet panic=-1 oops=panic reboot=t mitigations=off " \
		  "tsc=reliable no_timer_check rdinit=/init -- --mode vm --channel " VM_CHAN_DEV

#endif
