/* agent.c: main() of bpfdojo-agent, the static binary that runs one job inside a sandbox.
 * Host mode: PID 1 of fresh namespaces, `--mode host --channel-fd 3`.  VM mode: PID 1 of the
 * micro-VM, `--mode vm --channel /dev/vport0p1`.  With DOJO_CHILD set it is a workload's child
 * program instead (see exercises/workload.h); with DOJO_WORKLOAD_FD set, the micro-VM's
 * pre-forked workload process (run.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "exercises/workload.h"
#include "guest.h"

static int usage(void)
{
	fprintf(stderr, "usage: bpfdojo-agent --mode host --channel-fd N\n"
			"       bpfdojo-agent --mode vm --channel PATH\n"
			"(started by bpfdojo's sandbox, not by hand)\n");
	return 2;
}

/* Make sure fds 0-2 are open, so no file the agent opens is mistaken for stdio. */
static void fill_stdio(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0)
			continue;
		int n = open("/dev/null", O_RDWR);

		if (n >= 0 && n != fd) {
			dup2(n, fd);
			close(n);
		}
	}
}

int main(int argc, char **argv)
{
	const char *child = getenv("DOJO_CHILD");
	const char *path = NULL, *mode_s = NULL;
	enum guest_mode mode;
	struct guest_chan c;
	struct dojo_err err = { 0 };
	int fd = -1, rc;

	if (child)
		return workload_child_main(child);
	if (getenv(GUEST_WORKLOAD_ENV) && getpid() != 1)
		guest_workload_main(atoi(getenv(GUEST_WORKLOAD_ENV)));
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--channel-fd") && i + 1 < argc) {
			char *end;
			long v = strtol(argv[++i], &end, 10);

			if (*end || v < 0 || v > 1024)
				return usage();
			fd = (int)v;
		} else if (!strcmp(argv[i], "--channel") && i + 1 < argc) {
			path = argv[++i];
		} else if (!strcmp(argv[i], "--mode") && i + 1 < argc) {
			mode_s = argv[++i];
		} else {
			return usage();
		}
	}
	if (!mode_s || (strcmp(mode_s, "host") && strcmp(mode_s, "vm")))
		return usage();
	mode = strcmp(mode_s, "host") ? GUEST_VM : GUEST_HOST;
	if ((mode == GUEST_HOST) != (fd >= 0) || (mode == GUEST_VM) != (path != NULL))
		return usage();

	fill_stdio();
	if (mode == GUEST_HOST) {
		/* the channel exists already: report a broken environment on it */
		rc = guest_chan_open(&c, fd, NULL, &err);
		if (rc) {
			fprintf(stderr, "bpfdojo-agent: %s\n", err.msg);
			return 1;
		}
		rc = guest_env_setup(mode, &err);
		if (rc) {
			(void)guest_send_error(&c, rc, "the agent could not prepare its namespaces: %s", err.msg);
			guest_env_exit(mode, 1);
		}
	} else {
		/* the channel is a device: nothing to open before /dev is mounted */
		rc = guest_env_setup(mode, &err);
		if (!rc)
			rc = guest_vm_prepare(path, &err);
		if (!rc)
			rc = guest_chan_open(&c, -1, path, &err);
		c.spin = !rc;   /* wait for the JOB spinning (guest_chan_read_job()) */
		if (rc) {
			fprintf(stderr, "bpfdojo-agent: %s\n", err.msg);
			guest_env_exit(mode, 1);
		}
	}
	rc = guest_run(&c, mode);
	guest_chan_close(&c);
	guest_env_exit(mode, rc ? 1 : 0);
}
