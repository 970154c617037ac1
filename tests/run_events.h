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

/* A pipeline_event_cb keeping each event in the JSON array @ctx. */
static inline int collect(json_t *ev, void *ctx)
{
	json_array_append(ctx, ev);
	return 0;
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

/* The verdict of the last event, which must be the verdict event. */
static inline const char *last_verdict(const struct run *r)
{
	json_t *last = json_array_get(r->events, json_array_size(r->events) - 1);

	if (!last || strcmp(json_string_value(json_object_get(last, "event")), "verdict"))
		return "(no verdict event last)";
	return json_string_value(json_object_get(last, "verdict"));
}

static inline void run_free(struct run *r)
{
	json_decref(r->events);
}

#endif
