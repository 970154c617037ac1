/* vm.c: the micro-VM backend: one fresh guest per run, restored from the snapshot.
 *
 *   wait for a slot (at most one guest per host CPU: TCG is one busy thread per guest, more
 *   would only slow every run down) -> take a spare qemu or start one (-incoming defer, RAM =
 *   the snapshot's sealed memfd mapped private; vm_restore.c) -> migrate-incoming: that is
 *   sandbox_vm_start().  sandbox.c then sends the JOB (key, fresh entropy, the wall clock:
 *   every restore starts with the same RNG state and a stale clock) and reads messages under
 *   the run's deadline; sandbox_free() SIGKILLs qemu (vm_destroy()).
 *
 * The agent in the snapshot has sent READY already and blocks reading its JOB; the JOB can be
 * written at once, since virtio-serial takes no input before the restored driver is running.
 * Whatever happens, qemu is killed and reaped and every fd closed: no per-run file exists. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "core/limits.h"
#include "core/proto.h"
#include "backend.h"
#include "vm_int.h"

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
	char tail[DOJO_VM_TAIL_BYTES], why[DOJO_MAX_MESSAGE];
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

/* What a micro-VM run holds until sandbox_free(). */
struct vm_run {
	struct vm_env e;
	struct vm_snap *snap;
	struct vm_incoming in;
	int slot;
};

static void vm_explain(struct sandbox *sb, int rc, struct dojo_err *err)
{
	struct vm_run *v = sb->priv;

	if (v)
		explain_exit(&v->in.g, rc, err);
}

static void vm_destroy(struct sandbox *sb)
{
	struct vm_run *v = sb->priv;

	if (!v)
		return;
	vm_incoming_free(&v->in);
	if (v->slot)
		slot_give();
	if (v->snap) {
		vm_spare_note(&v->e, v->snap);   /* replace the spare this run may have used */
		vm_snap_put(v->snap);
	}
	free(v);
	sb->priv = NULL;
}

static const struct sandbox_backend vm_backend = { .explain = vm_explain, .destroy = vm_destroy };

int sandbox_vm_start(struct sandbox *sb, const struct sandbox_opts *opts, struct dojo_err *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct vm_run *v;
	int rc;

	pthread_once(&once, slot_init);
	sb->be = &vm_backend;
	v = calloc(1, sizeof(*v));
	if (!v)
		return dojo_err_set(err, -ENOMEM, "out of memory starting a micro-VM");
	vm_incoming_init(&v->in);
	sb->priv = v;
	rc = vm_env_init(&v->e, opts->paths, opts->vm_initramfs, err);
	if (rc)
		return rc;
	/* a missing snapshot is built first (a cold boot, once): not part of the run's time */
	rc = vm_snap_get(&v->e, &v->snap, NULL, err);
	if (rc)
		return rc;
	sb->t0 = dojo_now_ms();
	sb->deadline = sb->t0 + sb->timeout_ms;
	rc = slot_take(sb->deadline, err);
	if (rc)
		return rc;
	v->slot = 1;
	rc = restore(&v->in, &v->e, v->snap, sb->deadline, &sb->st.spare, err);
	if (rc) {
		explain_exit(&v->in.g, rc, err);
		return rc;
	}
	rc = sandbox_chan_init(&sb->chan, v->in.g.chan, sb->deadline);
	sb->chan_ok = 1;
	if (rc)
		return dojo_err_set(err, rc, "cannot set up the channel: %s", strerror(-rc));
	/* every restore starts with the same RNG state and a stale clock; and in a guest nothing
	 * after the last frame matters (it is destroyed), so no wait for it to power off */
	sb->job_flags |= JOB_SEED_RNG | JOB_SET_CLOCK;
	return 0;
}
