/* test_load_deadline.c: the agent's load deadline (src/guest/load_deadline.c), driven by hand.
 *
 * The handler runs when SIGALRM arrives; here raise() plays the timer, with graces long enough
 * (a minute) that the real timer never fires during a check.  A log written between two
 * signals plays one libbpf retry.  Checked: nothing is kept before a log exists; the first log
 * opens a grace in which a retry that ends by itself keeps its own result; a grace that the
 * guest slept through (its log hardly grew) gets another, up to DOJO_LOAD_LOG_GRACES; the
 * copy is the longest log seen, never a shorter later one; and the real timer does cut. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>
#include "harness.h"
#include "core/limits.h"
#include "guest/load_deadline.h"

#define MINUTE_MS 60000u

static char logbuf[DOJO_MAX_VERIFIER_LOG];

/* one retry: the kernel wrote @n bytes of log, then the signal came */
static void retry_logged(size_t n)
{
	memset(logbuf, 'l', n);
	logbuf[n] = 0;
	raise(SIGALRM);
}

static size_t saved_len(void)
{
	size_t n;

	return guest_deadline_log(&n) ? n : (size_t)-1;
}

static void test_first_log_opens_grace(void)
{
	CHECK(guest_deadline_arm(MINUTE_MS, MINUTE_MS, logbuf) == 0, "arm");
	CHECK(!guest_deadline_cut(-EAGAIN), "before the deadline, nothing was cut");
	retry_logged(0);
	CHECK(guest_deadline_cut(-EAGAIN) && guest_deadline_cut(-EACCES), "the deadline cut a load with no log");
	CHECK_INT(saved_len(), 0, "no log yet, none kept");
	retry_logged(60);
	CHECK_INT(saved_len(), 60, "the first log is kept");
	CHECK(!guest_deadline_cut(-EACCES), "in the grace, a retry the verifier ended says its own result");
	CHECK(guest_deadline_cut(-EAGAIN), "in the grace, a retry cut short is the deadline's");
	retry_logged(200);
	CHECK_INT(saved_len(), 200, "the longer log replaces it");
	CHECK(!guest_deadline_cut(-EACCES), "a grace the guest slept through gets another");
	retry_logged(60 + 8192);
	CHECK_INT(saved_len(), 60 + 8192, "the grace's walk is kept");
	CHECK(guest_deadline_cut(-EACCES), "after a grace that ran, the deadline stands");
	retry_logged(30);
	CHECK_INT(saved_len(), 60 + 8192, "a later, shorter log does not replace the walk");
	guest_deadline_disarm();
	guest_deadline_free();
	CHECK(saved_len() == (size_t)-1, "no copy after free");
}

static void test_graces_are_bounded(void)
{
	unsigned i;

	CHECK(guest_deadline_arm(MINUTE_MS, MINUTE_MS, logbuf) == 0, "arm");
	retry_logged(0);
	retry_logged(50);
	for (i = 1; i < DOJO_LOAD_LOG_GRACES; i++) {
		retry_logged(50 + i);
		CHECK(!guest_deadline_cut(-EACCES), "stalled grace %u: another is granted", i);
	}
	retry_logged(50 + i);
	CHECK(guest_deadline_cut(-EACCES), "after %u graces, no more", DOJO_LOAD_LOG_GRACES);
	CHECK_INT(saved_len(), 50 + i, "the longest of the short logs is kept");
	guest_deadline_disarm();
	guest_deadline_free();
}

static void test_full_buffer_ends_grace(void)
{
	CHECK(guest_deadline_arm(MINUTE_MS, MINUTE_MS, logbuf) == 0, "arm");
	retry_logged(0);
	retry_logged(DOJO_MAX_VERIFIER_LOG - 4096);
	retry_logged(DOJO_MAX_VERIFIER_LOG - 1);
	CHECK(guest_deadline_cut(-EACCES), "a grace that filled the log buffer ran");
	CHECK_INT(saved_len(), DOJO_MAX_VERIFIER_LOG - 1, "the whole buffer is kept");
	guest_deadline_disarm();
	guest_deadline_free();
}

static void test_timer_fires(void)
{
	struct itimerval left;
	int i;

	logbuf[0] = 0;
	CHECK(guest_deadline_arm(1, MINUTE_MS, logbuf) == 0, "arm for 1 ms");
	for (i = 0; i < 1000 && !guest_deadline_cut(-EAGAIN); i++)
		usleep(1000);
	CHECK(guest_deadline_cut(-EAGAIN), "the timer cut the load");
	guest_deadline_disarm();
	CHECK(!getitimer(ITIMER_REAL, &left) && !left.it_value.tv_sec && !left.it_value.tv_usec,
	      "disarmed: no timer left");
	guest_deadline_free();
}

int main(void)
{
	test_first_log_opens_grace();
	test_graces_are_bounded();
	test_full_buffer_ends_grace();
	test_timer_fires();
	return harness_done("load-deadline");
}
