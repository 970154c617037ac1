/* compile.h: turning a learner's eBPF C source into a BPF object, and clang's diagnostics into
 * records.  The public interface of the compile part.
 *
 * compile_bpf() runs clang-19 (-target bpf -O2 -g) in a bubblewrap jail that sees only clang, its
 * shared libraries, the assembled include directory (read-only, at /inc) and the precompiled
 * header of vmlinux.h + libbpf's headers (read-only, at /pch/dojo.pch).  The source goes in through
 * a pipe and the object comes back through a pipe: nothing is written to the host's disk.
 * Diagnostics are parsed into struct compile_diag records whose file names are the learner's
 * file name or a header's name relative to the include directory ("vmlinux.h", "bpf/bpf_helpers.h").
 */
#ifndef DOJO_COMPILE_H
#define DOJO_COMPILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/err.h"
#include "core/paths.h"

enum compile_severity {
	COMPILE_ERROR,      /* "error" and "fatal error" */
	COMPILE_WARNING,
	COMPILE_NOTE,       /* "note" and "remark" */
};

/* One diagnostic.  @line and @col are 1-based; 0 when clang gave none (e.g. "clang: error: ..."
 * or "<inline asm>" errors).  Strings are NUL-terminated, truncated on a UTF-8 boundary. */
struct compile_diag {
	char file[64];      /* learner's file name, "vmlinux.h", "bpf/bpf_helpers.h", "<inline asm>" or "" */
	int line, col;
	enum compile_severity severity;
	char message[512];  /* clang's text, including a trailing " [-Wflag]" when clang names one */
	char help[256];     /* what to do about it in BPF terms, or "" (see hints.c) */
};

/* Knobs of compile_bpf().  A NULL pointer or an all-zero struct means the defaults. */
struct compile_opts {
	/* The learner's file name shown in diagnostics; default "prog.bpf.c".  Sanitized to a
	 * basename of [A-Za-z0-9._-] of at most DOJO_MAX_FILENAME - 1 bytes. */
	const char *filename;
	/* Wall-clock limit for clang; 0 means DOJO_COMPILE_TIMEOUT_MS. */
	unsigned timeout_ms;
	/* Where the include directory and the PCH are; NULL means dojo_paths_init(). */
	const struct dojo_paths *paths;
};

enum compile_status {
	COMPILE_OK,         /* obj holds the ELF object (warnings may be in diags) */
	COMPILE_FAILED,     /* clang refused the program: diags explain */
	COMPILE_REJECTED,   /* refused before clang (empty, too big, not UTF-8, NUL byte, no SEC()): err explains */
	COMPILE_TIMEOUT,    /* clang ran past the time limit and was killed: err explains */
};

struct compile_result {
	enum compile_status status;
	uint8_t *obj;             /* ELF object, COMPILE_OK only; owned by the result */
	size_t obj_len;
	struct compile_diag *diags; /* at most DOJO_MAX_DIAGS, in clang's order; owned by the result */
	size_t ndiags;
	char *raw_stderr;         /* clang's stderr (first DOJO_MAX_DIAG_BYTES), NUL-terminated, or NULL */
	unsigned elapsed_ms;      /* wall time of the clang run, jail included */
};

/* Compile @len bytes of C at @src (need not be NUL-terminated) into a BPF object.
 *
 * @opts may be NULL.  @res is overwritten (any previous contents are not freed) and must be
 * released with compile_result_free() whenever this returns 0.  @err may be NULL.
 *
 * Returns 0 when a status was reached, which includes the learner's failures:
 *   COMPILE_OK, COMPILE_FAILED (see res->diags; err is filled only when clang crashed or the
 *   object was too big), COMPILE_REJECTED and COMPILE_TIMEOUT (err->msg is a sentence for the
 *   learner, err->code -EINVAL, -E2BIG or -ETIMEDOUT).
 * Returns a negative errno only when the server itself is broken, with err->msg naming the fix:
 *   -ENOENT  clang-19, bwrap, the include directory or the PCH is missing
 *            ("apt-get install clang-19", "apt-get install bubblewrap", "run make");
 *   -ESTALE  the PCH no longer matches the headers ("run make");
 *   -ENOMEM, or the errno of a failed pipe/fork/poll.
 * On a negative return @res is left empty (all zero) and need not be freed.
 *
 * Thread-safe; each call runs its own clang and waits for it.  No process survives the call. */
int compile_bpf(const char *src, size_t len, const struct compile_opts *opts,
		struct compile_result *res, struct dojo_err *err);

/* ---- The resident compiler ----
 *
 * For a long-lived process (the HTTP server): one jail started once, in which one clang has
 * already loaded its libraries and parsed its arguments and waits (a fork server, the
 * "zygote"); each compile is a fork of it.  A compile costs about half of a one-shot clang start and gives what
 * compile_bpf() gives: the same statuses, diagnostics and object (byte-identical .BTF and
 * .BTF.ext), but without the DWARF sections (.debug_info, ...), which nothing reads.
 *
 * Isolation is that of compile_bpf(): the jail sees nothing of the host; in addition nothing in
 * it is writable, it has no /proc and no /dev, each compile is a fresh fork of a clang that never
 * read a source, non-dumpable and without core dumps, so one compile never sees another's.
 *
 * Use, e.g. in the server's start-up and shutdown:
 *
 *	struct compile_server *cs = compile_server_new(NULL, &err);   // NULL: defaults
 *	if (!cs) { log err.msg; exit }                                // clang, bwrap, PCH missing...
 *	...  from any thread, at any time, as many at once as you like:
 *	ret = compile_server_bpf(cs, src, len, &opts, &res, &err);    // exactly like compile_bpf()
 *	...
 *	compile_server_free(cs);    // after the last compile_server_bpf() returned
 *
 * Its descriptors are close-on-exec; create it after any fork() that does not exec (e.g. a
 * privilege-separation fork), or the other process keeps the jail's sockets open too.  It runs
 * unprivileged (tested as uid 65534 without capabilities) where unprivileged user namespaces
 * are allowed, as compile_bpf() does.
 */
struct compile_server;

struct compile_server_opts {
	/* Where the include directory and lib/bpfdojo-zygote.so (and its prelude) are; NULL:
	 * dojo_paths_init().  The resident compiler parses the headers once, without the PCH. */
	const struct dojo_paths *paths;
	/* Compiles at once; callers past it wait in compile_server_bpf().  0 means
	 * DOJO_COMPILE_DEFAULT_JOBS; capped at DOJO_COMPILE_MAX_JOBS. */
	unsigned max_jobs;
	/* Address space of each compile's clang in bytes; 0 (or more) means DOJO_COMPILE_MAX_MEMORY.
	 * A compile past it is reported as COMPILE_FAILED ("crashed or ran out of memory"). */
	unsigned long mem_max;
};

/* Start a resident compiler: checks the install (as compile_bpf() would), starts the jail,
 * waits until its clang is ready and has compiled a minimal program (a few hundred ms).  @opts may be NULL.  Returns the server,
 * or NULL with @err (may be NULL) filled: the same -ENOENT/-ESTALE sentences as compile_bpf(),
 * or why the jail's clang did not get ready.  Free it with compile_server_free(). */
struct compile_server *compile_server_new(const struct compile_server_opts *opts, struct dojo_err *err);

/* compile_bpf() through the resident compiler: same arguments, same return values, same result
 * (release @res with compile_result_free()); opts->paths is ignored (the server's are used).
 * Blocks while max_jobs compiles are running.  The time limit kills only that compile's clang.
 * A zygote that was killed or crashed is restarted here, and a compile it took down with it is
 * run again once, so callers never see it; a negative errno only when it cannot be restarted.
 * res->elapsed_ms counts from the moment the compile got its turn.  Thread-safe. */
int compile_server_bpf(struct compile_server *srv, const char *src, size_t len,
		       const struct compile_opts *opts, struct compile_result *res, struct dojo_err *err);

/* What /healthz and /metrics may show. */
struct compile_server_stats {
	bool ready;          /* the zygote is up (a dead one is restarted by the next compile) */
	unsigned running;    /* compiles running now */
	unsigned waiting;    /* compiles waiting for a turn */
	unsigned starts;     /* zygotes started so far: 1 + restarts */
};
void compile_server_stats(struct compile_server *srv, struct compile_server_stats *st);

/* Stop the zygote and its jail; when this returns no process of it is left.  Accepts NULL.  No
 * compile_server_bpf() on @srv may be running or start afterwards. */
void compile_server_free(struct compile_server *srv);

/* Free what @res owns and zero it.  Accepts NULL and an already freed or zeroed result. */
void compile_result_free(struct compile_result *res);

/* Parse clang's diagnostic text (@len bytes at @text, any bytes, need not be NUL-terminated).
 *
 * Recognizes "FILE:LINE:COL: SEVERITY: MESSAGE", "FILE:LINE: SEVERITY: MESSAGE" and
 * "clang: SEVERITY: MESSAGE" lines, where SEVERITY is error, fatal error, warning, note or
 * remark; other lines ("In file included from", "2 errors generated.") are skipped.  File names
 * are mapped back from the jail: @filename (the learner's, may be NULL) is kept, "/inc/X" becomes
 * "X", "<stdin>" becomes @filename.  At most DOJO_MAX_DIAGS records are returned.
 *
 * On success returns 0, *diags is a malloc'd array the caller must free() (NULL when *ndiags is
 * 0).  Returns -ENOMEM (with *diags NULL, *ndiags 0) on allocation failure. */
int compile_parse_diags(const char *text, size_t len, const char *filename,
			struct compile_diag **diags, size_t *ndiags);

/* Build the precompiled header at @out_path from the headers in @paths->include_dir, inside the
 * same jail and with exactly the flags compile_bpf() uses (a PCH records the absolute paths and
 * the flags it was built with; any difference makes clang reject it).  The PCH includes
 * vmlinux.h, bpf/bpf_helpers.h, bpf/bpf_tracing.h, bpf/bpf_core_read.h, bpf/bpf_endian.h and,
 * when the include directory has one, dojo.h.  Written to @out_path.tmp, then renamed.
 *
 * Returns 0, or a negative errno with @err filled (clang's first error when it failed). */
int compile_build_pch(const struct dojo_paths *paths, const char *out_path, struct dojo_err *err);

/* The sanitized form of @name (see compile_opts.filename) in @out (DOJO_MAX_FILENAME bytes). */
void compile_sanitize_filename(const char *name, char out[DOJO_MAX_FILENAME]);

#endif
