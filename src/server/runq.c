/* runq.c: the run queue: N slots (one worker thread each) and a bounded line in front of them,
 * in two lanes: exercise runs and playground runs.
 *
 * An item is submitted with its position in line (0 when a worker is free); each time the
 * line moves, every waiting item is told its new position (moved(), under the queue's lock)
 * so its stream can send `queued` updates.  Past max_waiting items in line (both lanes) the
 * queue refuses (the server answers 503 with Retry-After from the mean run time measured
 * here).  Closing refuses new items and can hand back those still waiting; the workers finish
 * what they hold.
 *
 * The lanes keep the playground from crowding out the exercises: a free worker takes the
 * oldest waiting exercise run first, and a playground run only when no exercise run waits and
 * fewer than play_slots playground runs hold a slot.  So playground runs never hold more than
 * play_slots of the N slots (with play_slots < N some slot is always left to exercises), and
 * an exercise run that arrives when every slot is busy waits for the first slot to free, never
 * behind a waiting playground run: at most one run's time longer than it would without the
 * playground. */
#include <errno.h>
#include <string.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include "core/clock.h"
#include "internal.h"

struct lane {
	struct runq_item *head, *tail;
	unsigned waiting;
};

struct runq {
	pthread_mutex_t lock;
	pthread_cond_t work, idle;
	struct lane lane[2];         /* [0] exercises, [1] playground */
	unsigned running, play_running, idle_workers, slots, play_slots, max_waiting;
	unsigned mean_ms;            /* exponentially weighted mean run time */
	int closed, stop;
	pthread_t *threads;
	unsigned nthreads;
};

static unsigned waiting_locked(const struct runq *q)
{
	return q->lane[0].waiting + q->lane[1].waiting;
}

/* How many of the waiting items of @l the idle workers would take now. */
static unsigned takers_locked(const struct runq *q, int l)
{
	unsigned free_play = q->play_slots > q->play_running ? q->play_slots - q->play_running : 0;

	if (l == 0)
		return q->idle_workers;
	/* exercises go first; then the playground's free share */
	if (q->idle_workers <= q->lane[0].waiting)
		return 0;
	return q->idle_workers - q->lane[0].waiting < free_play ?
	       q->idle_workers - q->lane[0].waiting : free_play;
}

/* Tell every waiting item its place: exercises count only the exercises ahead; a playground
 * run also counts the exercises waiting (they go first). */
static void renumber_locked(struct runq *q)
{
	unsigned pos = 1;

	for (struct runq_item *it = q->lane[0].head; it; it = it->next)
		if (it->moved)
			it->moved(it, pos++);
	pos = q->lane[0].waiting + 1;
	for (struct runq_item *it = q->lane[1].head; it; it = it->next)
		if (it->moved)
			it->moved(it, pos++);
}

/* The item a free worker takes now, unlinked; NULL when none may run. */
static struct runq_item *take_locked(struct runq *q)
{
	int l = q->lane[0].head ? 0 :
		q->lane[1].head && q->play_running < q->play_slots ? 1 : -1;
	struct runq_item *it;

	if (l < 0)
		return NULL;
	it = q->lane[l].head;
	q->lane[l].head = it->next;
	if (!q->lane[l].head)
		q->lane[l].tail = NULL;
	it->next = NULL;
	it->queued = 0;
	q->lane[l].waiting--;
	return it;
}

static void *worker(void *arg)
{
	struct runq *q = arg;

	pthread_mutex_lock(&q->lock);
	for (;;) {
		struct runq_item *it;
		unsigned t0, ms;
		int play;

		while (!(it = take_locked(q)) && !q->stop) {
			q->idle_workers++;
			pthread_cond_wait(&q->work, &q->lock);
			q->idle_workers--;
		}
		if (!it)
			break;
		play = it->play;
		q->running++;
		q->play_running += play;
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
		q->play_running -= play;
		/* a playground slot freed: a waiting playground run may go to an idle worker */
		if (play && q->lane[1].head)
			pthread_cond_broadcast(&q->work);
		pthread_cond_broadcast(&q->idle);
	}
	pthread_mutex_unlock(&q->lock);
	return NULL;
}

struct runq *runq_new(unsigned slots, unsigned play_slots, unsigned max_waiting,
		      struct dojo_err *err)
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
	q->play_slots = play_slots < slots ? play_slots : slots;
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

/* Items of lane @l that stay in line once the idle workers took what they may. */
static unsigned standing_locked(const struct runq *q, int l)
{
	unsigned w = q->lane[l].waiting, t = takers_locked(q, l);

	return w > t ? w - t : 0;
}

int runq_submit(struct runq *q, struct runq_item *it, unsigned *position)
{
	int l = it->play ? 1 : 0;
	struct lane *ln = &q->lane[l];
	unsigned takers;

	pthread_mutex_lock(&q->lock);
	if (q->closed) {
		pthread_mutex_unlock(&q->lock);
		return -ESHUTDOWN;
	}
	/* an item an idle worker takes at once never stands in line */
	takers = takers_locked(q, l);
	if (ln->waiting >= takers &&
	    standing_locked(q, 0) + standing_locked(q, 1) >= q->max_waiting) {
		pthread_mutex_unlock(&q->lock);
		return -EBUSY;
	}
	it->next = NULL;
	it->queued = 1;
	if (ln->tail)
		ln->tail->next = it;
	else
		ln->head = it;
	ln->tail = it;
	ln->waiting++;
	*position = ln->waiting > takers ? ln->waiting - takers + (l ? standing_locked(q, 0) : 0) : 0;
	/* told before any worker can take it: its first notice is its place in line */
	if (it->moved)
		it->moved(it, *position);
	/* an exercise run goes ahead of the waiting playground runs: they move back */
	if (!l && q->lane[1].head)
		renumber_locked(q);
	pthread_cond_broadcast(&q->work);
	pthread_mutex_unlock(&q->lock);
	return 0;
}

int runq_withdraw(struct runq *q, struct runq_item *it)
{
	int taken = 0;

	pthread_mutex_lock(&q->lock);
	if (it->queued) {
		struct lane *ln = &q->lane[it->play ? 1 : 0];
		struct runq_item **pp = &ln->head, *prev = NULL;

		while (*pp && *pp != it) {
			prev = *pp;
			pp = &(*pp)->next;
		}
		if (*pp) {
			*pp = it->next;
			if (ln->tail == it)
				ln->tail = prev;
			it->queued = 0;
			it->next = NULL;
			ln->waiting--;
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
	*waiting = waiting_locked(q);
	*running = q->running;
	pthread_mutex_unlock(&q->lock);
}

void runq_play_counts(struct runq *q, unsigned *waiting, unsigned *running)
{
	pthread_mutex_lock(&q->lock);
	*waiting = q->lane[1].waiting;
	*running = q->play_running;
	pthread_mutex_unlock(&q->lock);
}

struct runq_item *runq_close(struct runq *q, int drop_waiting)
{
	struct runq_item *list = NULL;

	pthread_mutex_lock(&q->lock);
	q->closed = 1;
	if (drop_waiting) {
		/* both lanes, as one list */
		if (q->lane[0].tail) {
			q->lane[0].tail->next = q->lane[1].head;
			list = q->lane[0].head;
		} else {
			list = q->lane[1].head;
		}
		for (struct runq_item *it = list; it; it = it->next)
			it->queued = 0;
		memset(q->lane, 0, sizeof(q->lane));
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
	while (q->running || waiting_locked(q)) {
		if (!ms)
			pthread_cond_wait(&q->idle, &q->lock);
		else if (pthread_cond_timedwait(&q->idle, &q->lock, &until) == ETIMEDOUT)
			break;
	}
	idle = !q->running && !waiting_locked(q);
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
	s = (unsigned)(((unsigned long long)(waiting_locked(q) + 1) *
			(q->mean_ms ? q->mean_ms : 1000) / q->slots + 999) / 1000);
	pthread_mutex_unlock(&q->lock);
	return s ? s : 1;
}
