/* perf_submit.h: an exercise run's perf event arrays read as submissions (perf_submit.c):
 * each sample a program sends with bpf_perf_event_output() becomes one SUBMIT record. */
#ifndef DOJO_GUEST_PERF_SUBMIT_H
#define DOJO_GUEST_PERF_SUBMIT_H

#include <stddef.h>
#include <stdint.h>
#include <bpf/libbpf.h>
#include "exercises/exercise.h"

/* Takes one record (a struct dojo_rec, @size bytes) as the ring buffer's callback does: 0,
 * -EAGAIN (taken, and the caller's batch is full) or a negative errno that stops the reading. */
typedef int (*guest_perf_record_fn)(void *ctx, void *rec, size_t size);

struct guest_perf;

/* Open a reader on every BPF_MAP_TYPE_PERF_EVENT_ARRAY of the loaded @obj, before its programs
 * are attached; samples will become SUBMIT records typed by @kind, given to @fn(@ctx).  *out
 * is NULL when the object has none.  0 or a negative errno (nothing left open). */
int guest_perf_open(struct bpf_object *obj, enum answer_kind kind, guest_perf_record_fn fn,
		    void *ctx, struct guest_perf **out);

/* Read every sample the buffers hold now.  0, or @fn's first error (or libbpf's).  NULL: 0. */
int guest_perf_drain(struct guest_perf *p);

/* Samples the kernel lost (their CPU's buffer was full).  NULL: 0. */
uint64_t guest_perf_lost(const struct guest_perf *p);

/* Close the readers.  Accepts NULL. */
void guest_perf_free(struct guest_perf *p);

#endif
