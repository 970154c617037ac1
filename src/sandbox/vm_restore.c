/* vm_restore.c: one guest restored from the snapshot, in two steps.
 *
 *   vm_incoming_start()    start qemu with -incoming defer and the snapshot's RAM (its sealed
 *                          memfd, mapped private), greet the monitor, set x-ignore-shared,
 *                          pass the snapshot's state file.  Nothing of the guest runs yet:
 *                          this is qemu's own start-up (~25 ms under TCG, mostly the dynamic
 *                          linker and the device model), the same for every run.
 *   vm_incoming_restore()  migrate-incoming: qemu loads the device state and the guest runs
 *                          on from where the snapshot left it, its agent blocked reading a JOB.
 *
 * A run does both; a spare (vm_spare.c) does the first ahead of the run that will use it. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "vm_int.h"

void vm_incoming_init(struct vm_incoming *in)
{
	memset(in, 0, sizeof(*in));
	vm_guest_init(&in->g);
}

int vm_incoming_start(struct vm_incoming *in, const struct vm_env *e, struct vm_snap *s,
		      uint64_t deadline, struct dojo_err *err)
{
	struct vm_launch l = { .env = e, .accel = s->accel, .ram_fd = s->ram_fd, .incoming = 1 };
	char state[PATH_MAX];
	int rc, sfd;

	vm_incoming_init(in);
	if (snprintf(state, sizeof(state), "%s/state", s->dir) >= (int)sizeof(state))
		return dojo_err_set(err, -ENAMETOOLONG, "the snapshot path is too long");
	/* its own open file: concurrent restores must not share a file offset */
	sfd = open(state, O_RDONLY | O_CLOEXEC);
	if (sfd < 0)
		return dojo_err_set(err, -errno, "the snapshot %s is gone (%s): the next run rebuilds it", state, strerror(errno));
	vm_snap_ref(s);
	in->snap = s;
	rc = vm_guest_start(&in->g, &l, err);
	if (!rc) {
		rc = vm_qmp_open(&in->q, in->g.qmp, deadline, err);
		in->qmp_open = 1;
	}
	if (!rc)
		rc = vm_qmp_cmd(&in->q, "migrate-set-capabilities",
				json_pack("{s:[{s:s, s:b}]}", "capabilities", "capability", "x-ignore-shared", "state", 1),
				-1, NULL, err);
	if (!rc)
		rc = vm_qmp_cmd(&in->q, "getfd", json_pack("{s:s}", "fdname", "mig"), sfd, NULL, err);
	close(sfd);
	return rc;
}

int vm_incoming_restore(struct vm_incoming *in, uint64_t deadline, struct dojo_err *err)
{
	in->q.deadline_ms = deadline;
	return vm_qmp_cmd(&in->q, "migrate-incoming", json_pack("{s:s}", "uri", "fd:mig"), -1, NULL, err);
}

void vm_incoming_free(struct vm_incoming *in)
{
	if (in->qmp_open)
		vm_qmp_close(&in->q);
	in->qmp_open = 0;
	vm_guest_kill(&in->g);
	vm_snap_put(in->snap);
	in->snap = NULL;
}
