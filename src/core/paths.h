/* paths.h: where bpfdojo finds its installed pieces.
 *
 * Everything lives under one root: the directory above the running binary (so build/bin/bpfdojo
 * finds build/include, build/pch, build/bin/bpfdojo-agent), or $BPFDOJO_HOME when set.  No
 * absolute path of any machine is compiled in. */
#ifndef DOJO_PATHS_H
#define DOJO_PATHS_H

#include <limits.h>
#include "err.h"

struct dojo_paths {
	char root[PATH_MAX];        /* e.g. <repo>/build */
	char include_dir[PATH_MAX]; /* root/include: vmlinux.h, dojo.h, bpf/ *.h, asm-generic/ */
	char pch[PATH_MAX];         /* root/pch/dojo.pch */
	char agent[PATH_MAX];       /* root/bin/bpfdojo-agent (static) */
	char kernel_dir[PATH_MAX];  /* root/kernel: vmlinux, initramfs, snapshot (vm backend) */
};

/* Resolve the paths from $BPFDOJO_HOME or /proc/self/exe.  0 or a negative errno. */
int dojo_paths_init(struct dojo_paths *p, struct dojo_err *err);

#endif
