/* remote.c: the CLI as a client of `bpfdojo serve` (libcurl): a run streamed as SSE, a
 * playground run, a check, the catalogue.  Each event's JSON goes to the same callback a local run feeds
 * (render_event), so a learner sees the same lines and gets the same exit code either way.
 * Only the server's own framing (`queued`, `error`, `done`'s queue_ms) is handled here. */
#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
#include "core/limits.h"
#include "remote.h"

#define REMOTE_MAX_BODY (16u * 1024 * 1024)   /* a JSON answer or one SSE line, at most */

struct xfer {
	CURL *curl;
	long status;
	int sse;                 /* the answer is text/event-stream */
	struct buf line;         /* SSE: the line being received; else the whole body */
	char event[32];          /* SSE: the current message's event: */
	remote_event_cb cb;
	void *ctx;
	char verdict[32];
	int done;
	struct dojo_err *err;
	int failed;
};

/* Events that are the server's framing, not the pipeline's. */
static int framing(struct xfer *x, json_t *ev, const char *name)
{
	if (!strcmp(name, "queued")) {
		long long pos = json_integer_value(json_object_get(ev, "position"));

		if (pos > 0)
			fprintf(stderr, "bpfdojo: waiting for a run slot on the server (position %lld)\n", pos);
		return 1;
	}
	if (!strcmp(name, "done")) {
		/* the pipeline's own last event; the wait in line and a playground run's outcome
		 * are the server's additions */
		const char *outcome = json_string_value(json_object_get(ev, "outcome"));

		x->done = 1;
		if (outcome)
			snprintf(x->verdict, sizeof(x->verdict), "%s", outcome);
		json_object_del(ev, "queue_ms");
		json_object_del(ev, "outcome");
		return 0;
	}
	if (!strcmp(name, "error")) {
		x->failed = dojo_err_set(x->err, -EIO, "the server stopped the run: %s",
					 json_string_value(json_object_get(ev, "message")) ?: "");
		return 1;
	}
	return 0;
}

static void sse_line(struct xfer *x, const char *line)
{
	json_t *ev;
	const char *name;

	if (!strncmp(line, "event: ", 7)) {
		snprintf(x->event, sizeof(x->event), "%s", line + 7);
		return;
	}
	if (strncmp(line, "data: ", 6))
		return;   /* comments (keep-alive), ids, blank lines */
	ev = json_loads(line + 6, 0, NULL);
	name = json_string_value(json_object_get(ev, "event"));
	if (ev && name && !framing(x, ev, name)) {
		if (!strcmp(name, "verdict"))
			snprintf(x->verdict, sizeof(x->verdict), "%s",
				 json_string_value(json_object_get(ev, "verdict")) ?: "");
		x->cb(ev, x->ctx);
	}
	json_decref(ev);
}

static size_t on_data(char *data, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;
	size_t len = size * n;

	if (!x->status) {
		char *type = NULL;

		curl_easy_getinfo(x->curl, CURLINFO_RESPONSE_CODE, &x->status);
		curl_easy_getinfo(x->curl, CURLINFO_CONTENT_TYPE, &type);
		x->sse = x->status == 200 && type && !strncmp(type, "text/event-stream", 17);
	}
	if (!x->sse)
		return buf_add(&x->line, data, len) ? 0 : len;
	for (size_t i = 0; i < len; i++) {
		if (data[i] != '\n') {
			if (buf_add(&x->line, &data[i], 1))
				return 0;
			continue;
		}
		sse_line(x, (const char *)(x->line.data ? x->line.data : (uint8_t *)""));
		buf_reset(&x->line);
	}
	return len;
}

/* GET (body NULL) or POST @path; for SSE, events go to cb.  0, or -EIO with err set. */
static int request(const char *server, const char *path, const char *type, const char *body,
		   size_t len, struct xfer *x)
{
	char url[2048], errbuf[CURL_ERROR_SIZE] = "";
	struct curl_slist *hdrs = NULL;
	size_t n = strlen(server);
	CURLcode rc;

	while (n && server[n - 1] == '/')
		n--;
	snprintf(url, sizeof(url), "%.*s%s", (int)n, server, path);
	x->curl = curl_easy_init();
	if (!x->curl)
		return dojo_err_set(x->err, -ENOMEM, "cannot start libcurl");
	buf_init(&x->line, REMOTE_MAX_BODY);
	curl_easy_setopt(x->curl, CURLOPT_URL, url);
	curl_easy_setopt(x->curl, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(x->curl, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(x->curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(x->curl, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(x->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(x->curl, CURLOPT_USERAGENT, "bpfdojo-cli");
	if (body) {
		hdrs = curl_slist_append(hdrs, type);
		hdrs = curl_slist_append(hdrs, "Expect:");   /* no 100-continue round trip */
		curl_easy_setopt(x->curl, CURLOPT_HTTPHEADER, hdrs);
		curl_easy_setopt(x->curl, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(x->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	}
	rc = curl_easy_perform(x->curl);
	if (!x->status)
		curl_easy_getinfo(x->curl, CURLINFO_RESPONSE_CODE, &x->status);
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(x->curl);
	x->curl = NULL;
	if (rc != CURLE_OK && !x->failed)
		return dojo_err_set(x->err, -EIO, "cannot reach the server at %s: %s", url,
				    errbuf[0] ? errbuf : curl_easy_strerror(rc));
	if (x->status != 200) {
		json_t *o = json_loadb((const char *)x->line.data, x->line.len, 0, NULL);
		const char *msg = json_string_value(json_object_get(o, "message"));

		dojo_err_set(x->err, -EIO, "the server answered %ld: %s", x->status,
			     msg ? msg : "(no explanation)");
		json_decref(o);
		return -EIO;
	}
	return x->failed;
}

static char *escaped(const char *s)
{
	return curl_easy_escape(NULL, s, 0);
}

int remote_run(const char *server, const char *exercise, const char *filename,
	       const char *src, size_t len, remote_event_cb cb, void *ctx,
	       char verdict[32], struct dojo_err *err)
{
	struct xfer x = { .cb = cb, .ctx = ctx, .err = err };
	char *ex = escaped(exercise), *fn = escaped(filename), path[512];
	int rc;

	if (!ex || !fn) {
		curl_free(ex);
		curl_free(fn);
		return dojo_err_set(err, -ENOMEM, "out of memory");
	}
	snprintf(path, sizeof(path), "/api/run/%s?filename=%s", ex, fn);
	curl_free(ex);
	curl_free(fn);
	rc = request(server, path, "Content-Type: text/x-c", src, len, &x);
	buf_free(&x.line);
	if (!rc && (!x.done || !x.verdict[0]))
		rc = dojo_err_set(err, -EIO, "the server closed the stream before the run ended "
				  "(the node went away?); submit it again");
	snprintf(verdict, 32, "%s", x.verdict);
	return rc;
}

int remote_check(const char *server, const char *filename, const char *src, size_t len,
		 remote_event_cb cb, void *ctx, char verdict[32], struct dojo_err *err)
{
	struct xfer x = { .cb = cb, .ctx = ctx, .err = err };
	char *fn = escaped(filename), path[512];
	json_t *o, *evs, *ev;
	size_t i;
	int rc;

	if (!fn)
		return dojo_err_set(err, -ENOMEM, "out of memory");
	snprintf(path, sizeof(path), "/api/check?filename=%s", fn);
	curl_free(fn);
	rc = request(server, path, "Content-Type: text/x-c", src, len, &x);
	o = rc ? NULL : json_loadb((const char *)x.line.data, x.line.len, 0, NULL);
	buf_free(&x.line);
	if (rc)
		return rc;
	evs = json_object_get(o, "events");
	if (!json_is_array(evs)) {
		json_decref(o);
		return dojo_err_set(err, -EPROTO, "the server's answer to a check has no events");
	}
	json_array_foreach(evs, i, ev)
		cb(ev, ctx);
	snprintf(verdict, 32, "%s", json_string_value(json_object_get(o, "verdict")) ?: "");
	json_decref(o);
	return 0;
}

int remote_play(const char *server, const char *filename, const char *src, size_t len,
		const char *cmd, unsigned seconds, int xlated, remote_event_cb cb, void *ctx,
		char outcome[32], struct dojo_err *err)
{
	struct xfer x = { .cb = cb, .ctx = ctx, .err = err };
	json_t *o = json_pack("{s:s%, s:s, s:s}", "source", src, len, "run", cmd, "filename",
			      filename);
	char *body;
	int rc;

	if (o && seconds)
		json_object_set_new(o, "seconds", json_integer(seconds));
	if (o && xlated)
		json_object_set_new(o, "xlated", json_true());
	body = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	if (!body)   /* also a source that is not UTF-8: JSON cannot carry it */
		return dojo_err_set(err, -EINVAL, "cannot send the program: it is not valid UTF-8 "
				    "text (or out of memory)");
	rc = request(server, "/api/play", "Content-Type: application/json", body, strlen(body), &x);
	free(body);
	buf_free(&x.line);
	if (!rc && (!x.done || !x.verdict[0]))
		rc = dojo_err_set(err, -EIO, "the server closed the stream before the run ended "
				  "(the node went away?); submit it again");
	snprintf(outcome, 32, "%s", x.verdict);
	return rc;
}

json_t *remote_list(const char *server, struct dojo_err *err)
{
	struct xfer x = { .err = err };
	json_t *o = NULL, *list;

	if (!request(server, "/api/exercises", NULL, NULL, 0, &x))
		o = json_loadb((const char *)x.line.data, x.line.len, 0, NULL);
	buf_free(&x.line);
	list = json_incref(json_object_get(o, "exercises"));
	json_decref(o);
	if (!x.err->code && !json_is_array(list))
		dojo_err_set(err, -EPROTO, "the server's catalogue is not a list of exercises");
	if (!json_is_array(list)) {
		json_decref(list);
		return NULL;
	}
	return list;
}
