/* runq.c: the run queue: N slots (one worker thread each) and a bounded FIFO in front of them.
 *
 * An item is submitted with its position in line (0 when a worker is free); each time the
 * line moves, every waiting item is told its new position (moved(), under the queue's lock)
 * so its stream can send `queued` updates.  Past max_waiting the queue refuses (the server
 * answers 503 with Retry-After from the mean run time measured here).  Closing refuses new
 * items and can hand back those still waiting; the workers finish what they hold. */
#include <errno.h>
#include <string.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include "core/clock.h"
#include "internal.h"

struct runq {
	pthread_mutex_t lock;
	pthread_cond_t work, idle;
	struct runq_item *head, *tail;
	unsigned waiting, running, idle_workers, slots, max_waiting;
	unsigned mean_ms;            /* exponentially weighted mean run time */
	int closed, stop;
	pthread_t *threads;
	unsigned nthreads;
};

static void renumber_locked(struct runq *q)
{
	unsigned pos = 1;

	for (struct runq_item *it = q->head; it; it = it->next)
		if (it->moved)
			it->moved(it, pos++);
}

static void *worker(void *arg)
{
	struct runq *q = arg;

	pthread_mutex_lock(&q->lock);
	for (;;) {
		struct runq_item *it;
		unsigned t0, ms;

		while (!q->head && !q->stop) {
			q->idle_workers++;
			pthread_cond_wait(&q->work, &q->lock);
			q->idle_workers--;
		}
		if (!q->head)
			break;
		it = q->head;
		q->head = it->next;
		if (!q->head)
			q->tail = NULL;
		it->next = NULL;
		it->queued = 0;
		q->waiting--;
		q->running++;
		if (it->moved)
			it->moved(it, 0);
		renumber_locked(q);
		pthread_mutex_unlock(&q->lock);

		t0 = srv_now_ms();
		it->run(it);          /* may free it: not touched after this */
		ms = srv_now_ms() - t0;

		pthread_mutex_lock(&q->lock);
		q->mean_ms = q->mean_ms ? (q->mean_ms * 7 + ms) / 8 : ms;
		q->running--;
		pthread_cond_broadcast(&q->idle);
	}
	pthread_mutex_unlock(&q->lock);
	return NULL;
}

struct runq *runq_new(unsigned slots, unsigned max_waiting, struct dojo_err *err)
{
	struct runq *q = calloc(1, sizeof(*q));

	if (!q || !(q->threads = calloc(slots, sizeof(*q->threads)))) {
		free(q);
		dojo_err_set(err, -ENOMEM, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->work, NULL);
	pthread_cond_init(&q->idle, NULL);
	q->slots = slots;
	q->max_waiting = max_waiting;
	for (; q->nthreads < slots; q->nthreads++) {
		int rc = pthread_create(&q->threads[q->nthreads], NULL, worker, q);

		if (rc) {
			dojo_err_set(err, -rc, "cannot start a run worker: %s", strerror(rc));
			runq_close(q, 1);
			runq_free(q);
			return NULL;
		}
	}
	return q;
}

int runq_submit(struct runq *q, struct runq_item *it, unsigned *position)
{
	unsigned ahead;

	pthread_mutex_lock(&q->lock);
	if (q->closed) {
		pthread_mutex_unlock(&q->lock);
		return -ESHUTDOWN;
	}
	/* items already waiting take the idle workers first */
	ahead = q->waiting >= q->idle_workers ? q->waiting - q->idle_workers : 0;
	if (q->waiting >= q->idle_workers && ahead >= q->max_waiting) {
		pthread_mutex_unlock(&q->lock);
		return -EBUSY;
	}
	it->next = NULL;
	it->queued = 1;
	if (q->tail)
		q->tail->next = it;
	else
		q->head = it;
	q->tail = it;
	q->waiting++;
	*position = q->waiting > q->idle_workers ? q->waiting - q->idle_workers : 0;
	/* told before any worker can take it: its first notice is its place in line */
	if (it->moved)
		it->moved(it, *position);
	pthread_cond_signal(&q->work);
	pthread_mutex_unlock(&q->lock);
	return 0;
}

int runq_withdraw(struct runq *q, struct runq_item *it)
{
	int taken = 0;

	pthread_mutex_lock(&q->lock);
	if (it->queued) {
		struct runq_item **pp = &q->head, *prev = NULL;

		while (*pp && *pp != it) {
			prev = *pp;
			pp = &(*pp)->next;
		}
		if (*pp) {
			*pp = it->next;
			if (q->tail == it)
				q->tail = prev;
			it->queued = 0;
			it->next = NULL;
			q->waiting--;
			taken = 1;
			renumber_locked(q);
		}
	}
	pthread_mutex_unlock(&q->lock);
	return taken;
}

void runq_counts(struct runq *q, unsigned *waiting, unsigned *running)
{
	pthread_mutex_lock(&q->lock);
	*waiting = q->waiting;
	*running = q->running;
	pthread_mutex_unlock(&q->lock);
}

struct runq_item *runq_close(struct runq *q, int drop_waiting)
{
	struct runq_item *list = NULL;

	pthread_mutex_lock(&q->lock);
	q->closed = 1;
	if (drop_waiting) {
		list = q->head;
		for (struct runq_item *it = list; it; it = it->next)
			it->queued = 0;
		q->head = q->tail = NULL;
		q->waiting = 0;
	}
	pthread_mutex_unlock(&q->lock);
	return list;
}

int runq_wait_idle(struct runq *q, unsigned ms)
{
	struct timespec until;
	int idle;

	dojo_abstime(CLOCK_REALTIME, ms, &until);   /* the condition uses the default clock */
	pthread_mutex_lock(&q->lock);
	while (q->running || q->waiting) {
		if (!ms)
			pthread_cond_wait(&q->idle, &q->lock);
		else if (pthread_cond_timedwait(&q->idle, &q->lock, &until) == ETIMEDOUT)
			break;
	}
	idle = !q->running && !q->waiting;
	pthread_mutex_unlock(&q->lock);
	return idle;
}

void runq_free(struct runq *q)
{
	if (!q)
		return;
	pthread_mutex_lock(&q->lock);
	q->stop = 1;
	pthread_cond_broadcast(&q->work);
	pthread_mutex_unlock(&q->lock);
	for (unsigned i = 0; i < q->nthreads; i++)
		pthread_join(q->threads[i], NULL);
	pthread_cond_destroy(&q->work);
	pthread_cond_destroy(&q->idle);
	pthread_mutex_destroy(&q->lock);
	free(q->threads);
	free(q);
}

unsigned runq_retry_after(struct runq *q)
{
	unsigned s;

	pthread_mutex_lock(&q->lock);
	s = (unsigned)(((unsigned long long)(q->waiting + 1) * (q->mean_ms ? q->mean_ms : 1000) /
			q->slots + 999) / 1000);
	pthread_mutex_unlock(&q->lock);
	return s ? s : 1;
}
