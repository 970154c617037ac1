/* playreq.c: the body of POST /api/play, {source, run, seconds, filename, xlated}, checked
 * field by field into a runner_job before anything is queued, each refusal a sentence that says what
 * to change.  The route itself (admission, the stream) lives in http.c and stream.c. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "core/limits.h"
#include "internal.h"

static int bad(char *msg, size_t cap, const char *fmt, const char *arg)
{
	snprintf(msg, cap, fmt, arg);
	return -EINVAL;
}

/* A string member: 0 (absent: *out untouched), or -EINVAL when not a string, longer than
 * @max bytes or holding a NUL byte. */
static int string_member(json_t *o, const char *key, size_t max, const char **out, size_t *len,
			 char *msg, size_t cap)
{
	json_t *v = json_object_get(o, key);
	size_t n;

	if (!v)
		return 0;
	if (!json_is_string(v))
		return bad(msg, cap, "\"%s\" must be a string", key);
	n = json_string_length(v);
	if (n > max) {
		snprintf(msg, cap, "\"%s\" is longer than %zu bytes; make it shorter", key, max);
		return -E2BIG;
	}
	if (strlen(json_string_value(v)) != n)
		return bad(msg, cap, "\"%s\" holds a NUL character", key);
	*out = json_string_value(v);
	if (len)
		*len = n;
	return 0;
}

int playreq_parse(const void *body, size_t len, json_t **root, struct runner_job *job, char *msg,
		  size_t cap)
{
	static const char *const known[] = { "source", "run", "seconds", "filename", "xlated" };
	json_error_t jerr;
	const char *key;
	json_t *v, *o;
	int rc;

	*root = NULL;
	memset(job, 0, sizeof(*job));
	o = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!o) {
		snprintf(msg, cap, "the body is not JSON (%s, at byte %d); send {\"source\": \"...\", "
			 "\"run\": \"SHELL COMMAND\", \"seconds\": N}", jerr.text, jerr.position);
		return -EINVAL;
	}
	*root = o;
	if (!json_is_object(o))
		return bad(msg, cap, "the body must be a JSON object {\"source\": ..., \"run\": ..., "
			   "\"seconds\": ...}%s", "");
	json_object_foreach(o, key, v) {
		size_t i = 0;

		while (i < sizeof(known) / sizeof(known[0]) && strcmp(key, known[i]))
			i++;
		if (i == sizeof(known) / sizeof(known[0]))
			return bad(msg, cap, "unknown field \"%.64s\"; the body takes source, run, "
				   "seconds, filename and xlated", key);
	}
	job->play_cmd = "true";
	if ((rc = string_member(o, "source", DOJO_MAX_SOURCE_BYTES, &job->src, &job->len, msg, cap)) ||
	    (rc = string_member(o, "run", DOJO_PLAY_MAX_CMD, &job->play_cmd, NULL, msg, cap)) ||
	    (rc = string_member(o, "filename", DOJO_MAX_FILENAME - 1, &job->filename, NULL, msg, cap)))
		return rc;
	if (!job->src || !job->len)
		return bad(msg, cap, "\"source\" is missing: the program's C source, as a string%s", "");
	if (!*job->play_cmd)
		job->play_cmd = "true";
	v = json_object_get(o, "seconds");
	if (v) {
		json_int_t n = json_is_integer(v) ? json_integer_value(v) : -1;

		if (n < 1 || n > DOJO_PLAY_MAX_SECONDS) {
			snprintf(msg, cap, "\"seconds\" takes a whole number from 1 to %u",
				 DOJO_PLAY_MAX_SECONDS);
			return -ERANGE;
		}
		job->play_seconds = (unsigned)n;
	}
	v = json_object_get(o, "xlated");
	if (v && !json_is_boolean(v))
		return bad(msg, cap, "\"xlated\" must be true or false%s", "");
	job->xlated = json_is_true(v);
	return 0;
}
