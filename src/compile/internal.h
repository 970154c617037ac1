/* internal.h: what the files of the compile part share and nobody else uses: running a child
 * process with bounded pipes and a deadline (proc.c), and building the jail's command line
 * (jail.c).  compile.h is the part's public interface. */
#ifndef DOJO_COMPILE_INTERNAL_H
#define DOJO_COMPILE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include "core/buf.h"
#include "core/err.h"
#include "core/paths.h"

/* Where clang sees things inside the jail.  The PCH records these paths, so the PCH build and
 * every compile must use the same ones. */
#define COMPILE_JAIL_INC  "/inc"
#define COMPILE_JAIL_PCH  "/pch/dojo.pch"

/* One run of a child process.  Fill the inputs, call compile_proc_run(), read the outputs. */
struct compile_proc {
	/* inputs */
	const void *in;           /* written to the child's stdin, then stdin is closed */
	size_t in_len;
	size_t out_max;           /* stdout cap: passing it kills the child (out_overflow) */
	size_t err_max;           /* stderr cap: the rest is read and dropped */
	unsigned timeout_ms;      /* wall-clock limit: passing it kills the child (timed_out) */
	unsigned long mem_max;    /* RLIMIT_AS of the child in bytes, 0 = unlimited */
	/* outputs, owned by the struct: release with compile_proc_free() */
	struct buf out;
	struct buf err;
	int wstatus;              /* from waitpid() */
	bool timed_out, out_overflow;
	unsigned elapsed_ms;
};

/* Run @argv[0] (absolute path) with environment @envp in its own process group, feeding and
 * draining its pipes until it exits or a limit is hit; on a limit the whole group is killed.
 * The child is always reaped before this returns.  0, or a negative errno (and @err) when the
 * process could not be run at all. */
int compile_proc_run(char *const argv[], char *const envp[], struct compile_proc *p,
		     struct dojo_err *err);

/* Release the buffers of @p. */
void compile_proc_free(struct compile_proc *p);

/* Build the bwrap command line that runs clang with @clang_args (NULL-terminated) in the jail:
 * clang and its libraries, @paths->include_dir at COMPILE_JAIL_INC and, if @pch is not NULL,
 * @pch at COMPILE_JAIL_PCH, all read-only; a private tmpfs /tmp; no network, no /proc, no /dev,
 * an unprivileged uid, no capabilities.  *argv is malloc'd (free() only the array: the strings
 * belong to a process-wide cache, @paths, @pch and @clang_args).  0 or a negative errno with
 * @err naming the missing package. */
int compile_jail_argv(const struct dojo_paths *paths, const char *pch,
		      const char *const clang_args[], char ***argv, struct dojo_err *err);

/* The host path of the clang binary the jail runs (for the benchmark floor); NULL if absent. */
const char *compile_jail_clang(void);

/* Fill d->help when clang's message is one that hints.c knows. */
struct compile_diag;
void compile_diag_hint(struct compile_diag *d);

#endif
