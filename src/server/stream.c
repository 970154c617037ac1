/* stream.c: one run as a text/event-stream response.
 *
 * Three parties share a struct stream, each holding a reference: the run queue's worker (it
 * runs the pipeline and appends each event, formatted as SSE, to the stream's buffer), the
 * MHD response (its content reader, on the connection's thread, hands the buffer to the
 * client as it fills) and the request (http.c logs its verdict when the request completes).
 *
 * The run starts with `queued` (position in line, sent again each time the line moves), then
 * the pipeline's own events exactly as `bpfdojo run --json` (a playground run: `bpfdojo play
 * --json`) prints them, then `done` with the timings (a playground run's `done` waits for
 * pipeline_run() to return, to carry the run's `outcome`: it has no verdict event).  A reader that finds its client gone (the socket hung up) cancels the run: taken
 * out of the line if it still waits, or stopped at the pipeline's next event (the callback
 * returns -ECANCELED, the sandbox destroys the guest), so the slot frees at once.  At
 * shutdown a run is cancelled the same way, but its client still gets an `error` and `done`.
 * A client too slow to read DOJO_SERVER_STREAM_BYTES of events loses its run the same way. */
#include <errno.h>
#include <microhttpd.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/jsonx.h"
#include "internal.h"

enum cancel { CANCEL_NONE, CANCEL_CLIENT_GONE, CANCEL_SHUTDOWN, CANCEL_SLOW_READER };

struct stream {
	struct runq_item item;      /* first: the queue hands it back */
	struct server *s;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int refs;
	struct buf out;             /* SSE bytes not yet taken by the reader */
	int finished;               /* `done` is in out: nothing more comes */
	int announced;              /* the first `queued` was sent */
	unsigned position;
	enum cancel cancel;
	struct dojo_cancel *stop;   /* raised with cancel: stops the run even while its guest is silent */
	int fd;                     /* the client's socket, only polled for hang-up */
	unsigned t_submit, t_run, queue_ms, last_out_ms;
	char client[64], exercise[64], verdict[24], filename[DOJO_MAX_FILENAME];
	char *play_cmd;             /* a playground run's command (NULL: an exercise run) */
	unsigned play_seconds;
	int xlated;                 /* an `xlated` event per loaded program */
	json_t *held_done;          /* a playground run's `done`, sent with its outcome at the end */
	int saw_done;               /* the pipeline sent its own `done` */
	char *src;
	size_t len;
	struct stream *next;        /* the server's list of live streams */
};

int stream_sse_format(json_t *event, struct buf *out)
{
	const char *name = json_string_value(json_object_get(event, "event"));
	char *data = json_dumps(event, JSON_COMPACT);
	int rc;

	if (!data)
		return -ENOMEM;
	/* compact JSON never holds a raw newline (strings escape it), so one data: line */
	rc = buf_addf(out, "event: %s\ndata: %s\n\n", name ? name : "message", data);
	free(data);
	return rc;
}

/* Append @ev (taken) to the stream.  Lock held. */
static int append_locked(struct stream *st, json_t *ev)
{
	int rc = ev ? stream_sse_format(ev, &st->out) : -ENOMEM;

	json_decref(ev);
	if (!rc) {
		st->last_out_ms = srv_now_ms();
		pthread_cond_broadcast(&st->cond);
	}
	return rc;
}

static void release(struct stream *st)
{
	struct server *s = st->s;
	int last;

	pthread_mutex_lock(&st->lock);
	last = --st->refs == 0;
	pthread_mutex_unlock(&st->lock);
	if (!last)
		return;
	pthread_mutex_lock(&s->streams_lock);
	for (struct stream **pp = &s->streams; *pp; pp = &(*pp)->next)
		if (*pp == st) {
			*pp = st->next;
			break;
		}
	s->nstreams--;
	pthread_cond_broadcast(&s->streams_cond);
	pthread_mutex_unlock(&s->streams_lock);
	buf_free(&st->out);
	pthread_cond_destroy(&st->cond);
	pthread_mutex_destroy(&st->lock);
	dojo_cancel_free(st->stop);
	json_decref(st->held_done);
	free(st->play_cmd);
	free(st->src);
	free(st);
}

void stream_release(struct stream *st)
{
	if (st)
		release(st);
}

/* The run will not (or no longer) produce events: close the stream with an error and `done`,
 * free the client's in-flight mark and drop the worker's reference. */
static void end_without_run(struct stream *st, const char *error, const char *message)
{
	pthread_mutex_lock(&st->lock);
	append_locked(st, json_pack("{s:s, s:s, s:s}", "event", "error", "error", error,
				    "message", message));
	append_locked(st, json_pack("{s:s, s:s, s:i}", "event", "done", "verdict", "NONE",
				    "queue_ms", srv_now_ms() - st->t_submit));
	st->finished = 1;
	pthread_cond_broadcast(&st->cond);
	pthread_mutex_unlock(&st->lock);
	fair_run_end(st->s->fair, st->client);
	release(st);
}

/* runq: the line moved.  Queue lock held (taken before ours, never the other way). */
static void on_moved(struct runq_item *it, unsigned position)
{
	struct stream *st = (struct stream *)it;

	pthread_mutex_lock(&st->lock);
	/* the first notice (from runq_submit) always; then each new place in line */
	if (!st->announced || (position && position != st->position))
		append_locked(st, json_pack("{s:s, s:i}", "event", "queued", "position", position));
	st->announced = 1;
	st->position = position;
	pthread_mutex_unlock(&st->lock);
}

/* pipeline: one event, to the client.  An error return stops the run. */
static int on_event(json_t *ev, void *ctx)
{
	struct stream *st = ctx;
	const char *name = json_string_value(json_object_get(ev, "event"));
	int rc = 0;

	pthread_mutex_lock(&st->lock);
	if (name && !strcmp(name, "done")) {
		/* a driver that ends with its own `done`: add the wait in line to its timings */
		st->saw_done = 1;
		json_object_set_new(ev, "queue_ms", json_integer(st->queue_ms));
	}
	if (st->cancel) {
		rc = -ECANCELED;
	} else if (st->play_cmd && name && !strcmp(name, "done")) {
		/* the outcome is known once pipeline_run() returns: on_run sends it then */
		json_decref(st->held_done);
		st->held_done = json_incref(ev);
	} else if (stream_sse_format(ev, &st->out)) {
		st->cancel = CANCEL_SLOW_READER;
		rc = -ENOBUFS;
	} else {
		if (name && !strcmp(name, "verdict"))
			snprintf(st->verdict, sizeof(st->verdict), "%s",
				 json_string_value(json_object_get(ev, "verdict")) ?: "?");
		st->last_out_ms = srv_now_ms();
		pthread_cond_broadcast(&st->cond);
	}
	pthread_mutex_unlock(&st->lock);
	return rc;
}

/* runq: our turn, on a worker thread. */
static void on_run(struct runq_item *it)
{
	struct stream *st = (struct stream *)it;
	struct server *s = st->s;
	struct pipeline_result res = { 0 };
	struct dojo_err err = { 0 };
	struct runner_job job = { .exercise = st->play_cmd ? NULL : st->exercise,
				  .filename = st->filename[0] ? st->filename : NULL,
				  .src = st->src, .len = st->len, .play_cmd = st->play_cmd,
				  .play_seconds = st->play_seconds, .xlated = st->xlated };
	enum run_kind kind = st->play_cmd ? KIND_PLAY : KIND_EXERCISE;
	enum cancel why;
	int rc;

	st->t_run = srv_now_ms();
	st->queue_ms = st->t_run - st->t_submit;
	metrics_phase(s->metrics, kind, PHASE_QUEUE, st->queue_ms);
	pthread_mutex_lock(&st->lock);
	why = st->cancel;
	pthread_mutex_unlock(&st->lock);
	if (why) {
		end_without_run(st, "cancelled", "the run was cancelled before it started");
		return;
	}
	rc = runner_run(&job, st->stop, on_event, st, &res, &err);
	pthread_mutex_lock(&st->lock);
	why = st->cancel;
	pthread_mutex_unlock(&st->lock);
	if (rc && rc != -ECANCELED) {
		end_without_run(st, "bad_request", err.msg);
		return;
	}
	if (why == CANCEL_NONE) {
		metrics_phase(s->metrics, kind, PHASE_COMPILE, res.compile_ms);
		if (res.run_ms)
			metrics_phase(s->metrics, kind, PHASE_RUN, res.run_ms);
		metrics_phase(s->metrics, kind, PHASE_VERDICT, res.verdict_ms);
		metrics_phase(s->metrics, kind, PHASE_TOTAL, st->queue_ms + res.total_ms);
		if (st->play_cmd)
			metrics_play(s->metrics, res.verdict);
		else
			metrics_verdict(s->metrics, st->exercise, res.verdict);
	}
	if (why == CANCEL_SHUTDOWN) {
		end_without_run(st, "shutting_down", "the server is shutting down and stopped "
				"this run; submit it again in a moment");
		return;
	}
	pthread_mutex_lock(&st->lock);
	if (st->play_cmd) {   /* no verdict event: the outcome, for the log and the client */
		snprintf(st->verdict, sizeof(st->verdict), "%s", grade_verdict_name(res.verdict));
		if (st->held_done) {
			json_object_set_new(st->held_done, "outcome",
					    json_string(grade_verdict_name(res.verdict)));
			append_locked(st, st->held_done);   /* takes the reference */
			st->held_done = NULL;
		}
	}
	if (!st->saw_done)
		append_locked(st, json_pack("{s:s, s:s, s:i, s:i, s:i, s:i, s:i}", "event", "done",
					    "verdict", grade_verdict_name(res.verdict),
					    "queue_ms", st->queue_ms, "compile_ms", res.compile_ms,
					    "run_ms", res.run_ms, "verdict_ms", res.verdict_ms,
					    "total_ms", st->queue_ms + res.total_ms));
	st->finished = 1;
	pthread_cond_broadcast(&st->cond);
	pthread_mutex_unlock(&st->lock);
	fair_run_end(s->fair, st->client);
	release(st);
}

/* The client hung up (or the stream must stop): cancel the run, wherever it is. */
static void cancel(struct stream *st, enum cancel why)
{
	int finished;

	pthread_mutex_lock(&st->lock);
	if (!st->cancel)
		st->cancel = why;
	dojo_cancel_raise(st->stop);
	finished = st->finished;
	pthread_cond_broadcast(&st->cond);
	pthread_mutex_unlock(&st->lock);
	/* still in line: take it out; the worker will never see it */
	if (!finished && runq_withdraw(st->s->runq, &st->item))
		end_without_run(st, "cancelled", "the run was cancelled while it waited");
}

static int client_gone(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLRDHUP };

	return fd >= 0 && poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR));
}

/* MHD content reader, on the connection's thread: block until there is something to send. */
static ssize_t reader(void *cls, uint64_t pos, char *out, size_t max)
{
	struct stream *st = cls;
	ssize_t n = 0;

	(void)pos;
	pthread_mutex_lock(&st->lock);
	for (;;) {
		struct timespec until;

		if (st->out.len) {
			n = (ssize_t)(st->out.len < max ? st->out.len : max);
			memcpy(out, st->out.data, (size_t)n);
			buf_consume(&st->out, (size_t)n);
			break;
		}
		if (st->finished) {
			n = MHD_CONTENT_READER_END_OF_STREAM;
			break;
		}
		if (st->cancel == CANCEL_CLIENT_GONE || st->cancel == CANCEL_SLOW_READER) {
			n = MHD_CONTENT_READER_END_WITH_ERROR;
			break;
		}
		if (srv_now_ms() - st->last_out_ms >= DOJO_SERVER_KEEPALIVE_MS &&
		    !buf_adds(&st->out, ": keep-alive\n\n")) {
			st->last_out_ms = srv_now_ms();
			continue;
		}
		pthread_mutex_unlock(&st->lock);
		if (client_gone(st->fd))
			cancel(st, CANCEL_CLIENT_GONE);
		pthread_mutex_lock(&st->lock);
		if (st->out.len || st->finished || st->cancel)
			continue;
		dojo_abstime(CLOCK_REALTIME, 100, &until);   /* how soon a hang-up is noticed */
		pthread_cond_timedwait(&st->cond, &st->lock, &until);
	}
	pthread_mutex_unlock(&st->lock);
	return n;
}

/* MHD is done with the response (sent, or the connection died). */
static void reader_free(void *cls)
{
	struct stream *st = cls;

	cancel(st, CANCEL_CLIENT_GONE);   /* a no-op for a finished run */
	release(st);
}

int stream_start(struct server *s, struct MHD_Connection *c, const char *client,
		 const struct runner_job *job, struct MHD_Response **resp, struct stream **out)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
						MHD_CONNECTION_INFO_CONNECTION_FD);
	struct stream *st = calloc(1, sizeof(*st));
	size_t len = job->len;
	unsigned position = 0;
	int rc;

	if (!st || !(st->src = malloc(len + 1)) || !(st->stop = dojo_cancel_new(NULL)) ||
	    (job->play_cmd && !(st->play_cmd = strdup(job->play_cmd)))) {
		if (st) {
			dojo_cancel_free(st->stop);
			free(st->src);
		}
		free(st);
		return -ENOMEM;
	}
	memcpy(st->src, job->src, len);
	st->src[len] = 0;
	st->len = len;
	st->play_seconds = job->play_seconds;
	st->xlated = job->xlated;
	st->item.play = job->play_cmd != NULL;
	st->s = s;
	st->fd = ci ? ci->connect_fd : -1;
	st->item.run = on_run;
	st->item.moved = on_moved;
	st->refs = 3;     /* worker, response, request */
	st->t_submit = st->last_out_ms = srv_now_ms();
	snprintf(st->client, sizeof(st->client), "%s", client);
	snprintf(st->exercise, sizeof(st->exercise), "%s", job->exercise ? job->exercise : "");
	snprintf(st->filename, sizeof(st->filename), "%s", job->filename ? job->filename : "");
	snprintf(st->verdict, sizeof(st->verdict), "-");
	buf_init(&st->out, DOJO_SERVER_STREAM_BYTES);
	pthread_mutex_init(&st->lock, NULL);
	pthread_cond_init(&st->cond, NULL);
	*resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, reader, st, reader_free);
	if (!*resp) {
		buf_free(&st->out);
		dojo_cancel_free(st->stop);
		free(st->play_cmd);
		free(st->src);
		free(st);
		return -ENOMEM;
	}
	pthread_mutex_lock(&s->streams_lock);
	st->next = s->streams;
	s->streams = st;
	s->nstreams++;
	pthread_mutex_unlock(&s->streams_lock);

	rc = runq_submit(s->runq, &st->item, &position);
	if (rc) {
		st->refs = 1;     /* only the response's: destroying it frees the stream */
		MHD_destroy_response(*resp);
		*resp = NULL;
		return rc;
	}
	*out = st;
	return 0;
}

const char *stream_verdict(const struct stream *st)
{
	return st->verdict;
}

void stream_cancel_all(struct server *s)
{
	pthread_mutex_lock(&s->streams_lock);
	for (struct stream *st = s->streams; st; st = st->next) {
		pthread_mutex_lock(&st->lock);
		if (!st->cancel && !st->finished) {
			st->cancel = CANCEL_SHUTDOWN;
			dojo_cancel_raise(st->stop);
		}
		pthread_cond_broadcast(&st->cond);
		pthread_mutex_unlock(&st->lock);
	}
	pthread_mutex_unlock(&s->streams_lock);
}

void stream_end_queued(struct runq_item *list)
{
	while (list) {
		struct runq_item *next = list->next;

		end_without_run((struct stream *)list, "shutting_down", "the server is shutting "
				"down; submit the run again in a moment");
		list = next;
	}
}
