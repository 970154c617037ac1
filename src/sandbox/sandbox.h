/* sandbox.h: run one job in a throwaway kernel context and stream its messages back.
 *
 * A backend starts a fresh guest agent (a child process in its own namespaces for `host`, a
 * micro-VM restored from a snapshot for `vm`), sends it the job, and hands the caller every
 * message the agent sends, decoded and checked, as it arrives.  Backends differ only in
 * transport and isolation; the agent and the protocol (core/proto.h) are the same.  Whatever
 * happens (the deadline, a crash, a malformed frame, a caller that stops early) nothing is
 * left behind: no process, no BPF object, no temporary file. */
#ifndef DOJO_SANDBOX_H
#define DOJO_SANDBOX_H

#include <stddef.h>
#include <stdint.h>
#include <linux/types.h>
#include "core/cancel.h"
#include "core/err.h"
#include "core/frame.h"
#include "core/paths.h"
#include "core/proto.h"
#include "include/dojo_record.h"

enum sandbox_kind {
	SANDBOX_DEFAULT = 0,  /* vm when available, else an error telling how to get it */
	SANDBOX_HOST,         /* a child in fresh namespaces on this kernel: trusted single user */
	SANDBOX_VM,           /* a micro-VM per run */
};

struct sandbox_job {
	const char *exercise;  /* exercise id */
	uint64_t key;          /* the run's key, drawn by the caller */
	const void *obj;       /* the BPF object (not owned; only read during the call) */
	size_t obj_len;
	/* A playground job (a PLAY frame) instead: any object, every program attached, this
	 * shell command run in the guest for at most play_ms; exercise and key are ignored.
	 * The agent refuses it outside the micro-VM. */
	const char *play_cmd;
	unsigned play_ms;
};

struct sandbox_opts {
	enum sandbox_kind kind;
	unsigned timeout_ms;            /* wall clock for the whole run; 0 = DOJO_RUN_TIMEOUT_MS */
	const struct dojo_paths *paths; /* NULL = dojo_paths_init() */
	const char *agent_path;         /* override the agent binary (tests); NULL = paths->agent */
	const char *vm_initramfs;       /* vm: override the initramfs (tests); NULL = kernel_dir's */
	int verifier_log_level2;        /* ask for register state in verifier logs */
	int xlated;                     /* after loading, an XLATED message per program */
	/* Raised by another thread: the run stops at once (sandbox_send_job() and sandbox_next()
	 * fail with -ECANCELED; free the sandbox then).  NULL: only the deadline stops it. */
	const struct dojo_cancel *cancel;
};

/* One message from the agent, decoded once at the channel (the trust boundary): every field
 * was checked against its frame type's layout and caps before the caller sees it.  @type is
 * the frame's type (FRAME_LOG ... FRAME_ERROR; never READY, JOB or SAVE during a run) and
 * selects the member of @u.  Strings are NUL-terminated copies; load_failed.log points into
 * the channel's buffer and is valid until the next sandbox_next() or sandbox_free(). */
struct sandbox_msg {
	enum frame_type type;
	union {
		struct proto_log log;                     /* FRAME_LOG */
		struct proto_loaded loaded;               /* FRAME_LOADED */
		struct proto_attached attached;           /* FRAME_ATTACHED */
		struct proto_attach_failed attach_failed; /* FRAME_ATTACH_FAILED */
		struct proto_load_failed load_failed;     /* FRAME_LOAD_FAILED (last) */
		struct dojo_rec record;                   /* FRAME_RECORD: as the program wrote it */
		struct proto_workload_done workload_done; /* FRAME_WORKLOAD_DONE */
		struct proto_done done;                   /* FRAME_DONE (last) */
		struct proto_error error;                 /* FRAME_ERROR (last) */
		struct proto_ready ready;                 /* only inside the sandbox */
		/* playground jobs only; their bytes point into the channel's buffer and are
		 * valid until the next sandbox_next() or sandbox_free() */
		struct proto_play_output play_output;     /* FRAME_PLAY_OUTPUT */
		struct proto_play_record play_record;     /* FRAME_PLAY_RECORD */
		struct proto_play_map play_map;           /* FRAME_PLAY_MAP */
		struct proto_play_entry play_entry;       /* FRAME_PLAY_ENTRY */
		struct proto_play_stats play_stats;       /* FRAME_PLAY_STATS */
		struct proto_play_dropped play_dropped;   /* FRAME_PLAY_DROPPED */
		struct proto_play_ring play_ring;         /* FRAME_PLAY_RING */
		struct proto_xlated xlated;               /* FRAME_XLATED (opts.xlated; its bytes as above) */
	} u;
};

/* Whether @type ends a run (DONE, LOAD_FAILED, ERROR): no message follows it. */
int sandbox_msg_is_last(enum frame_type type);

struct sandbox_stats {
	unsigned start_ms;    /* from sandbox_start() to a guest ready for its job */
	unsigned run_ms;      /* from the job sent to the run's last message (or its failure) */
	int spare;            /* vm: the guest's qemu was a spare started ahead (sandbox_vm_spares) */
	unsigned frames;      /* frames received, READY included */
	size_t bytes;         /* bytes received */
};

/* One guest for one job.  Opaque.  A run is four explicit steps, all from one thread:
 *
 *     sandbox_start()     a guest ready for its job (vm: restored from the snapshot; host: the
 *                         agent started and READY); the run's deadline starts here, so a
 *                         caller may compile meanwhile on another thread
 *     sandbox_send_job()  the object, the exercise and the key
 *     sandbox_next()      each message of the run, in order, until its last one
 *     sandbox_free()      the guest destroyed: no process, BPF object or file left behind
 *
 * Nothing calls back into the caller: to stop a run early (a client went away), free it. */
struct sandbox;

/* Start a guest.  0 with *out set (free it with sandbox_free()), or a negative errno with
 * *out NULL and @err saying why: -EPERM when the backend lacks a privilege (host mode needs
 * root), -ENOENT when something to run is missing, -ETIMEDOUT when no guest was ready before
 * the deadline, -EPROTO when the agent did not start properly.
 * Host backend: one job at a time (a process-wide lock, held until sandbox_free()).  VM
 * backend: one guest per host CPU at once, the rest wait (the wait counts against the
 * deadline); the first run after the kernel, initramfs or qemu changed builds the snapshot
 * first (a cold boot, seconds, not counted).  Safe to call from several threads. */
int sandbox_start(const struct sandbox_opts *opts, struct sandbox **out, struct dojo_err *err);

/* Send @job to the guest, once.  0; -EINVAL (no exercise or object, a second job), -E2BIG
 * (object over DOJO_MAX_OBJECT_BYTES), -ETIMEDOUT, -EPIPE or -EPROTO (the guest is gone),
 * with @err filled. */
int sandbox_send_job(struct sandbox *sb, const struct sandbox_job *job, struct dojo_err *err);

/* The run's next message: 1 with *m filled; 0 once the run's last message (see
 * sandbox_msg_is_last()) was returned; -ETIMEDOUT at the deadline; -EPROTO when the agent
 * broke the protocol (a malformed or oversized frame, too many frames or bytes, an exit before
 * the last message, a frame after it); another negative errno for a read error.  @err says
 * which, with why the guest went away when it did.  -EINVAL before sandbox_send_job(). */
int sandbox_next(struct sandbox *sb, struct sandbox_msg *m, struct dojo_err *err);

/* What the run cost so far (as of the last call); valid until sandbox_free(). */
const struct sandbox_stats *sandbox_get_stats(const struct sandbox *sb);

/* Destroy the guest (kill, reap, close, release the slot or lock) and free @sb.  NULL: no-op. */
void sandbox_free(struct sandbox *sb);

/* For sandbox_run(): called for each message in order.  Return 0 to go on, non-zero to stop
 * the run (the guest is destroyed and sandbox_run() returns that value, or -ECANCELED). */
typedef int (*sandbox_msg_cb)(const struct sandbox_msg *m, void *ctx);

/* The four steps above in one call, for tools and tests: start, send @job, hand every
 * message to @cb, free.  0 when the agent finished its protocol (its last message was DONE,
 * LOAD_FAILED or ERROR); -ETIMEDOUT also when that ERROR is the agent's own deadline; any
 * error of the steps; the callback's value when it stopped the run.  @stats may be NULL. */
int sandbox_run(const struct sandbox_job *job, const struct sandbox_opts *opts,
		sandbox_msg_cb cb, void *ctx, struct sandbox_stats *stats, struct dojo_err *err);

/* Whether this kernel can run host-mode jobs: it exposes BTF (/sys/kernel/btf/vmlinux, for
 * CO-RE) and the bpf() syscall works.  0, or -ENOTSUP / -EPERM with @err saying why and what
 * to use instead.  Host mode checks it before every run; bpfdojo doctor shows it. */
int sandbox_host_check_bpf(struct dojo_err *err);

/* "host" / "vm" / "default" */
const char *sandbox_kind_name(enum sandbox_kind kind);
/* Parse a --sandbox argument: 0 or -EINVAL. */
int sandbox_kind_parse(const char *s, enum sandbox_kind *kind);

/* ---- Privilege separation (broker.c) ----
 *
 * A long-lived process (the server) that must not keep root starts a broker while still root,
 * then drops every privilege; sandbox_start() and the other steps then go through the broker,
 * which alone keeps what a run needs (qemu as nobody, /dev/kvm, the host-mode agent, the
 * spares).  The broker parses nothing but fixed-size requests: it makes a guest ready and
 * passes its channel back, so the object and every agent frame are handled by the caller.
 *
 *	sandbox_broker_start(&bopts, &err);           // as root, before any thread starts
 *	cs = compile_server_new(NULL, &err);          // after every fork that does not exec
 *	sandbox_drop_privileges("nobody", &err);      // no uid 0, no capability, no_new_privs
 *	... sandbox_start(), pipeline_run() as before ...
 *
 * If the caller dies, the broker destroys every guest it started and exits. */
struct sandbox_broker_opts {
	const struct dojo_paths *paths; /* the broker's paths; NULL = dojo_paths_init() */
	const char *agent_path;         /* host mode's agent (tests); NULL = paths->agent */
	const char *vm_initramfs;       /* vm: the initramfs (tests); NULL = kernel_dir's */
	unsigned vm_spares;             /* qemus kept started ahead (sandbox_vm_spares()) */
};

/* Fork the broker.  Call once, as root, while the process has one thread (a fork copies only
 * the calling thread) and before anything of the sandbox ran in it.  From then on
 * sandbox_start() in this process asks the broker, with the broker's paths, agent and initramfs
 * (those of sandbox_opts are ignored), and sandbox_vm_spares() sets the broker's spares
 * (sandbox_vm_spares_ready() then asks the broker: the spares wait there).
 * 0; -EALREADY; -EBUSY with another thread running; a negative errno with @err filled. */
int sandbox_broker_start(const struct sandbox_broker_opts *opts, struct dojo_err *err);

/* The broker's pid, or -1 when none was started. */
int sandbox_broker_pid(void);

/* Hang up on the broker (it destroys every guest and exits) and reap it.  0 when it exited
 * cleanly, -EPROTO when it did not (then *status, when not NULL, is its wait status), -ECHILD
 * when none runs.  For a graceful shutdown and tests. */
int sandbox_broker_stop(int *status);

/* Become @user for good: supplementary groups dropped, real/effective/saved uid and gid set,
 * every capability set emptied (effective, permitted, inheritable, ambient, bounding),
 * no_new_privs set, and checked (uid 0 cannot be regained).  Call it with one thread running
 * (capabilities are per thread).  0, or -EINVAL (no such user, or root), -EPERM (not root to
 * begin with), -EBUSY (another thread runs), another negative errno, with @err saying which. */
int sandbox_drop_privileges(const char *user, struct dojo_err *err);

#endif
