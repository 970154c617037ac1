/* http.c: the daemon, the routes, the request limits, errors and the request log.
 *
 * Threading: libmicrohttpd's thread-per-connection mode.  A run's response is a stream whose
 * content reader blocks (on a condition variable, waking every 100 ms to look for a hang-up)
 * until the pipeline's next event; MHD allows that only with a thread per connection, where a
 * reader returning "no data yet" or taking its time costs only its own thread.  The polling
 * alternative needs each connection suspended and resumed from the worker thread at every
 * event, more moving parts for no gain at our scale: runs are bounded by the run queue, and
 * threads by the connection cap (DOJO_SERVER_MAX_CONNECTIONS, small stacks).
 *
 * Limits are checked as soon as the headers are in, before any body byte is read: the client's
 * token bucket (429), its run in flight (429), the queue (503), Content-Length against 64 KiB
 * (413).  A body that grows past the limit without a Content-Length (chunked) is cut off
 * there: MHD cannot queue a response in the middle of an upload, so the connection is closed
 * (logged as 413) instead of reading the rest. */
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include "core/jsonx.h"
#include "exercises/exercise.h"
#include "internal.h"

enum route {
	ROUTE_NONE, ROUTE_HEALTH, ROUTE_METRICS, ROUTE_LIST, ROUTE_EXERCISE, ROUTE_RUN,
	ROUTE_CHECK, ROUTE_PLAY, ROUTE_STATIC,
};

struct req {
	unsigned t0;
	char client[64];
	char method[8];
	char path[96];          /* for the log: the route, cut short; never the body */
	enum route route;
	char id[64];            /* the exercise in the path */
	char filename[DOJO_MAX_FILENAME]; /* ?filename=, shown in diagnostics ("" for the default) */
	unsigned status;
	struct buf body;
	int too_large, holds_run;
	struct stream *st;
};

unsigned http_send(struct MHD_Connection *c, unsigned status, const char *type,
		   const void *body, size_t len)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)body,
								 MHD_RESPMEM_MUST_COPY);

	if (!r)
		return 500;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return status;
}

/* An error with extra headers (Allow, Retry-After). */
static unsigned send_error(struct MHD_Connection *c, unsigned status, const char *error,
			   const char *hname, const char *hvalue, const char *msg)
{
	/* the message may quote the request (a path, an id): any bytes, made valid UTF-8 */
	json_t *o = json_pack("{s:s, s:o}", "error", error, "message", jsonx_str(msg));
	char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
	static char oom[] = "{\"error\":\"internal\",\"message\":\"out of memory\"}";
	struct MHD_Response *r;

	json_decref(o);
	r = text ? MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE) : NULL;
	if (!r) {
		free(text);
		/* an answer must go out, or MHD would ask again: the one that needs no memory */
		r = MHD_create_response_from_buffer(strlen(oom), oom, MHD_RESPMEM_PERSISTENT);
		if (!r)
			return 500;
		status = 500;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	if (hname)
		MHD_add_response_header(r, hname, hvalue);
	MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return status;
}

unsigned http_error(struct MHD_Connection *c, unsigned status, const char *error,
		    const char *fmt, ...)
{
	char msg[DOJO_MAX_MESSAGE];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return send_error(c, status, error, NULL, NULL, msg);
}

static unsigned refuse(struct server *s, struct MHD_Connection *c, enum refusal why,
		       unsigned status, const char *error, unsigned retry_s, const char *msg)
{
	char retry[16];

	metrics_refused(s->metrics, why);
	snprintf(retry, sizeof(retry), "%u", retry_s);
	return send_error(c, status, error, retry_s ? MHD_HTTP_HEADER_RETRY_AFTER : NULL, retry, msg);
}

static unsigned send_json(struct MHD_Connection *c, unsigned status, json_t *o)
{
	char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
	unsigned rc;

	json_decref(o);
	if (!text)
		return http_error(c, 500, "internal", "out of memory");
	rc = http_send(c, status, "application/json", text, strlen(text));
	free(text);
	return rc;
}

/* Which route @url is, with the exercise id; *allow gets the methods it takes. */
static enum route match(struct server *s, const char *url, char id[64], const char **allow)
{
	static const struct {
		const char *prefix;
		int has_id;   /* 0 exact, 1 needs "/<id>", 2 "/<id>" optional */
		enum route route;
		const char *allow;
	} table[] = {
		{ "/healthz", 0, ROUTE_HEALTH, "GET, HEAD" },
		{ "/metrics", 0, ROUTE_METRICS, "GET, HEAD" },
		{ "/api/exercises", 0, ROUTE_LIST, "GET, HEAD" },
		{ "/api/exercises", 1, ROUTE_EXERCISE, "GET, HEAD" },
		{ "/api/run", 1, ROUTE_RUN, "POST" },
		{ "/api/check", 2, ROUTE_CHECK, "POST" },
		{ "/api/play", 0, ROUTE_PLAY, "POST" },
	};

	id[0] = 0;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		size_t n = strlen(table[i].prefix);
		const char *rest = url + n;

		if (strncmp(url, table[i].prefix, n))
			continue;
		if (!*rest && table[i].has_id != 1) {
			*allow = table[i].allow;
			return table[i].route;
		}
		if (table[i].has_id && rest[0] == '/' && rest[1] && strlen(rest + 1) < 64 &&
		    !strchr(rest + 1, '/')) {
			snprintf(id, 64, "%s", rest + 1);
			*allow = table[i].allow;
			return table[i].route;
		}
	}
	if (s->web && strncmp(url, "/api/", 5)) {
		*allow = "GET, HEAD";
		return ROUTE_STATIC;
	}
	return ROUTE_NONE;
}

static int method_ok(const char *allow, const char *method)
{
	size_t n = strlen(method);
	const char *p = allow;

	while ((p = strstr(p, method))) {
		if ((p == allow || p[-2] == ',') && (p[n] == 0 || p[n] == ','))
			return 1;
		p += n;
	}
	return 0;
}

static unsigned health(struct server *s, struct MHD_Connection *c)
{
	json_t *o = json_object();
	unsigned waiting, running;

	if (!o)
		return http_error(c, 500, "internal", "out of memory");
	runq_counts(s->runq, &waiting, &running);
	json_object_set_new(o, "status", json_string(s->draining ? "draining" : "ok"));
	runner_health(o);
	json_object_set_new(o, "runs_in_flight", json_integer(running));
	json_object_set_new(o, "queue_depth", json_integer(waiting));
	json_object_set_new(o, "run_slots", json_integer(s->cfg.runs));
	runq_play_counts(s->runq, &waiting, &running);
	json_object_set_new(o, "play", json_pack("{s:b, s:i, s:i, s:i}", "available",
						 s->cfg.sandbox == SANDBOX_VM, "slots",
						 s->cfg.play_runs, "in_flight", running,
						 "queue_depth", waiting));
	return send_json(c, s->draining ? 503 : 200, o);
}

static unsigned metrics(struct server *s, struct MHD_Connection *c, struct req *rq)
{
	struct metrics_gauges g = { .connections = s->connections };
	struct server_addrs one;
	struct buf b;
	unsigned st;

	/* the client as trusted proxies say, so a proxy's own loopback address does not count */
	if (server_addrs_parse(&one, rq->client, NULL) || one.n != 1 ||
	    !addrs_match_cidr(&s->cfg.metrics, &one.cidr[0]))
		return refuse(s, c, REFUSE_FORBIDDEN, 403, "forbidden", 0,
			      "/metrics is only served to the addresses in metrics-allow");
	runq_counts(s->runq, &g.queue_depth, &g.in_flight);
	runq_play_counts(s->runq, &g.play_waiting, &g.play_in_flight);
	buf_init(&b, 1024 * 1024);
	if (metrics_render(s->metrics, &b, &g)) {
		buf_free(&b);
		return http_error(c, 500, "internal", "metrics too large");
	}
	st = http_send(c, 200, "text/plain; version=0.0.4; charset=utf-8", b.data, b.len);
	buf_free(&b);
	return st;
}

static unsigned check(struct server *s, struct MHD_Connection *c, struct req *rq)
{
	struct dojo_err err = { 0 };
	json_t *out = NULL;
	int rc;

	pthread_mutex_lock(&s->compile_lock);
	if (s->compiles_running >= s->compiles_max && s->compiles_waiting >= DOJO_SERVER_COMPILE_WAITING) {
		pthread_mutex_unlock(&s->compile_lock);
		return refuse(s, c, REFUSE_COMPILE_BUSY, 503, "busy", 1,
			      "every compiler is busy; try again in a second");
	}
	s->compiles_waiting++;
	while (s->compiles_running >= s->compiles_max)
		pthread_cond_wait(&s->compile_cond, &s->compile_lock);
	s->compiles_waiting--;
	s->compiles_running++;
	pthread_mutex_unlock(&s->compile_lock);

	rc = runner_check(rq->id[0] ? rq->id : NULL, rq->filename[0] ? rq->filename : NULL,
			  (const char *)rq->body.data, rq->body.len, &out, &err);

	pthread_mutex_lock(&s->compile_lock);
	s->compiles_running--;
	pthread_cond_signal(&s->compile_cond);
	pthread_mutex_unlock(&s->compile_lock);
	if (rc)
		return http_error(c, rc == -ENOENT ? 404 : 500, rc == -ENOENT ? "not_found" :
				  "internal", "%s", err.msg);
	return send_json(c, 200, out);
}

/* Start @job as a stream: the response, or the refusal. */
static unsigned stream(struct server *s, struct MHD_Connection *c, struct req *rq,
		       const struct runner_job *job)
{
	struct MHD_Response *r;
	int rc = stream_start(s, c, rq->client, job, &r, &rq->st);

	if (rc == -EBUSY)
		return refuse(s, c, REFUSE_QUEUE_FULL, 503, "queue_full", runq_retry_after(s->runq),
			      "every run slot is taken and the line is full; try again later");
	if (rc == -ESHUTDOWN)
		return refuse(s, c, REFUSE_DRAINING, 503, "shutting_down", 5,
			      "the server is shutting down");
	if (rc)
		return http_error(c, 500, "internal", "cannot start the run: %s", strerror(-rc));
	rq->holds_run = 0;   /* the stream ends it */
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/event-stream");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r, "X-Accel-Buffering", "no");   /* nginx: stream, don't buffer */
	MHD_queue_response(c, 200, r);
	MHD_destroy_response(r);
	return 200;
}

static unsigned run(struct server *s, struct MHD_Connection *c, struct req *rq)
{
	struct runner_job job = { .exercise = rq->id, .filename = rq->filename,
				  .src = (const char *)rq->body.data, .len = rq->body.len };

	return stream(s, c, rq, &job);
}

/* POST /api/play: a JSON body, checked whole before the run is queued. */
static unsigned play(struct server *s, struct MHD_Connection *c, struct req *rq)
{
	char msg[DOJO_MAX_MESSAGE];
	struct runner_job job;
	json_t *root;
	unsigned st;

	if (playreq_parse(rq->body.data, rq->body.len, &root, &job, msg, sizeof(msg))) {
		json_decref(root);
		return refuse(s, c, REFUSE_BAD_REQUEST, 400, "bad_request", 0, msg);
	}
	if (rq->filename[0] && !job.filename)
		job.filename = rq->filename;
	st = stream(s, c, rq, &job);
	json_decref(root);
	return st;
}

/* Everything that can be decided from the headers alone.  0 to go on reading the body. */
static unsigned admit(struct server *s, struct MHD_Connection *c, struct req *rq,
		      const char *method, const char *allow)
{
	const char *cl;
	unsigned retry = 1;

	if (rq->route == ROUTE_NONE)
		return http_error(c, 404, "not_found", "no route %s; the API is under /api/ "
				  "(see docs/server.md)", rq->path);
	if (!method_ok(allow, method)) {
		char msg[128];

		snprintf(msg, sizeof(msg), "%s takes %s", rq->path, allow);
		return send_error(c, 405, "method_not_allowed", MHD_HTTP_HEADER_ALLOW, allow, msg);
	}
	if (s->draining && rq->route != ROUTE_HEALTH)
		return refuse(s, c, REFUSE_DRAINING, 503, "shutting_down", 5,
			      "the server is shutting down");
	if (rq->route == ROUTE_PLAY && s->cfg.sandbox == SANDBOX_HOST)
		return refuse(s, c, REFUSE_PLAY_HOST, 403, "play_unavailable", 0,
			      "this server runs programs in its host sandbox; the playground runs "
			      "any program, so it is served only with --sandbox vm");
	if (rq->route != ROUTE_RUN && rq->route != ROUTE_CHECK && rq->route != ROUTE_LIST &&
	    rq->route != ROUTE_EXERCISE && rq->route != ROUTE_PLAY)
		return 0;
	if (fair_take(s->fair, rq->client, &retry))
		return refuse(s, c, REFUSE_RATE, 429, "rate_limited", retry,
			      "too many requests from your address; wait a moment");
	if ((rq->route == ROUTE_RUN || rq->route == ROUTE_EXERCISE || rq->id[0]) &&
	    !exercise_find(rq->id))
		return http_error(c, 404, "not_found", "unknown exercise '%s'; GET /api/exercises "
				  "lists them", rq->id);
	if (rq->route != ROUTE_RUN && rq->route != ROUTE_CHECK && rq->route != ROUTE_PLAY)
		return 0;
	cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl && strtoull(cl, NULL, 10) > DOJO_SERVER_MAX_BODY)
		return refuse(s, c, REFUSE_BODY, 413, "too_large", 0, rq->route == ROUTE_PLAY ?
			      "the request is larger than 64 KiB; make the program smaller" :
			      "the source is larger than 64 KiB; make it smaller");
	if (rq->route == ROUTE_RUN || rq->route == ROUTE_PLAY) {
		unsigned waiting, running;

		if (fair_run_begin(s->fair, rq->client))
			return refuse(s, c, REFUSE_BUSY_CLIENT, 429, "run_in_flight", 1,
				      "you already have a run in flight; wait for its verdict");
		rq->holds_run = 1;
		runq_counts(s->runq, &waiting, &running);
		if (running >= s->cfg.runs && waiting >= s->cfg.queue_max)
			return refuse(s, c, REFUSE_QUEUE_FULL, 503, "queue_full",
				      runq_retry_after(s->runq),
				      "every run slot is taken and the line is full; try again later");
	}
	buf_init(&rq->body, DOJO_SERVER_MAX_BODY);
	return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version,
				  const char *upload, size_t *upload_size, void **con_cls)
{
	struct server *s = cls;
	struct req *rq = *con_cls;
	const char *allow = "";

	(void)version;
	if (!rq) {
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

		rq = calloc(1, sizeof(*rq));
		if (!rq)
			return MHD_NO;
		*con_cls = rq;
		rq->t0 = srv_now_ms();
		snprintf(rq->method, sizeof(rq->method), "%s", method);
		snprintf(rq->path, sizeof(rq->path), "%s", url);
		server_client_addr(&s->cfg.proxies, ci ? ci->client_addr : NULL,
			     MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For"),
			     rq->client);
		rq->route = match(s, url, rq->id, &allow);
		snprintf(rq->filename, sizeof(rq->filename), "%s",
			 MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "filename") ?: "");
		rq->status = admit(s, c, rq, method, allow);
		return MHD_YES;
	}
	if (rq->status)
		return MHD_YES;   /* already answered from the headers; MHD drops the body */
	if (*upload_size) {
		if (srv_now_ms() - rq->t0 > s->cfg.request_timeout_ms) {
			metrics_refused(s->metrics, REFUSE_TIMEOUT);
			rq->status = 408;
			return MHD_NO;
		}
		if (buf_add(&rq->body, upload, *upload_size)) {
			metrics_refused(s->metrics, REFUSE_BODY);
			rq->status = 413;
			return MHD_NO;   /* stop reading here: see the comment at the top */
		}
		*upload_size = 0;
		return MHD_YES;
	}
	switch (rq->route) {
	case ROUTE_HEALTH: rq->status = health(s, c); break;
	case ROUTE_METRICS: rq->status = metrics(s, c, rq); break;
	case ROUTE_LIST:
		rq->status = http_send(c, 200, "application/json", catalogue_list(s->cat),
				       strlen(catalogue_list(s->cat)));
		break;
	case ROUTE_EXERCISE:
		rq->status = http_send(c, 200, "application/json", catalogue_get(s->cat, rq->id),
				       strlen(catalogue_get(s->cat, rq->id)));
		break;
	case ROUTE_CHECK: rq->status = check(s, c, rq); break;
	case ROUTE_RUN: rq->status = run(s, c, rq); break;
	case ROUTE_PLAY: rq->status = play(s, c, rq); break;
	case ROUTE_STATIC: rq->status = webroot_serve(s->web, c, url); break;
	default: rq->status = http_error(c, 404, "not_found", "no such route");
	}
	return MHD_YES;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct server *s = cls;
	struct req *rq = *con_cls;

	(void)c;
	if (!rq)
		return;
	*con_cls = NULL;
	metrics_request(s->metrics, rq->status);
	srvlog_line(s->log, "%s %s %s %u %s %ums%s", rq->client, rq->method, rq->path, rq->status,
		    rq->st ? stream_verdict(rq->st) : "-", srv_now_ms() - rq->t0,
		    toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" :
		    toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? " (timed out)" :
		    toe == MHD_REQUEST_TERMINATED_CLIENT_ABORT ? " (client went away)" :
		    " (connection closed)");
	if (rq->holds_run)
		fair_run_end(s->fair, rq->client);
	stream_release(rq->st);
	buf_free(&rq->body);
	free(rq);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_ctx,
			  enum MHD_ConnectionNotificationCode toe)
{
	struct server *s = cls;

	(void)c;
	(void)socket_ctx;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED)
		s->connections++;
	else
		s->connections--;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	struct server *s = cls;
	char msg[512];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	msg[strcspn(msg, "\n")] = 0;
	srvlog_line(s->log, "httpd: %s", msg);
}

int http_start(struct server *s, struct dojo_err *err)
{
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_port = htons(s->cfg.port) };
	struct sockaddr_in a4 = { .sin_family = AF_INET, .sin_port = htons(s->cfg.port) };
	int v6 = strchr(s->cfg.host, ':') != NULL;
	const union MHD_DaemonInfo *di;
	unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
			 MHD_USE_POLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;

	if (v6) {
		flags |= MHD_USE_IPv6;
		inet_pton(AF_INET6, s->cfg.host, &a6.sin6_addr);
	} else {
		inet_pton(AF_INET, s->cfg.host, &a4.sin_addr);
	}
	s->d = MHD_start_daemon(flags, (uint16_t)s->cfg.port, NULL, NULL, on_request, s,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s,
		MHD_OPTION_SOCK_ADDR, v6 ? (struct sockaddr *)&a6 : (struct sockaddr *)&a4,
		MHD_OPTION_CONNECTION_LIMIT, s->cfg.max_connections,
		/* behind a proxy every client has the proxy's address: no per-address cap then */
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, s->cfg.proxies.n ? 0u : s->cfg.max_per_ip,
		MHD_OPTION_CONNECTION_TIMEOUT, s->cfg.idle_timeout_s,
		MHD_OPTION_THREAD_STACK_SIZE, (size_t)DOJO_SERVER_THREAD_STACK,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
		MHD_OPTION_END);
	if (!s->d)
		return dojo_err_set(err, -EADDRINUSE, "cannot listen on %s:%u (in use, or not an "
				    "address of this machine)", s->cfg.host, s->cfg.port);
	di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : s->cfg.port;
	return 0;
}

void http_quiesce(struct server *s)
{
	MHD_socket fd;

	if (!s->d)
		return;
	fd = MHD_quiesce_daemon(s->d);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
}

void http_stop(struct server *s)
{
	if (s->d)
		MHD_stop_daemon(s->d);
	s->d = NULL;
}
