/* play.h: the playground's messages (PLAY_* frames) turned into pipeline events, inside the
 * pipeline only: records decoded by their map's BTF (dojo_events' as DEBUG/SUBMIT), printk
 * lines split into task and message, a map's entries gathered into one MAP event. */
#ifndef DOJO_PIPELINE_PLAY_H
#define DOJO_PIPELINE_PLAY_H

#include "pipeline.h"

typedef int (*play_emit_fn)(void *run, const struct pipeline_event *ev);

struct play_host;

/* NULL when out of memory.  @btf is the object's (borrowed, may be NULL: hex only). */
struct play_host *play_host_new(const struct grade_btf *btf);
void play_host_free(struct play_host *p);
/* The object's BTF, once it is read (borrowed). */
void play_host_set_btf(struct play_host *p, const struct grade_btf *btf);

/* One PLAY_* message: its events through @emit.  0, or the first non-zero @emit returned, or
 * -ENOMEM. */
int play_host_message(struct play_host *p, const struct sandbox_msg *m, play_emit_fn emit,
		      void *run);
/* A PLAY_OUTPUT message of stream PLAY_PRINTK (a trace_pipe line), as its PRINTK event: the
 * playground's, and an exercise run's in the micro-VM.  0 or what @emit returned. */
int play_printk_line(const struct proto_play_output *o, play_emit_fn emit, void *run);
/* The map being gathered, if any, as its MAP event (before the next non-entry message and at
 * the end).  0 or what @emit returned. */
int play_host_flush(struct play_host *p, play_emit_fn emit, void *run);

#endif
