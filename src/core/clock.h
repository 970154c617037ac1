/* clock.h: the one monotonic clock of bpfdojo, and absolute deadlines for timed waits.
 *
 * Every duration and deadline on the host, in the agent and in tests and benches is measured
 * on CLOCK_MONOTONIC through these (in a restored guest it goes on from the snapshot's). */
#ifndef DOJO_CLOCK_H
#define DOJO_CLOCK_H

#include <stdint.h>
#include <time.h>

/* CLOCK_MONOTONIC in milliseconds / microseconds. */
uint64_t dojo_now_ms(void);
uint64_t dojo_now_us(void);

/* The absolute time @ms from now on @clock (CLOCK_MONOTONIC for a condition variable set up
 * with pthread_condattr_setclock, CLOCK_REALTIME for pthread_mutex_timedlock), in @ts. */
void dojo_abstime(clockid_t clock, uint64_t ms, struct timespec *ts);

#endif
