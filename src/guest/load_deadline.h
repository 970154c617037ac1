/* load_deadline.h: the deadline of one bpf_object__load() in the agent, and the verifier's log
 * as it stood when the deadline cut the load (load_deadline.c says how the grace works).
 * One load at a time: the state is the agent's, as SIGALRM's handler is. */
#ifndef GUEST_LOAD_DEADLINE_H
#define GUEST_LOAD_DEADLINE_H

#include <stddef.h>

/* Start the timer: @ms from now, then every tick; a retry with a log runs @grace_ms before it
 * is cut; @log is the programs' shared log buffer.  0, -ENOMEM (no copy of the log could be
 * kept: nothing is armed) or another -errno (the load runs without a deadline). */
int guest_deadline_arm(unsigned ms, unsigned grace_ms, const char *log);
void guest_deadline_disarm(void);
/* Whether the deadline, not the verifier, ended a load that failed with @err. */
int guest_deadline_cut(int err);
/* The longest log the deadline found (NULL before arm or after free). */
const char *guest_deadline_log(size_t *len);
void guest_deadline_free(void);

#endif
