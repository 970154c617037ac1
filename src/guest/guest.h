/* guest.h: the guest agent's internal interface (the agent is a binary; nothing outside
 * src/guest includes this).  agent.c parses arguments and calls, in order, guest_env_setup(),
 * guest_chan_open(), guest_run() and guest_env_exit(); env.c prepares the process's world,
 * chan.c speaks frames on the channel, run.c runs one job, loader.c wraps libbpf. */
#ifndef DOJO_GUEST_H
#define DOJO_GUEST_H

#include <stddef.h>
#include <stdint.h>
#include <sys/wait.h>
#include <time.h>
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/proto.h"

enum guest_mode {
	GUEST_HOST = 1,   /* PID 1 of fresh namespaces on the host kernel, channel = inherited fd */
	GUEST_VM,         /* PID 1 of a micro-VM, channel = a device path (virtio-serial port) */
};

#define GUEST_RUN_DIR "/run/dojo"
/* cgroup2, mounted by the micro-VM's agent only: cgroup programs attach to its root, which
 * every guest process is in; host mode has no such directory, so it never attaches to this
 * machine's cgroups */
#define GUEST_CGROUP_DIR "/run/cgroup"
#define GUEST_VM_CHILD "/bin/dojo-child"      /* bpfdojo-child in the micro-VM's initramfs */
#define GUEST_VM_BIN_DIR "/bin"               /* the exercises' own programs there (PATH) */
#define GUEST_CHILD_NAME "bpfdojo-child"      /* host mode: next to the agent binary */

/* The agent's own executable (/proc/self/exe) as a path into @out (@cap bytes).  0 or a
 * negative errno. */
int guest_self_exe(char *out, size_t cap);

/* Copy @src into @dst (cap bytes), truncating; always NUL-terminated when cap > 0. */
/* A waited-for child's status as a shell reports it: the exit code, or 128 + the signal that
 * ended it (137: killed, as at a time limit). */
static inline int guest_wait_status(int ws)
{
	if (WIFEXITED(ws))
		return WEXITSTATUS(ws);
	if (WIFSIGNALED(ws))
		return 128 + WTERMSIG(ws);
	return 255;
}

static inline void guest_copy(char *dst, size_t cap, const char *src)
{
	size_t n = 0;

	if (!cap)
		return;
	while (src && src[n] && n < cap - 1)
		n++;
	for (size_t i = 0; i < n; i++)
		dst[i] = src[i];
	dst[n] = 0;
}

/* The channel to the host.  Writes are whole frames; a failed write means the host is gone,
 * and every later send returns the same error without writing. */
struct guest_chan {
	int fd;
	int dead;            /* negative errno of the first failed write, else 0 */
	struct buf out;      /* scratch payload, capped at DOJO_MAX_FRAME_BYTES */
	unsigned logs;       /* LOG frames sent (capped, see DOJO_AGENT_MAX_LOG_FRAMES) */
	int spin;            /* wait for the JOB by polling, not by sleeping (VM mode) */
};


/* Adopt @fd (host mode) or open @path (vm mode; a tty is switched to raw mode).  The fd is
 * made close-on-exec.  0 or a negative errno with @err filled. */
int guest_chan_open(struct guest_chan *c, int fd, const char *path, struct dojo_err *err);
void guest_chan_close(struct guest_chan *c);

/* The payload scratch buffer, emptied: encode a message into it, then guest_chan_send() it. */
struct buf *guest_chan_buf(struct guest_chan *c);
/* Send one frame whose payload is the scratch buffer; @enc is the encoder's result (a
 * non-zero @enc is returned as is and nothing is sent).  0 or a negative errno. */
int guest_chan_send(struct guest_chan *c, uint8_t type, int enc);
/* Send a raw payload (a ring-buffer record). */
int guest_chan_send_raw(struct guest_chan *c, uint8_t type, const void *p, size_t len);
/* Convenience senders. */
int guest_send_error(struct guest_chan *c, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int guest_send_log(struct guest_chan *c, uint8_t level, const char *text);
/* READY with this agent's protocol version: "waiting for a JOB". */
int guest_send_ready(struct guest_chan *c);
/* Block until one whole JOB frame arrives (no deadline: in the VM, the agent waits in a
 * snapshot).  With c->spin, poll a non-blocking read instead of sleeping in it: a restored
 * guest then takes its JOB without leaving the idle loop, taking an interrupt-driven wake-up
 * and switching tasks, kernel paths that run cold (~10 ms under TCG) after every restore.  The
 * guest has one vCPU and nothing else to do.  A JOB that is not there within GUEST_SPIN_MS
 * (its program still compiles) is waited for in a blocking read(), so a guest waiting for it
 * does not burn the CPU the compiler needs.  The channel is blocking again afterwards.  A SAVE
 * frame (VM mode only) is answered with READY and restarts the spin window.  The payload is
 * copied into @storage (owned by the caller, buf_free() it) and @job points into it.  0, -EPROTO (another frame type or a malformed payload), -ECONNRESET
 * (the host closed the channel), or a read error. */
int guest_chan_read_job(struct guest_chan *c, struct buf *storage, struct proto_job *job);
#define GUEST_SPIN_MS 15u
/* The same for a JOB or a PLAY frame: *type says which; for a JOB only job->job is filled. */
int guest_chan_read_any(struct guest_chan *c, struct buf *storage, struct proto_play *job,
			uint8_t *type);
/* Run a playground job (play.c) once the JOB's environment flags were applied: its last frame
 * is DONE or ERROR (or LOAD_FAILED).  0, or a negative errno when the channel broke. */
int guest_play(struct guest_chan *c, const struct proto_play *job);
/* After the workload (play_maps.c): every map's entries (PLAY_MAP then PLAY_ENTRY*, sorted
 * by key, capped), and every program's bpf_stats (PLAY_STATS).  0 or the channel's error. */
struct bpf_object;
int guest_play_dump_maps(struct guest_chan *c, struct bpf_object *obj);
int guest_play_stats(struct guest_chan *c, struct bpf_object *obj);
/* The object's ring buffers and perf event arrays (play_ring.c), read through one epoll fd.
 * Each record goes to @fn(ctx, map name, bytes), which returns 1 when it sent the record, 0
 * when a cap dropped it, or a negative errno that stops the read. */
typedef int (*guest_record_fn)(void *ctx, const char *map, const void *data, size_t len);
struct guest_rings;
/* 0 with *out set (free it with guest_rings_free()), or a negative errno with *failed naming
 * the map that could not be read (NULL when it is no map's fault). */
int guest_rings_open(struct bpf_object *obj, guest_record_fn fn, void *ctx,
		     struct guest_rings **out, const char **failed);
/* The fd to wait on (readable: records are there), -1 when the object has no such map. */
int guest_rings_fd(const struct guest_rings *r);
/* Read what is there: 1 when a batch ended with more left, 0 when all was read, or the first
 * negative errno (@fn's or libbpf's).  NULL: 0. */
int guest_rings_consume(struct guest_rings *r);
/* One PLAY_RING per buffer: its size, records sent and dropped, lost samples, and (ring
 * buffers) the bytes pending and the consumer and producer positions.  0 or the channel's error. */
int guest_rings_send_stats(struct guest_rings *r, struct guest_chan *c);
/* Perf samples the kernel lost, all perf event arrays together (NULL: 0). */
uint64_t guest_rings_lost(const struct guest_rings *r);
void guest_rings_free(struct guest_rings *r);
/* JOB_XLATED (xlated.c): one XLATED frame per loaded program of @obj (a program whose info
 * cannot be read gets a LOG instead).  0 or the channel's error. */
int guest_send_xlated(struct guest_chan *c, struct bpf_object *obj);
#define GUEST_BUSYBOX "/bin/busybox"       /* the playground's shell, in the initramfs */

/* Prepare the process's world: see env.c for the list per mode.  0 or a negative errno with
 * @err filled. */
int guest_env_setup(enum guest_mode mode, struct dojo_err *err);
/* VM mode, before READY: open /dev/urandom for the seed now (its path walk costs ~5 ms under
 * TCG after every restore).  0 or a negative errno with @err filled. */
int guest_env_open_rng(struct dojo_err *err);
/* Apply the JOB's environment flags (RNG seed, clock).  Host mode refuses both. */
int guest_env_apply_job(enum guest_mode mode, const struct proto_job *job, struct dojo_err *err);
/* VM mode, before READY (vm.c): load the initramfs's kernel modules, wait for the channel's
 * device @chan_path, parse the kernel's BTF once and warm libbpf and the kernel with one load.
 * 0 or a negative errno with @err filled. */
int guest_vm_prepare(const char *chan_path, struct dojo_err *err);
/* VM mode, before READY (run.c): fork the process that will run the job's workload now, so
 * no run pays for forking the agent (its page tables hold the parsed BTF: ~25 ms under TCG).
 * It waits for the exercise id and key on a pipe.  0 or a negative errno (then runs fork). */
int guest_workload_prefork(void);
/* main() of that process: the agent exec'd with GUEST_WORKLOAD_ENV=<fd of the pipe>. */
void guest_workload_main(int fd) __attribute__((noreturn));
#define GUEST_WORKLOAD_ENV "DOJO_WORKLOAD_FD"
#ifdef DOJO_TEST_FAULTS
/* Tests only (fault.c): misbehave as the JOB's exercise id ("fault-...", "test-...") says. */
int guest_test_fault(struct guest_chan *c, const char *what);
#endif
/* End the agent: exit in host mode, power the VM off in vm mode (PID 1 must not return). */
void guest_env_exit(enum guest_mode mode, int status) __attribute__((noreturn));

/* Run one job from READY to the last frame (DONE, LOAD_FAILED or ERROR).  Returns 0 when the
 * protocol ended normally (whatever the learner's program did), a negative errno when the
 * channel broke. */
int guest_run(struct guest_chan *c, enum guest_mode mode);

#endif
