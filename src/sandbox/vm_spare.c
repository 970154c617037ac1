/* vm_spare.c: qemu processes started ahead of the runs that will use them.
 *
 * Before qemu can take a migration stream it spends ~25 ms under TCG on itself (the dynamic
 * linker resolving ~50 libraries, the machine and its devices), the same for every run.  A
 * long-lived process (the server, the benchmarks) asks for spares with sandbox_vm_spares(): a
 * thread then keeps that many qemus started from the current snapshot (vm_incoming_start():
 * monitor greeted, migration capability set, state file passed), and a run that finds one
 * only has to restore.  A spare holds no guest state and no run's data: the guest exists
 * only once a run's migrate-incoming loads it, and the spare then serves that run alone.
 *
 * Spares follow the snapshot the last run used; spares of another snapshot are killed when a
 * run notices.  A spare that died while waiting (killed from outside) fails its restore, and
 * the run starts a fresh qemu instead.  The thread is the parent of every spare: qemu's
 * parent-death signal then fires when the process exits, and sandbox_vm_spares(0) kills them
 * all.  A one-shot process (the CLI) never asks: a spare would be started for nobody. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "core/limits.h"
#include "broker.h"
#include "vm_int.h"


static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
	int thread_running;
	int stop;
	unsigned want;               /* spares to keep; 0: off */
	struct vm_env env;           /* the last run's environment and snapshot: what to start */
	struct vm_snap *snap;        /* a reference, or NULL (none yet, or the last start failed) */
	struct vm_incoming *ready[DOJO_VM_MAX_SPARES];
	unsigned n, starting;
} pool = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

static void spare_free(struct vm_incoming *in)
{
	if (in) {
		vm_incoming_free(in);
		free(in);
	}
}

/* Take the spares out of the pool that do not match @keep (NULL: all) into @out; the caller
 * kills them after dropping the lock.  Returns how many. */
static unsigned unlist_locked(const struct vm_snap *keep, struct vm_incoming **out)
{
	unsigned n = 0, kept = 0;

	for (unsigned i = 0; i < pool.n; i++) {
		if (keep && pool.ready[i]->snap == keep)
			pool.ready[kept++] = pool.ready[i];
		else
			out[n++] = pool.ready[i];
	}
	pool.n = kept;
	return n;
}

static void *filler_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&pool.mu);
	while (!pool.stop) {
		struct vm_incoming *in;
		struct vm_snap *s = pool.snap;
		struct vm_env env;
		int rc = -ENOMEM;

		if (!s || pool.n + pool.starting >= pool.want) {
			pthread_cond_wait(&pool.cv, &pool.mu);
			continue;
		}
		env = pool.env;
		vm_snap_ref(s);
		pool.starting++;
		pthread_mutex_unlock(&pool.mu);

		in = malloc(sizeof(*in));
		if (in)
			rc = vm_incoming_start(in, &env, s, dojo_now_ms() + DOJO_VM_QMP_TIMEOUT_MS, NULL);

		pthread_mutex_lock(&pool.mu);
		pool.starting--;
		if (!rc && !pool.stop && pool.snap == s && pool.n < pool.want) {
			pool.ready[pool.n++] = in;
			in = NULL;
		} else if (rc && pool.snap == s) {
			/* no retry loop on a broken setup: the next run says again what to start */
			pool.snap = NULL;
			vm_snap_put(s);
		}
		pthread_mutex_unlock(&pool.mu);
		vm_snap_put(s);
		spare_free(in);   /* not taken: failed, stopped, or the snapshot moved on */
		pthread_mutex_lock(&pool.mu);
	}
	pthread_mutex_unlock(&pool.mu);
	return NULL;
}

/* Start the filler thread if spares are wanted and none runs.  Called with the lock held. */
static int filler_start_locked(void)
{
	int rc = 0;

	if (pool.want && !pool.thread_running) {
		pool.stop = 0;
		rc = -pthread_create(&pool.thread, NULL, filler_main, NULL);
		pool.thread_running = !rc;
	}
	return rc;
}

int sandbox_vm_spares(unsigned n)
{
	struct vm_incoming *gone[DOJO_VM_MAX_SPARES];
	unsigned ngone = 0;
	int rc = 0, join = 0;

	if (sandbox_broker_active())
		return sandbox_broker_spares(n);   /* the broker starts qemu, and keeps the spares */
	if (n > DOJO_VM_MAX_SPARES)
		n = DOJO_VM_MAX_SPARES;
	pthread_mutex_lock(&pool.mu);
	pool.want = n;
	if (!n && pool.thread_running && !pool.stop) {
		pool.stop = 1;   /* this caller joins; a concurrent one finds stop set */
		join = 1;
	} else if (!pool.stop) {
		rc = filler_start_locked();
	}
	while (pool.n > n)
		gone[ngone++] = pool.ready[--pool.n];
	pthread_cond_broadcast(&pool.cv);
	pthread_mutex_unlock(&pool.mu);
	if (join) {
		pthread_join(pool.thread, NULL);
		pthread_mutex_lock(&pool.mu);
		pool.thread_running = 0;
		pool.stop = 0;
		vm_snap_put(pool.snap);
		pool.snap = NULL;
		rc = filler_start_locked();   /* spares asked for again while it stopped */
		pthread_mutex_unlock(&pool.mu);
	}
	while (ngone)
		spare_free(gone[--ngone]);
	return rc;
}

unsigned sandbox_vm_spares_ready(void)
{
	unsigned n = 0;

	if (sandbox_broker_active())
		return sandbox_broker_spares_ready(&n) ? 0 : n;   /* the spares wait in the broker */
	pthread_mutex_lock(&pool.mu);
	n = pool.n;
	pthread_mutex_unlock(&pool.mu);
	return n;
}

int vm_spare_take(struct vm_snap *s, struct vm_incoming *out)
{
	struct vm_incoming *gone[DOJO_VM_MAX_SPARES], *in = NULL;
	unsigned ngone;

	pthread_mutex_lock(&pool.mu);
	ngone = unlist_locked(s, gone);
	if (pool.n)
		in = pool.ready[--pool.n];
	pthread_mutex_unlock(&pool.mu);
	while (ngone)
		spare_free(gone[--ngone]);
	if (!in)
		return 0;
	*out = *in;   /* nothing in it points into itself */
	free(in);
	return 1;
}

void vm_spare_note(const struct vm_env *e, struct vm_snap *s)
{
	struct vm_snap *old = NULL;

	pthread_mutex_lock(&pool.mu);
	if (pool.want && !pool.stop) {
		if (pool.snap != s) {
			old = pool.snap;
			vm_snap_ref(s);
			pool.snap = s;
		}
		pool.env = *e;
		pthread_cond_signal(&pool.cv);
	}
	pthread_mutex_unlock(&pool.mu);
	vm_snap_put(old);
}
