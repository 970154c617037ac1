/* vm.c: the micro-VM backend: one fresh guest per run, restored from the snapshot.
 *
 *   wait for a slot (at most one guest per host CPU: TCG is one busy thread per guest, more
 *   would only slow every run down) -> take a spare qemu or start one (-incoming defer, RAM =
 *   the snapshot's sealed memfd mapped private; vm_restore.c) -> migrate-incoming ->
 *   send the JOB (key, fresh entropy, the wall clock: every restore starts with the same RNG
 *   state and a stale clock) -> pump frames under the run's deadline -> SIGKILL qemu.
 *
 * The agent in the snapshot has sent READY already and blocks reading its JOB; the JOB can be
 * written at once, since virtio-serial takes no input before the restored driver is running.
 * Whatever happens, qemu is killed and reaped and every fd closed: no per-run file exists. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "core/limits.h"
#include "core/proto.h"
#include "backend.h"
#include "vm_int.h"

#define AGENT_MARGIN_MS 500u   /* the agent's deadline comes this much before ours */

static pthread_mutex_t slot_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t slot_cond = PTHREAD_COND_INITIALIZER;
static unsigned slots_busy;

static unsigned slots_max(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (unsigned)n : 1u;
}

static int slot_take(uint64_t deadline, struct dojo_err *err)
{
	int rc = 0;

	pthread_mutex_lock(&slot_mutex);
	while (slots_busy >= slots_max()) {
		struct timespec ts;
		uint64_t now = dojo_now_ms();

		if (now >= deadline) {
			rc = dojo_err_set(err, -ETIMEDOUT, "every micro-VM slot stayed busy until this run's deadline (%u at once)", slots_max());
			break;
		}
		dojo_abstime(CLOCK_MONOTONIC, deadline - now, &ts);
		pthread_cond_timedwait(&slot_cond, &slot_mutex, &ts);
	}
	if (!rc)
		slots_busy++;
	pthread_mutex_unlock(&slot_mutex);
	return rc;
}

static void slot_give(void)
{
	pthread_mutex_lock(&slot_mutex);
	slots_busy--;
	pthread_cond_signal(&slot_cond);
	pthread_mutex_unlock(&slot_mutex);
}

/* The condition variable waits on CLOCK_MONOTONIC, like dojo_now_ms(). */
static void slot_init(void)
{
	pthread_condattr_t a;

	pthread_condattr_init(&a);
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
	pthread_cond_init(&slot_cond, &a);
	pthread_condattr_destroy(&a);
}

/* The caller's callback, and the end of the run: in a guest, nothing after the last frame
 * matters (the guest is destroyed), so the pump stops there instead of waiting for the guest
 * to power off (tens of milliseconds under TCG). */
struct relay {
	sandbox_frame_cb cb;
	void *ctx;
	int last;         /* the last frame was seen */
	int timed_out;    /* it was the agent's ERROR -ETIMEDOUT */
	char msg[PROTO_TEXT_MAX];
};

#define RELAY_END (-ESHUTDOWN)

static int relay_frame(const struct frame *f, void *arg)
{
	struct relay *r = arg;
	struct proto_error e;
	int rc = r->cb ? r->cb(f, r->ctx) : 0;

	if (rc)
		return rc;
	if (f->type == FRAME_ERROR && proto_get_error(f->payload, f->len, &e) == 0 && e.err == -ETIMEDOUT) {
		r->timed_out = 1;
		snprintf(r->msg, sizeof(r->msg), "%s", e.msg);
	}
	if (f->type == FRAME_DONE || f->type == FRAME_LOAD_FAILED || f->type == FRAME_ERROR) {
		r->last = 1;
		return RELAY_END;
	}
	return 0;
}

/* Restore a guest from @s into @in: on a spare when one waits, else on a fresh qemu (also
 * when the spare died while it waited).  0 or a negative errno; vm_incoming_free() follows. */
static int restore(struct vm_incoming *in, const struct vm_env *e, struct vm_snap *s,
		   uint64_t deadline, int *spare, struct dojo_err *err)
{
	int rc;

	*spare = vm_spare_take(s, in);
	if (*spare) {
		if (!vm_incoming_restore(in, deadline, NULL))
			return 0;
		vm_incoming_free(in);
		*spare = 0;
	}
	rc = vm_incoming_start(in, e, s, deadline, err);
	return rc ? rc : vm_incoming_restore(in, deadline, err);
}

/* Say why the guest went away, from qemu's exit status and its last words. */
static void explain_exit(struct vm_guest *g, int rc, struct dojo_err *err)
{
	char tail[VM_TAIL_BYTES], why[DOJO_MAX_MESSAGE];
	int ws, exited = 0;

	if (g->pid > 0 && waitpid(g->pid, &ws, WNOHANG) == g->pid) {
		g->pid = -1;
		exited = 1;
	} else if (g->pid > 0 && rc == -EPROTO) {
		/* the channel closed: give qemu a moment to finish dying */
		for (int i = 0; i < 50 && !exited; i++) {
			usleep(2000);
			if (waitpid(g->pid, &ws, WNOHANG) == g->pid) {
				g->pid = -1;
				exited = 1;
			}
		}
	}
	if (!exited)
		return;
	snprintf(why, sizeof(why), "%s", err ? err->msg : "");
	vm_guest_tail(g, tail, sizeof(tail));
	if (WIFSIGNALED(ws))
		dojo_err_set(err, rc, "%s; qemu was killed by signal %d %s", why, WTERMSIG(ws), tail);
	else if (WEXITSTATUS(ws))
		dojo_err_set(err, rc, "%s; qemu failed (exit status %d) %s", why, WEXITSTATUS(ws), tail);
	else
		dojo_err_set(err, rc, "%s; the guest stopped (a kernel panic, or the agent crashed) %s", why, tail);
}

int sandbox_vm_run(const struct sandbox_job *job, const struct sandbox_opts *opts,
		   unsigned timeout_ms, sandbox_frame_cb cb, void *ctx,
		   struct sandbox_stats *stats, struct dojo_err *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct vm_snap *snap = NULL;
	struct sandbox_chan chan;
	struct vm_incoming in;
	struct vm_env e;
	uint64_t t0, deadline, t_job;
	uint32_t agent_ms, flags = JOB_SEED_RNG | JOB_SET_CLOCK;
	int rc, chan_ok = 0, slot = 0;

	pthread_once(&once, slot_init);
	vm_incoming_init(&in);
	rc = vm_env_init(&e, opts->paths, opts->vm_initramfs, err);
	if (rc)
		return rc;
	/* a missing snapshot is built first (a cold boot, once): not part of the run's time */
	rc = vm_snap_get(&e, &snap, NULL, err);
	if (rc)
		return rc;
	t0 = dojo_now_ms();
	deadline = t0 + timeout_ms;
	rc = slot_take(deadline, err);
	if (rc)
		goto out;
	slot = 1;
	rc = restore(&in, &e, snap, deadline, &stats->spare, err);
	if (rc)
		goto out;
	rc = sandbox_chan_init(&chan, in.g.chan, deadline);
	chan_ok = 1;
	if (rc) {
		rc = dojo_err_set(err, rc, "cannot set up the channel: %s", strerror(-rc));
		goto out;
	}
	t_job = dojo_now_ms();
	stats->start_ms = (unsigned)(t_job - t0);
	agent_ms = (uint32_t)(deadline - t_job);
	agent_ms = agent_ms > 2 * AGENT_MARGIN_MS ? agent_ms - AGENT_MARGIN_MS : agent_ms * 3 / 4;
	if (opts->verifier_log_level2)
		flags |= JOB_LOG_LEVEL2;
	rc = sandbox_chan_send_job(&chan, job, flags, agent_ms ? agent_ms : 1, err);
	if (!rc) {
		struct relay r = { .cb = cb, .ctx = ctx };

		rc = sandbox_chan_pump(&chan, relay_frame, &r, err);
		if (r.last && rc == RELAY_END) {
			dojo_err_clear(err);
			rc = r.timed_out ? dojo_err_set(err, -ETIMEDOUT, "%s", r.msg) : 0;
		}
	}
	stats->run_ms = (unsigned)(dojo_now_ms() - t_job);
out:
	if (rc && rc != -ECANCELED)
		explain_exit(&in.g, rc, err);
	if (chan_ok) {
		stats->frames = chan.frames;
		stats->bytes = chan.bytes;
		sandbox_chan_free(&chan);
	}
	vm_incoming_free(&in);
	if (slot)
		slot_give();
	vm_spare_note(&e, snap);   /* replace the spare this run may have used, now it is over */
	vm_snap_put(snap);
	return rc;
}
