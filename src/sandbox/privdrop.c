/* privdrop.c: a root process becomes an unprivileged user for good, after it started the
 * sandbox broker (broker.c): no uid or gid 0, no supplementary group, every capability set
 * empty (bounding and ambient too, so nothing it executes regains one), no_new_privs. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>
#include "broker.h"
#include "sandbox.h"

/* The highest capability number this kernel knows. */
static int last_cap(void)
{
	FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
	int n = 63;

	if (f) {
		if (fscanf(f, "%d", &n) != 1 || n < 0 || n > 63)
			n = 63;
		fclose(f);
	}
	return n;
}

int sandbox_threads(void)
{
	FILE *f = fopen("/proc/self/status", "re");
	char line[128];
	int n = -1;

	while (f && n < 0 && fgets(line, sizeof(line), f))
		if (sscanf(line, "Threads: %d", &n) != 1)
			n = -1;
	if (f)
		fclose(f);
	return n;
}

static int caps_empty(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d) < 0)
		return 0;
	for (int i = 0; i < 2; i++)
		if (d[i].effective || d[i].permitted || d[i].inheritable)
			return 0;
	return 1;
}

int sandbox_drop_privileges(const char *user, struct dojo_err *err)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct none[2] = { { 0 } };
	struct passwd pw, *res = NULL;
	char pwbuf[1024];
	uid_t ru, eu, su;
	int n = last_cap();

	if (!user || getpwnam_r(user, &pw, pwbuf, sizeof(pwbuf), &res) || !res)
		return dojo_err_set(err, -EINVAL, "there is no user '%s' to run as: create it, or name another", user ? user : "");
	if (pw.pw_uid == 0 || pw.pw_gid == 0)
		return dojo_err_set(err, -EINVAL, "user '%s' is root: name an unprivileged user", user);
	if (geteuid() != 0)
		return dojo_err_set(err, -EPERM, "dropping privileges to '%s' needs root to begin with", user);
	/* capabilities and no_new_privs are per thread: another thread would keep them */
	if (sandbox_threads() != 1)
		return dojo_err_set(err, -EBUSY, "drop privileges before starting any thread (%d running)", sandbox_threads());
	if (setgroups(0, NULL) < 0 || setresgid(pw.pw_gid, pw.pw_gid, pw.pw_gid) < 0)
		return dojo_err_set(err, -errno, "cannot become group %u: %s", (unsigned)pw.pw_gid, strerror(errno));
	/* the bounding set first: dropping from it needs CAP_SETPCAP, gone after setresuid */
	for (int c = 0; c <= n; c++)
		if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0 && errno != EINVAL)
			return dojo_err_set(err, -errno, "cannot drop capability %d from the bounding set: %s", c, strerror(errno));
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
		return dojo_err_set(err, -errno, "cannot clear the ambient capabilities: %s", strerror(errno));
	if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0 ||
	    setresuid(pw.pw_uid, pw.pw_uid, pw.pw_uid) < 0)
		return dojo_err_set(err, -errno, "cannot become user %s: %s", user, strerror(errno));
	if (syscall(SYS_capset, &h, none) < 0)
		return dojo_err_set(err, -errno, "cannot clear the capability sets: %s", strerror(errno));
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return dojo_err_set(err, -errno, "cannot set no_new_privs: %s", strerror(errno));
	/* check: all three uids are the user's, no capability is left, root cannot come back */
	if (getresuid(&ru, &eu, &su) < 0 || ru != pw.pw_uid || eu != pw.pw_uid || su != pw.pw_uid ||
	    !caps_empty() || setuid(0) == 0 || prctl(PR_CAPBSET_READ, 0, 0, 0, 0) > 0)
		return dojo_err_set(err, -EPERM, "the privileges of user %s were not all dropped", user);
	return 0;
}
