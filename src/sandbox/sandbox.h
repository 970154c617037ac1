/* sandbox.h: run one job in a throwaway kernel context and stream its frames back.
 *
 * A backend starts a fresh guest agent (a child process in its own namespaces for `host`, a
 * micro-VM restored from a snapshot for `vm`), sends it the job, and hands every frame the
 * agent sends to the caller's callback as it arrives.  Backends differ only in transport and
 * isolation; the agent and the protocol (core/proto.h) are the same.  Whatever happens (the
 * deadline, a crash, a malformed frame, a callback that says stop) nothing is left behind:
 * no process, no BPF object, no temporary file. */
#ifndef DOJO_SANDBOX_H
#define DOJO_SANDBOX_H

#include <stddef.h>
#include <stdint.h>
#include "core/err.h"
#include "core/frame.h"
#include "core/paths.h"

enum sandbox_kind {
	SANDBOX_DEFAULT = 0,  /* vm when available, else an error telling how to get it */
	SANDBOX_HOST,         /* a child in fresh namespaces on this kernel: trusted single user */
	SANDBOX_VM,           /* a micro-VM per run */
};

struct sandbox_job {
	const char *exercise;  /* exercise id */
	uint64_t key;          /* the run's key, drawn by the caller */
	const void *obj;       /* the BPF object (not owned) */
	size_t obj_len;
	/* Optional, instead of obj: called once the guest is ready, just before the job is sent,
	 * so a guest can start while its program still compiles.  Return 0 with *obj and *len
	 * set (not owned; valid until sandbox_run() returns), or a negative errno to stop the run:
	 * sandbox_run() then returns that value, with nothing left behind. */
	int (*get_obj)(void *ctx, const void **obj, size_t *len);
	void *get_obj_ctx;
};

struct sandbox_opts {
	enum sandbox_kind kind;
	unsigned timeout_ms;            /* wall clock for the whole run; 0 = DOJO_RUN_TIMEOUT_MS */
	const struct dojo_paths *paths; /* NULL = dojo_paths_init() */
	const char *agent_path;         /* override the agent binary (tests); NULL = paths->agent */
	const char *vm_initramfs;       /* vm: override the initramfs (tests); NULL = kernel_dir's */
	int verifier_log_level2;        /* ask for register state in verifier logs */
};

/* Called for each frame the agent sends, in order.  Return 0 to go on, or a negative errno to
 * stop the run (the guest is destroyed and sandbox_run() returns that value). */
typedef int (*sandbox_frame_cb)(const struct frame *f, void *ctx);

struct sandbox_stats {
	unsigned start_ms;    /* from the call to agent READY */
	unsigned run_ms;      /* from JOB sent to the agent's last frame */
	int spare;            /* vm: the guest's qemu was a spare started ahead (sandbox_vm_spares) */
	unsigned frames;
	size_t bytes;
};

/* Run @job and stream its frames to @cb.  Returns 0 when the agent finished its protocol (its
 * last frame was DONE, LOAD_FAILED or ERROR); -ETIMEDOUT when the deadline passed (the guest
 * was killed); -EPROTO when the agent broke the protocol (malformed or oversized frame, too
 * many frames or bytes, closed early); -EPERM when the backend lacks a privilege (host mode
 * needs root); -ENOENT when something to run is missing; the callback's value when it stopped
 * the run.  @err explains any failure in a sentence.  @stats may be NULL.
 * Host backend: one job at a time (a process-wide lock).  VM backend: one guest per host CPU
 * at once, the rest wait (the wait counts against the deadline); the first run after the
 * kernel, initramfs or qemu changed builds the snapshot first (a cold boot, seconds, not
 * counted).  Safe to call from several threads. */
int sandbox_run(const struct sandbox_job *job, const struct sandbox_opts *opts,
		sandbox_frame_cb cb, void *ctx, struct sandbox_stats *stats, struct dojo_err *err);

/* Whether this kernel can run host-mode jobs: it exposes BTF (/sys/kernel/btf/vmlinux, for
 * CO-RE) and the bpf() syscall works.  0, or -ENOTSUP / -EPERM with @err saying why and what
 * to use instead.  Host mode checks it before every run; bpfdojo doctor shows it. */
int sandbox_host_check_bpf(struct dojo_err *err);

/* "host" / "vm" / "default" */
const char *sandbox_kind_name(enum sandbox_kind kind);
/* Parse a --sandbox argument: 0 or -EINVAL. */
int sandbox_kind_parse(const char *s, enum sandbox_kind *kind);

#endif
