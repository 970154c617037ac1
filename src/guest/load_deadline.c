/* load_deadline.c: the load deadline, a timer around bpf_object__load(); see load_deadline.h.
 *
 * The verifier checks for a pending signal at every instruction and then
 * gives up with EAGAIN; libbpf retries EAGAIN a few times, so once the deadline passed the timer
 * keeps firing (every LOAD_TICK_US) to cut each retry short.  The attempt the deadline cuts
 * usually has no log (libbpf asks for one only after a first failure), and the retry with a log
 * is cut within a tick, before it logged more than the program's first instruction.  So: the
 * first time the handler (run when bpf() returns) finds a log, it keeps a copy and lets the
 * next retry run DOJO_LOAD_LOG_GRACE_MS before cutting it; the log of that one (the kernel
 * writes it as it goes, and at level 1 it holds the path being walked) is the copy the grader
 * gets: the loop the verifier was going round, the last steps of its walk.  If that retry
 * ends by itself within the grace (the verifier gave up, or accepted), its own result stands.
 * Without any log, the grader finds the loops in the source. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/time.h>
#include "core/limits.h"
#include "load_deadline.h"

#define LOAD_TICK_US 2000

enum { GRACE_NONE, GRACE_RUNNING, GRACE_DONE };

static volatile sig_atomic_t load_expired, load_grace;
static const char *load_log;      /* the programs' shared log buffer */
static char *load_saved;          /* its copy at the deadline, DOJO_MAX_VERIFIER_LOG bytes */
static volatile sig_atomic_t load_saved_len;

static void save_log(void)
{
	size_t n = 0;

	while (n < DOJO_MAX_VERIFIER_LOG - 1 && load_log[n]) {
		load_saved[n] = load_log[n];
		n++;
	}
	load_saved[n] = 0;
	load_saved_len = (sig_atomic_t)n;
}

static void on_load_deadline(int sig)
{
	struct itimerval grace = {
		.it_value = { .tv_sec = DOJO_LOAD_LOG_GRACE_MS / 1000,
			      .tv_usec = (DOJO_LOAD_LOG_GRACE_MS % 1000) * 1000 },
		.it_interval = { .tv_usec = LOAD_TICK_US },
	};
	int saved = errno;

	(void)sig;
	load_expired = 1;
	if (!load_saved || !load_log[0] || load_grace == GRACE_DONE)
		return;
	save_log();
	if (load_grace == GRACE_NONE) {
		load_grace = GRACE_RUNNING;
		(void)setitimer(ITIMER_REAL, &grace, NULL);
	} else {
		load_grace = GRACE_DONE;
	}
	errno = saved;
}

static struct sigaction old_action;
static int armed;

int guest_deadline_arm(unsigned ms, const char *log)
{
	struct sigaction sa = { .sa_handler = on_load_deadline };
	struct itimerval it = {
		.it_value = { .tv_sec = ms / 1000, .tv_usec = (ms % 1000) * 1000 },
		.it_interval = { .tv_usec = LOAD_TICK_US },
	};

	armed = 0;
	load_expired = 0;
	load_grace = GRACE_NONE;
	load_saved_len = 0;
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
	/* within the grace, a retry that ended by itself (not cut) says its own result */
	return load_expired && (load_grace != GRACE_RUNNING || err == -EAGAIN);
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

