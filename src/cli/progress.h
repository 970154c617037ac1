/* progress.h: the CLI's memory of a learner's progress (progress.c): which exercises are
 * solved and how many of each one's hints were shown, kept in a small file under
 * $XDG_STATE_HOME/bpfdojo/ (~/.local/state/bpfdojo/ by default).  The file is never required:
 * when it is missing, unreadable or unwritable, progress starts empty and is not kept. */
#ifndef DOJO_CLI_PROGRESS_H
#define DOJO_CLI_PROGRESS_H

#include <stddef.h>

struct progress;

/* Read the progress file (or start empty).  NULL only when out of memory.  Free with
 * progress_free(). */
struct progress *progress_load(void);
void progress_free(struct progress *p);

/* Whether @id was solved; how many of its hints were shown. */
int progress_solved(const struct progress *p, const char *id);
int progress_hints_shown(const struct progress *p, const char *id);

/* Record a solve, or that @n hints of @id have been shown; 0 or a negative errno (out of
 * memory, or too many entries). */
int progress_set_solved(struct progress *p, const char *id);
int progress_set_hints_shown(struct progress *p, const char *id, int n);

/* Write the file back (creating its directory); 0 or a negative errno, which callers may
 * ignore: progress is a convenience. */
int progress_save(const struct progress *p);

#endif
