/* paths.c: resolving bpfdojo's root and the files below it; see paths.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "paths.h"

static int join(char *out, const char *root, const char *rel)
{
	int n = snprintf(out, PATH_MAX, "%s/%s", root, rel);

	return (n < 0 || n >= PATH_MAX) ? -ENAMETOOLONG : 0;
}

int dojo_paths_init(struct dojo_paths *p, struct dojo_err *err)
{
	const char *home = getenv("BPFDOJO_HOME");
	char exe[PATH_MAX];
	ssize_t n;
	char *slash;

	memset(p, 0, sizeof(*p));
	if (home && *home) {
		if (strlen(home) >= sizeof(p->root))
			return dojo_err_set(err, -ENAMETOOLONG, "BPFDOJO_HOME is too long");
		strcpy(p->root, home);
	} else {
		n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		if (n < 0)
			return dojo_err_set(err, -errno, "cannot read /proc/self/exe: %s; set BPFDOJO_HOME to the build directory", strerror(errno));
		exe[n] = 0;
		/* <root>/bin/<binary> -> <root> */
		for (int i = 0; i < 2; i++) {
			slash = strrchr(exe, '/');
			if (!slash)
				return dojo_err_set(err, -ENOENT, "cannot locate bpfdojo's files from %s; set BPFDOJO_HOME", exe);
			*slash = 0;
		}
		strcpy(p->root, exe[0] ? exe : "/");
	}
	if (join(p->include_dir, p->root, "include") || join(p->pch, p->root, "pch/dojo.pch") ||
	    join(p->agent, p->root, "bin/bpfdojo-agent") || join(p->kernel_dir, p->root, "kernel"))
		return dojo_err_set(err, -ENAMETOOLONG, "bpfdojo's root path is too long: %s", p->root);
	return 0;
}
