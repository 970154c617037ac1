/* fault.c: faults on demand, for the vm backend's tests only.  Built into the test agent
 * (-DDOJO_TEST_FAULTS, tests/vm.mk), never into build/bin/bpfdojo-agent: a JOB whose exercise
 * id starts with "fault-" or "test-" makes that agent misbehave in one precise way, so the
 * tests can check that the host ends each run with a clear error and that the next run works. */
#ifdef DOJO_TEST_FAULTS
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>
#include "core/frame.h"
#include <linux/types.h>
#include "include/dojo_record.h"
#include "guest.h"

static void write_raw(struct guest_chan *c, const void *p, size_t len)
{
	if (write(c->fd, p, len) < 0)
		c->dead = -errno;
}

/* What the environment looks like after a restore: random bytes and the wall clock. */
static int report_env(struct guest_chan *c)
{
	struct proto_done done = { 0 };
	uint8_t r[16];
	char text[96];
	struct timespec ts;
	int n = 0;

	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r))
		return guest_send_error(c, -EIO, "getrandom failed");
	clock_gettime(CLOCK_REALTIME, &ts);
	n += snprintf(text, sizeof(text), "env rand=");
	for (size_t i = 0; i < sizeof(r); i++)
		n += snprintf(text + n, sizeof(text) - (size_t)n, "%02x", r[i]);
	snprintf(text + n, sizeof(text) - (size_t)n, " realtime=%lld", (long long)ts.tv_sec);
	c->logs = 0;
	(void)guest_send_log(c, 2, text);
	return guest_chan_send(c, FRAME_DONE, proto_put_done(guest_chan_buf(c), &done));
}

int guest_test_fault(struct guest_chan *c, const char *what)
{
	if (!strcmp(what, "test-env"))
		return report_env(c);
	if (!strcmp(what, "fault-panic")) {
		int fd = open("/proc/sysrq-trigger", O_WRONLY | O_CLOEXEC);

		if (fd >= 0 && write(fd, "c", 1) < 0)
			close(fd);
		return guest_send_error(c, -EIO, "the panic did not happen");
	}
	if (!strcmp(what, "fault-crash")) {
		volatile int *null = NULL;

		*null = 1;   /* PID 1 dies of SIGSEGV: "Attempted to kill init!" */
	}
	if (!strcmp(what, "fault-hang")) {
		for (;;)
			pause();
	}
	if (!strcmp(what, "fault-garbage")) {
		static const uint8_t f[] = { 3, 0, 0, 0, 200, 'b', 'a', 'd' };

		write_raw(c, f, sizeof(f));
		return 0;
	}
	if (!strcmp(what, "fault-oversize")) {
		static const uint8_t f[] = { 0xff, 0xff, 0xff, 0x7f, FRAME_RECORD };

		write_raw(c, f, sizeof(f));
		return 0;
	}
	if (!strcmp(what, "fault-flood")) {
		static struct dojo_rec rec;

		for (unsigned i = 0; i < 100000 && !c->dead; i++)
			(void)guest_chan_send_raw(c, FRAME_RECORD, &rec, sizeof(rec));
		return 0;
	}
	if (!strcmp(what, "fault-exit"))
		return -EIO;   /* no last frame: the agent exits, the guest powers off */
	return guest_send_error(c, -ENOENT, "unknown test fault '%s'", what);
}
#endif
