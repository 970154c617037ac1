/* cli.h: what the commands of the `bpfdojo` CLI share (main.c), and the play command (play.c). */
#ifndef DOJO_CLI_CLI_H
#define DOJO_CLI_CLI_H

#include <stddef.h>
#include "pipeline/pipeline.h"

#define EXIT_USAGE 3

/* A learner's source, read up to one byte past DOJO_MAX_SOURCE_BYTES (so the compiler can say
 * "too big"); NULL after a message on stderr.  free() it. */
char *cli_read_source(const char *path, size_t *len);
/* The last component of @path. */
const char *cli_base_name(const char *path);
/* The exit status of a verdict. */
int cli_exit_code(enum grade_verdict v);
/* The same from its name ("CORRECT", "OK", ...; unknown: EXIT_USAGE), for a server's runs. */
int cli_verdict_exit_code(const char *name);
/* --server URL (@flag), else $BPFDOJO_SERVER; NULL for a local run. */
const char *cli_server_url(const char *flag);
/* A pipeline_event_cb: the event's JSON form to the renderer (@ctx, a struct render). */
int cli_on_event(const struct pipeline_event *ev, void *ctx);

/* bpfdojo play FILE [--run CMD] [--seconds N] [--json] [--sandbox vm] [--server URL]. */
int cli_play(int argc, char **argv);

#endif
