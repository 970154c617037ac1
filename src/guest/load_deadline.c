/* load_deadline.c: the load deadline, a timer around bpf_object__load(); see load_deadline.h.
 *
 * The verifier checks for a pending signal at every instruction and then
 * gives up with EAGAIN; libbpf retries EAGAIN a few times, so once the deadline passed the timer
 * keeps firing (every LOAD_TICK_US) to cut each retry short.  The attempt the deadline cuts
 * usually has no log (libbpf asks for one only after a first failure), and the retry with a log
 * is cut within a tick, before it logged more than the program's first instruction.  So: the
 * first time the handler (run when bpf() returns) finds a log, it keeps a copy and lets the
 * next retry run a grace before cutting it; the log of that one (the kernel writes it as it
 * goes, and at level 1 it holds the path being walked) is the copy the grader gets: the loop
 * the verifier was going round, the last steps of its walk.  If that retry ends by itself
 * within the grace (the verifier gave up, or accepted), its own result stands.
 *
 * A guest whose vCPU the host did not run through the grace (TCG on a loaded machine) wakes
 * with a log hardly longer than the first one: the handler keeps the longest log it saw and
 * grants another grace while the log has not grown by LOAD_LOG_GROWTH (or filled the buffer), up
 * to DOJO_LOAD_LOG_GRACES (libbpf retries EAGAIN five times).  Without any log, the grader finds the loops in the source. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include "core/limits.h"
#include "load_deadline.h"

#define LOAD_TICK_US 2000
/* a grace that ran logs thousands of steps; one the guest slept through adds a few lines */
#define LOAD_LOG_GROWTH 4096

static volatile sig_atomic_t load_expired;
static volatile sig_atomic_t load_graces;     /* graces granted so far */
static volatile sig_atomic_t load_grace_over; /* no more: the log grew, or all were used */
static unsigned load_grace_ms;
static const char *load_log;      /* the programs' shared log buffer */
static char *load_saved;          /* the longest log seen since the deadline */
static volatile sig_atomic_t load_saved_len;
static volatile sig_atomic_t load_first_len; /* the first log's length: a grace must beat it */

static size_t log_len(void)
{
	size_t n = 0;

	while (n < DOJO_MAX_VERIFIER_LOG - 1 && load_log[n])
		n++;
	return n;
}

static void grant_grace(void)
{
	struct itimerval grace = {
		.it_value = { .tv_sec = load_grace_ms / 1000,
			      .tv_usec = (load_grace_ms % 1000) * 1000 },
		.it_interval = { .tv_usec = LOAD_TICK_US },
	};

	load_graces++;
	(void)setitimer(ITIMER_REAL, &grace, NULL);
}

static void on_load_deadline(int sig)
{
	int saved = errno;
	size_t n;

	(void)sig;
	load_expired = 1;
	if (!load_saved || !load_log[0] || load_grace_over)
		return;
	n = log_len();
	if ((sig_atomic_t)n > load_saved_len) {
		memcpy(load_saved, load_log, n);
		load_saved[n] = 0;
		load_saved_len = (sig_atomic_t)n;
	}
	if (!load_graces)
		load_first_len = (sig_atomic_t)n;
	if (load_graces && ((sig_atomic_t)n >= load_first_len + LOAD_LOG_GROWTH ||
			    n == DOJO_MAX_VERIFIER_LOG - 1))
		load_grace_over = 1;            /* a grace's walk is in the copy */
	else if (load_graces < (sig_atomic_t)DOJO_LOAD_LOG_GRACES)
		grant_grace();
	else
		load_grace_over = 1;
	errno = saved;
}

static struct sigaction old_action;
static int armed;

int guest_deadline_arm(unsigned ms, unsigned grace_ms, const char *log)
{
	struct sigaction sa = { .sa_handler = on_load_deadline };
	struct itimerval it = {
		.it_value = { .tv_sec = ms / 1000, .tv_usec = (ms % 1000) * 1000 },
		.it_interval = { .tv_usec = LOAD_TICK_US },
	};

	armed = 0;
	load_expired = 0;
	load_graces = 0;
	load_grace_over = 0;
	load_grace_ms = grace_ms;
	load_saved_len = 0;
	load_first_len = 0;
	load_log = log;
	load_saved = malloc(DOJO_MAX_VERIFIER_LOG);
	if (!load_saved)
		return -ENOMEM;
	load_saved[0] = 0;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, &old_action))
		return -errno;
	armed = 1;
	return setitimer(ITIMER_REAL, &it, NULL) ? -errno : 0;
}

void guest_deadline_disarm(void)
{
	struct itimerval off = { 0 };

	if (!armed)
		return;
	(void)setitimer(ITIMER_REAL, &off, NULL);
	(void)sigaction(SIGALRM, &old_action, NULL);
	armed = 0;
}

int guest_deadline_cut(int err)
{
	/* within a grace, a retry that ended by itself (not cut) says its own result */
	int in_grace = load_graces && !load_grace_over;

	return load_expired && (!in_grace || err == -EAGAIN);
}

const char *guest_deadline_log(size_t *len)
{
	*len = load_saved ? (size_t)load_saved_len : 0;
	return load_saved;
}

void guest_deadline_free(void)
{
	free(load_saved);
	load_saved = NULL;
}
