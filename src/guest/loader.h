/* loader.h: the learner's object through libbpf: open and check it, load it with a verifier
 * log, attach every program, read the ring buffer and the dojo_dropped counter.  Every
 * learner-facing failure is reported on the channel by the loader itself (LOAD_FAILED,
 * ATTACH_FAILED, LOG); the return value only says whether to go on. */
#ifndef DOJO_GUEST_LOADER_H
#define DOJO_GUEST_LOADER_H

#include <stdint.h>
#include "guest.h"

struct guest_loader;

/* Route libbpf's messages to @c (warnings become LOG frames, a bounded tail is kept for
 * LOAD_FAILED).  Call once before guest_loader_open(). */
void guest_loader_set_channel(struct guest_chan *c);

/* Open @obj (not copied: it must outlive the loader) and check it against bpfdojo's limits.
 * 0 with *out set; a negative errno after a LOAD_FAILED frame was sent (the channel's
 * error if that send failed). */
int guest_loader_open(const void *obj, size_t len, int log_level2, struct guest_loader **out);

/* Load into the kernel, within @timeout_ms (the verifier may explore a program's paths for
 * long; under TCG many times longer than on the host).  0 after LOADED was sent; a negative
 * errno after LOAD_FAILED (-ETIMEDOUT, with the log the verifier had written, when the
 * deadline passed). */
int guest_loader_load(struct guest_loader *l, unsigned timeout_ms);

/* Attach every program (a socket filter to a packet socket on the network exercises'
 * interface, kept open until the loader is freed: src/guest/hooks.c): one ATTACHED or
 * ATTACH_FAILED frame each.  The number of failures
 * (0 = all attached), or a negative errno when the channel broke. */
int guest_loader_attach(struct guest_loader *l);

/* Read every attached iterator (SEC("iter/...")) once, to its end, so its program runs over
 * what the kernel holds now (before the workload: what the exercise's setup made).  Output
 * goes to one LOG line per iterator.  0 (a failing iterator is told in a LOG line and is the
 * learner's business: the run goes on), or the channel's error. */
int guest_loader_read_iters(struct guest_loader *l);
/* A playground job: an object without dojo_events loads too.  Call before loading. */
void guest_loader_set_play(int on);
/* The libbpf object (the playground reads every map and program). */
struct bpf_object *guest_loader_object(const struct guest_loader *l);

/* The ring buffer `dojo_events`'s map fd. */
int guest_loader_events_fd(const struct guest_loader *l);

/* The program's dojo_dropped counter (records that found the ring buffer full); 0 when it
 * cannot be read. */
uint64_t guest_loader_kernel_dropped(const struct guest_loader *l);

/* Close the object: programs, links and maps go.  Accepts NULL. */
void guest_loader_free(struct guest_loader *l);

#endif
