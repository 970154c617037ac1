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
	int explain;       /* print what the verifier saw (the event's verifier_trace_text) */
	int verbose;       /* print libbpf's messages too */
	const char *source; /* the learner's source, to show lines under diagnostics */
	size_t source_len;
	/* counters for the summary lines */
	unsigned debug_events, programs_attached;
	int line_open;     /* a "phase ... " prefix waits for its result */
};

/* Print event @ev, in its JSON form (pipeline_event_json(), or as a server streamed it), so a
 * local and a remote run look the same.  Text mode prints nothing for "done".  Returns 0. */
int render_event(json_t *ev, void *ctx);

/* The playground's events (render_play.c): 1 when @e was one of them and was printed. */
int render_play_event(struct render *r, json_t *ev, const char *e);

#endif
