/* run_events.h: a pipeline run's events, collected for tests (test_pipeline, test_vm).
 *
 * pipeline_run(&req, collect, r.events, &r.res, &err) keeps every event in r.events; the
 * helpers look events up.  Static functions: each test file includes this once. */
#ifndef DOJO_TEST_RUN_EVENTS_H
#define DOJO_TEST_RUN_EVENTS_H

#include <jansson.h>
#include <string.h>
#include "pipeline/pipeline.h"

struct run {
	json_t *events;
	struct pipeline_result res;
	int rc;
};

/* A pipeline_event_cb keeping each event's JSON form in the JSON array @ctx. */
static inline int collect(const struct pipeline_event *ev, void *ctx)
{
	json_array_append_new(ctx, pipeline_event_json(ev));
	return 0;
}

/* A consumer that goes away (a server's client that disconnects): it keeps each event like
 * collect() and refuses the one named @stop_at. */
struct stopper {
	json_t *events;
	const char *stop_at;
};

static inline int collect_until(const struct pipeline_event *ev, void *ctx)
{
	struct stopper *s = ctx;

	json_array_append_new(s->events, pipeline_event_json(ev));
	return !strcmp(pipeline_event_name(ev->kind), s->stop_at);
}

/* The first event named @name, or NULL. */
static inline json_t *find_event(const struct run *r, const char *name)
{
	size_t i;
	json_t *ev;

	json_array_foreach(r->events, i, ev)
		if (!strcmp(json_string_value(json_object_get(ev, "event")), name))
			return ev;
	return NULL;
}

/* The verdict of the run: its last event must be "done", right after the "verdict" event. */
static inline const char *last_verdict(const struct run *r)
{
	size_t n = json_array_size(r->events);
	json_t *last = n ? json_array_get(r->events, n - 1) : NULL;
	json_t *verdict = n > 1 ? json_array_get(r->events, n - 2) : NULL;

	if (!last || strcmp(json_string_value(json_object_get(last, "event")), "done"))
		return "(no done event last)";
	if (!verdict || strcmp(json_string_value(json_object_get(verdict, "event")), "verdict"))
		return "(no verdict event before done)";
	return json_string_value(json_object_get(verdict, "verdict"));
}

/* The verdict event, or NULL. */
static inline json_t *verdict_event(const struct run *r)
{
	size_t n = json_array_size(r->events);

	return n > 1 ? json_array_get(r->events, n - 2) : NULL;
}

static inline void run_free(struct run *r)
{
	json_decref(r->events);
}

#endif
