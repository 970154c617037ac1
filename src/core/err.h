/* err.h: the error a learner (or operator) reads.
 *
 * Functions return a negative errno; when the cause must reach a person they also fill a
 * struct dojo_err, written by the part that knows the cause.  Only main() prints it. */
#ifndef DOJO_ERR_H
#define DOJO_ERR_H

#include <stddef.h>
#include "limits.h"

struct dojo_err {
	int code;                      /* negative errno, 0 when unset */
	char msg[DOJO_MAX_MESSAGE];    /* one or two sentences: what failed and what to change */
};

/* Fill @err (may be NULL) with @code and a printf-style message; returns @code so callers can
 * write `return dojo_err_set(err, -EINVAL, "...")`. */
int dojo_err_set(struct dojo_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Reset @err to "no error". */
void dojo_err_clear(struct dojo_err *err);

#endif
