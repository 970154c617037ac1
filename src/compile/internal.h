/* internal.h: what the files of the compile part share and nobody else uses: running a child
 * process with bounded pipes and a deadline (proc.c), and building the jail's command line
 * (jail.c).  compile.h is the part's public interface. */
#ifndef DOJO_COMPILE_INTERNAL_H
#define DOJO_COMPILE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
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

/* Start @argv[0] in its own process group with @fds as stdin, stdout and stderr, every other
 * descriptor closed, no core dumps and RLIMIT_AS @mem_max (0: unlimited).  *pid is the child's;
 * the caller reaps it.  0 or a negative errno (and @err). */
int compile_proc_spawn(char *const argv[], char *const envp[], const int fds[3], unsigned long mem_max,
		       pid_t *pid, struct dojo_err *err);

/* Feed p->in to *@in (closed when all is written) and drain @out and @er into p->out and
 * p->err until both reach EOF, p->out_max is passed (p->out_overflow) or the monotonic clock
 * reaches @deadline (p->timed_out).  p->out and p->err must be initialized (buf_init).  0, or a
 * negative errno (and @err) when poll() failed. */
int compile_proc_pump(struct compile_proc *p, int *in, int out, int er, unsigned long long deadline,
		      struct dojo_err *err);

/* Release the buffers of @p. */
void compile_proc_free(struct compile_proc *p);

/* Build the bwrap command line that runs clang with @clang_args (NULL-terminated) in the jail:
 * clang and its libraries, @paths->include_dir at COMPILE_JAIL_INC and, if @pch is not NULL,
 * @pch at COMPILE_JAIL_PCH, all read-only; a private tmpfs /tmp; no network, no /proc, no /dev,
 * an unprivileged uid, no capabilities.  With @preload (the host path of the zygote shim, see
 * zygote.h) the shim is shown at ZYGOTE_PRELOAD and preloaded, @prelude (its main file) at
 * ZYGOTE_PRELUDE, and /tmp is read-only.  *argv is malloc'd (free() only the array: the strings
 * belong to a process-wide cache, @paths, @pch and @clang_args).  0 or a negative errno with
 * @err naming the missing package. */
int compile_jail_argv(const struct dojo_paths *paths, const char *pch, const char *preload,
		      const char *prelude, const char *const clang_args[], char ***argv, struct dojo_err *err);

/* Is clang's @text (NUL-terminated, may be NULL) a complaint about our PCH? */
bool compile_pch_is_stale(const char *text);

/* 0 when the include directory (and with @need_pch the PCH) of @paths is there, else -ENOENT
 * and @err says "run make". */
int compile_check_installed(const struct dojo_paths *paths, bool need_pch, struct dojo_err *err);

/* clang's arguments for a compile (the source on stdin, the object on stdout), and for the
 * resident compiler's zygote (main file ZYGOTE_PRELUDE, see zygote.h). */
extern const char *const compile_clang_args[];
extern const char *const compile_zygote_args[];

/* Write the zygote's prelude (the PCH's headers, then #include ZYGOTE_SOURCE) to @out_path. */
int compile_write_prelude(const char *out_path, struct dojo_err *err);

/* One compile's input, shared by compile_bpf() and the resident compiler (server.c) so that
 * both check, name and feed a source the same way. */
struct compile_input {
	char name[DOJO_MAX_FILENAME];   /* sanitized file name */
	char *text;                     /* "#line 1 NAME" + the source; owned */
	size_t len;
	unsigned timeout_ms;
	const struct dojo_paths *paths;
	struct dojo_paths own_paths;
};

struct compile_opts;
struct compile_result;

/* Zero @res and @err, check the source and fill @in.  0: ready to compile; 1: rejected before
 * clang (res->status and @err say why); a negative errno (and @err) when the install is broken.
 * Release @in with compile_input_free() in every case. */
int compile_input_init(struct compile_input *in, const char *src, size_t len,
		       const struct compile_opts *opts, struct compile_result *res, struct dojo_err *err);
void compile_input_free(struct compile_input *in);

/* Turn clang's run @p (wstatus, out, err, limits) into @res: status, object, diagnostics.  Takes
 * p->out and p->err.  0, or a negative errno with @res freed (-ESTALE: the PCH is stale). */
int compile_result_fill(struct compile_result *res, struct compile_proc *p, const struct compile_input *in,
			struct dojo_err *err);

/* The host path of the clang binary the jail runs (for the benchmark floor); NULL if absent. */
const char *compile_jail_clang(void);

/* Fill d->help when clang's message is one that hints.c knows. */
struct compile_diag;
void compile_diag_hint(struct compile_diag *d);

#endif
