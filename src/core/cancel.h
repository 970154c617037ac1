/* cancel.h: a stop signal that one thread raises and another notices while it waits in poll().
 *
 * A run blocks in poll() on its guest's channel; a server thread that finds the run's client
 * gone must be able to stop it at once, not at the guest's next message.  A dojo_cancel is an
 * eventfd that, once raised, stays readable: the waiter adds dojo_cancel_fd() to its poll set. */
#ifndef DOJO_CANCEL_H
#define DOJO_CANCEL_H

#include "err.h"

struct dojo_cancel;

/* A new, unraised stop signal, or NULL with @err filled (the errno of eventfd()).  Free it with
 * dojo_cancel_free() once no thread uses it. */
struct dojo_cancel *dojo_cancel_new(struct dojo_err *err);

/* Raise it: every poll() on its fd wakes, now and later.  Thread-safe, idempotent, and safe in
 * a signal handler.  NULL: no-op. */
void dojo_cancel_raise(struct dojo_cancel *c);

/* 1 once raised, else 0 (also for NULL). */
int dojo_cancel_raised(const struct dojo_cancel *c);

/* The fd to poll for POLLIN (readable once raised), or -1 for NULL.  Owned by @c. */
int dojo_cancel_fd(const struct dojo_cancel *c);

/* Close and free.  NULL: no-op. */
void dojo_cancel_free(struct dojo_cancel *c);

#endif
