/* internal.h: what the server's files share (not for other parts).
 *
 * http.c owns the daemon and the routes; each route's work lives in its own file: catalogue.c
 * (exercises), stream.c (a run as server-sent events), static.c (web files), metrics.c; the
 * admission rules are runq.c (slots and the wait queue) and fair.c (per-client buckets);
 * runner.c is the one door to compile, sandbox and pipeline. */
#ifndef DOJO_SERVER_INTERNAL_H
#define DOJO_SERVER_INTERNAL_H

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include "core/buf.h"
#include "core/clock.h"
#include "pipeline/pipeline.h"
#include "server.h"

#include <time.h>

struct MHD_Connection;
struct MHD_Response;

/* core's monotonic clock in the unsigned milliseconds the server's counters use (differences
 * of two readings stay right across the wrap). */
static inline unsigned srv_now_ms(void)
{
	return (unsigned)dojo_now_ms();
}

/* ---- addr.c: allow-lists and who a client is ---- */
int addrs_match(const struct server_addrs *a, const struct sockaddr *sa);
int addrs_match_cidr(const struct server_addrs *a, const struct server_cidr *one);

/* ---- log.c: one line per request ---- */
struct srv_log;
/* @path NULL or "" = stderr; a file is created for @owner (when root: the user the server
 * becomes), so that SIGHUP can reopen it later as that user. */
struct srv_log *srvlog_open(const char *path, const char *owner, struct dojo_err *err);
int srvlog_reopen(struct srv_log *l);
void srvlog_line(struct srv_log *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void srvlog_close(struct srv_log *l);

/* ---- metrics.c ---- */
enum refusal {
	REFUSE_RATE,          /* token bucket empty (429) */
	REFUSE_BUSY_CLIENT,   /* a run of this client is in flight (429) */
	REFUSE_QUEUE_FULL,    /* 503 */
	REFUSE_COMPILE_BUSY,  /* 503 */
	REFUSE_BODY,          /* 413 */
	REFUSE_TIMEOUT,       /* 408 */
	REFUSE_FORBIDDEN,     /* /metrics from elsewhere (403) */
	REFUSE_DRAINING,      /* shutting down (503) */
	REFUSE_PLAY_HOST,     /* /api/play on a host-sandbox server (403) */
	REFUSE_BAD_REQUEST,   /* /api/play's body is not what it takes (400) */
	REFUSE_COUNT
};
enum phase { PHASE_QUEUE, PHASE_COMPILE, PHASE_RUN, PHASE_VERDICT, PHASE_TOTAL, PHASE_COUNT };
/* What a run is, the `kind` label of its metrics. */
enum run_kind { KIND_EXERCISE, KIND_PLAY, KIND_COUNT };

struct metrics;
struct metrics *metrics_new(void);
void metrics_free(struct metrics *m);
void metrics_refused(struct metrics *m, enum refusal r);
void metrics_phase(struct metrics *m, enum run_kind k, enum phase p, unsigned ms);
/* A playground run's outcome (it has no exercise): OK, COMPILE_ERROR, LOAD_ERROR, RUN_ERROR. */
void metrics_play(struct metrics *m, enum grade_verdict v);
void metrics_verdict(struct metrics *m, const char *exercise, enum grade_verdict v);
void metrics_request(struct metrics *m, unsigned status);
/* The gauges, read by the caller when /metrics is asked for. */
struct metrics_gauges {
	unsigned queue_depth, in_flight;           /* every run */
	unsigned play_waiting, play_in_flight;     /* of which playground runs */
	unsigned connections;
};
/* Prometheus text format. */
int metrics_render(struct metrics *m, struct buf *out, const struct metrics_gauges *g);

/* ---- runq.c: N slots and a bounded line in front of them, in two lanes ---- */
struct runq_item {
	void (*run)(struct runq_item *it);          /* on a worker thread, in a slot */
	void (*moved)(struct runq_item *it, unsigned position); /* queue lock held; 0: running */
	int play;             /* set by the caller: a playground run (its own lane and share) */
	struct runq_item *next;
	int queued;
};
struct runq;
/* @slots workers; playground items hold at most @play_slots of them at once (capped to
 * @slots) and go only when no exercise item waits; @max_waiting items in line, both lanes. */
struct runq *runq_new(unsigned slots, unsigned play_slots, unsigned max_waiting,
		      struct dojo_err *err);
/* Queue @it; *position gets 1.. (0 when a slot was free).  -EBUSY when the queue is full,
 * -ESHUTDOWN when draining. */
int runq_submit(struct runq *q, struct runq_item *it, unsigned *position);
/* Take @it out of the queue if it still waits: 1 when it was taken (it will never run). */
int runq_withdraw(struct runq *q, struct runq_item *it);
void runq_counts(struct runq *q, unsigned *waiting, unsigned *running);
/* The same, of playground items only. */
void runq_play_counts(struct runq *q, unsigned *waiting, unsigned *running);
/* Refuse new items; with @drop_waiting, withdraw all waiting items and return them (linked
 * by ->next) so the caller can tell them. */
struct runq_item *runq_close(struct runq *q, int drop_waiting);
/* Wait until nothing runs, at most @ms (0: forever).  1 when idle. */
int runq_wait_idle(struct runq *q, unsigned ms);
/* Join the workers (after runq_close and idle) and free. */
void runq_free(struct runq *q);
/* The wait a newcomer can expect, in seconds, for Retry-After. */
unsigned runq_retry_after(struct runq *q);

/* ---- fair.c: a token bucket and a run-in-flight flag per client ---- */
struct fair;
struct fair *fair_new(unsigned per_min, unsigned burst);
void fair_free(struct fair *f);
/* Take a token for @client: 0, or -EAGAIN (empty; *retry_s says when the next comes). */
int fair_take(struct fair *f, const char *client, unsigned *retry_s);
/* Mark a run in flight for @client: 0, or -EBUSY when one is already. */
int fair_run_begin(struct fair *f, const char *client);
void fair_run_end(struct fair *f, const char *client);

/* ---- catalogue.c: the exercises as JSON, rendered once ---- */
struct catalogue;
struct catalogue *catalogue_new(struct dojo_err *err);
void catalogue_free(struct catalogue *c);
/* The list, and one exercise (NULL when unknown): borrowed, serialized JSON text. */
const char *catalogue_list(const struct catalogue *c);
const char *catalogue_get(const struct catalogue *c, const char *id);

/* ---- runner.c: the only door to compile, sandbox and pipeline ---- */
/* Receives each of a run's events as its one JSON form (borrowed; the callee may add fields).
 * Non-zero stops the run. */
typedef int (*runner_event_cb)(json_t *event, void *ctx);
/* What one run is: an exercise run, or a playground run (play_cmd set, exercise NULL). */
struct runner_job {
	const char *exercise;
	const char *filename;   /* NULL: the default */
	const char *src;
	size_t len;
	const char *play_cmd;   /* the playground's shell command in the guest */
	unsigned play_seconds;  /* its wall clock (0: the default) */
	int xlated;             /* an `xlated` event per loaded program */
};
struct runner_opts {
	enum sandbox_kind sandbox;
	unsigned run_timeout_ms;
	int spares;           /* vm spares to keep */
};
/* Check that compiler and sandbox are ready (vm: build the snapshot, start spares).  Started as
 * root, it first forks the sandbox broker, which alone keeps root (docs/processes.md).  Call it
 * while the process has one thread. */
int runner_init(const struct runner_opts *o, struct dojo_err *err);
/* Started as root: become @user for good (no uid 0, no capability, no_new_privs), once
 * everything that needs root was opened.  With one thread running.  A no-op when not root. */
int runner_drop_privileges(const char *user, struct dojo_err *err);
void runner_fini(void);
/* One run: pipeline_run() with the server's sandbox settings and compiler; -ECANCELED when
 * @cb stopped it or @stop was raised (at once, even while the guest is silent; may be NULL).
 * @job->filename (NULL: the default) is the name diagnostics show; compile sanitizes it. */
int runner_run(const struct runner_job *job, const struct dojo_cancel *stop, runner_event_cb cb,
	       void *ctx, struct pipeline_result *res, struct dojo_err *err);
/* Compile only: *out gets {"verdict":"OK"|"COMPILE_ERROR"|..., "ms", "message",
 * "diagnostics":[...], "events":[the run's events]} (a new reference).  @exercise may be
 * NULL. */
int runner_check(const char *exercise, const char *filename, const char *src, size_t len,
		 json_t **out,
		 struct dojo_err *err);
/* /healthz's body fields. */
void runner_health(json_t *obj);

/* ---- playreq.c: POST /api/play's body ---- */
/* Check the JSON @body and fill @job (a playground run; its strings borrowed from *root, which
 * the caller json_decref()s, also on failure).  0, or -EINVAL / -E2BIG / -ERANGE with @msg
 * saying what to change. */
int playreq_parse(const void *body, size_t len, json_t **root, struct runner_job *job, char *msg,
		  size_t cap);

/* ---- static.c ---- */
struct webroot;
struct webroot *webroot_open(const char *dir, struct dojo_err *err);
void webroot_close(struct webroot *w);
/* Serve @url (decoded path) for GET/HEAD: queues the response.  Returns the status sent. */
unsigned webroot_serve(struct webroot *w, struct MHD_Connection *c, const char *url);

/* ---- http.c helpers shared by the routes ---- */
/* Queue a JSON error {error, message} with @status; returns @status. */
unsigned http_error(struct MHD_Connection *c, unsigned status, const char *error,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Queue @body (copied) as @type with @status. */
unsigned http_send(struct MHD_Connection *c, unsigned status, const char *type,
		   const void *body, size_t len);

/* http.c: start listening, stop accepting, stop. */
int http_start(struct server *s, struct dojo_err *err);
void http_quiesce(struct server *s);
void http_stop(struct server *s);

/* ---- stream.c: one run as an SSE response ---- */
struct server;
struct stream;
/* Create the run @job (its strings copied) for @client, queue it (a playground run in the
 * playground's lane): *resp is the SSE response to queue.  -EBUSY (queue full), -ESHUTDOWN
 * (draining) or -ENOMEM. */
int stream_start(struct server *s, struct MHD_Connection *c, const char *client,
		 const struct runner_job *job, struct MHD_Response **resp, struct stream **out);
/* The verdict name for the log, "-" while none. */
const char *stream_verdict(const struct stream *st);
/* Turn one pipeline event into an SSE message ("event: NAME\ndata: JSON\n\n"). */
int stream_sse_format(json_t *event, struct buf *out);
/* Cancel every run (shutdown past its deadline). */
void stream_cancel_all(struct server *s);
/* Close the streams of runs runq_close() took out of the line. */
void stream_end_queued(struct runq_item *list);
/* Drop the request's reference (http.c, when the request completes).  Accepts NULL. */
void stream_release(struct stream *st);

/* The server's shared state. */
struct server {
	struct server_config cfg;
	struct MHD_Daemon *d;
	struct srv_log *log;
	struct metrics *metrics;
	struct runq *runq;
	struct fair *fair;
	struct catalogue *cat;
	struct webroot *web;
	atomic_int draining;
	atomic_uint connections;
	atomic_uint compiles_running, compiles_waiting;
	unsigned compiles_max;
	pthread_mutex_t compile_lock;
	pthread_cond_t compile_cond;
	/* live streams, for cancelling at shutdown */
	pthread_mutex_t streams_lock;
	pthread_cond_t streams_cond;
	struct stream *streams;
	unsigned nstreams;
	int shut;
	unsigned port;
};

#endif
