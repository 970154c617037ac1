/* remote.h: the CLI as a client of `bpfdojo serve` (remote.c, libcurl). */
#ifndef DOJO_CLI_REMOTE_H
#define DOJO_CLI_REMOTE_H

#include <jansson.h>
#include <stddef.h>
#include "core/err.h"

/* Receives each event's JSON (borrowed), as render_event() does. */
typedef int (*remote_event_cb)(json_t *event, void *ctx);

/* Run @src as @exercise on the server at @server (a base URL, "http://host:port"): each of the
 * pipeline's events goes to @cb as it arrives; @verdict gets the verdict's name.  0, or a
 * negative errno with @err saying why (unreachable, refused with the server's message, the
 * stream cut before its end). */
int remote_run(const char *server, const char *exercise, const char *filename,
	       const char *src, size_t len, remote_event_cb cb, void *ctx,
	       char verdict[32], struct dojo_err *err);

/* A playground run of @src with the shell command @cmd for @seconds (0: the server's
 * default) on the server (POST /api/play), with an `xlated` event per program when @xlated:
 * as remote_run(); @outcome gets the outcome the server added to `done` ("OK",
 * "COMPILE_ERROR", "LOAD_ERROR", "RUN_ERROR"). */
int remote_play(const char *server, const char *filename, const char *src, size_t len,
		const char *cmd, unsigned seconds, int xlated, remote_event_cb cb, void *ctx,
		char outcome[32], struct dojo_err *err);

/* Compile @src on the server; the compile's events go to @cb.  As remote_run(). */
int remote_check(const char *server, const char *filename, const char *src, size_t len,
		 remote_event_cb cb, void *ctx, char verdict[32], struct dojo_err *err);

/* The server's catalogue: a new reference to the array of {id, chapter, chapter_no, title,
 * ...}, or NULL with @err (not NULL) filled. */
json_t *remote_list(const char *server, struct dojo_err *err);

#endif
