/* render.h: turning pipeline events into terminal text (or JSON lines).
 *
 * The CLI prints each event as it arrives.  Text mode aligns a phase word on the left and
 * colours it only when stdout is a terminal (and NO_COLOR is unset). */
#ifndef DOJO_CLI_RENDER_H
#define DOJO_CLI_RENDER_H

#include <jansson.h>
#include <stdio.h>

struct render {
	FILE *out;
	int json;          /* print JSON lines instead of text */
	int color;         /* ANSI colours */
	int raw_log;       /* print the whole verifier log */
	int verbose;       /* print libbpf's messages too */
	const char *source; /* the learner's source, to show lines under diagnostics */
	size_t source_len;
	/* counters for the summary lines */
	unsigned debug_events, programs_attached;
	int line_open;     /* a "phase ... " prefix waits for its result */
};

/* A pipeline_event_cb: prints @ev.  Always returns 0. */
int render_event(json_t *ev, void *ctx);

#endif
