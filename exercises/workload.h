/* workload.h: helpers for exercises' workloads (guest side).
 *
 * A workload makes the kernel show a secret by running small child programs.  The child
 * program is bpfdojo-child (ctx->child_exe: freestanding, cheap to exec) or else the agent
 * binary itself (ctx->self_exe), exec'd through a symlink (so its comm is the link's name)
 * with the environment variable DOJO_CHILD telling it what to do; the agent's main() calls
 * workload_child_main() first thing when DOJO_CHILD is set, and bpfdojo-child does the same
 * thing (src/guest/child/child.c). */
#ifndef DOJO_WORKLOAD_H
#define DOJO_WORKLOAD_H

#include <sys/types.h>
#include "exercise.h"

/* What a child does, as the value of DOJO_CHILD: "exit:<code>" exits with <code>;
 * "sleep:<ms>" sleeps then exits 0.  Returns the exit status for main() to return (the agent
 * exits with it).  Unknown specs exit 127. */
int workload_child_main(const char *spec);

/* Start a child program named @name (a symlink to the child program is created in
 * ctx->run_dir/bin/),
 * with @argv (argv[0] should be @name; NULL-terminated) and DOJO_CHILD=@spec.  Its pid goes
 * to *pid.  0 or a negative errno. */
int workload_spawn(const struct workload_ctx *ctx, const char *name, char *const argv[],
		   const char *spec, pid_t *pid);

/* Wait for @pid; its exit status (0-255, 128+signal when killed), or a negative errno. */
int workload_wait(pid_t pid);

/* workload_spawn() then workload_wait(): 0 when the child exited with @want, -ECHILD when
 * with anything else (the exec failed: 127), or another negative errno. */
int workload_run(const struct workload_ctx *ctx, const char *name, char *const argv[],
		 const char *spec, int want);

/* Fork a process named @name (its comm, set with PR_SET_NAME: no exec) that runs
 * @fn(ctx, @arg) and exits with its return value; wait for it.  0 when @fn returned 0, -ECHILD
 * when it returned anything else, or another negative errno.  For workloads whose secret is in
 * what a process does (its system calls) rather than in how it was started. */
int workload_fork(const struct workload_ctx *ctx, const char *name,
		  int (*fn)(const struct workload_ctx *ctx, void *arg), void *arg);

/* A body for workload_fork(): write one byte to /dev/null *(unsigned *)@arg times, each its own
 * write(2).  0 or a negative errno. */
int workload_write_null(const struct workload_ctx *ctx, void *arg);

/* The exercise's own program @name ("bin NAME" in its `needs`) as a path into @out: the first
 * executable @name in PATH, where libbpf looks too for a probe's binary named without a '/'
 * (the agent puts the guest's /bin, or in host mode its own directory, there first).  0,
 * -ENOENT when no directory of PATH has it, or -EINVAL for a name with a '/'. */
int workload_find_bin(const char *name, char *out, size_t cap);

#endif
