/* pipeline.h: one run, start to verdict: compile, sandbox, grade.
 *
 * The CLI and the server both drive runs through this one function, and both see the same
 * stream of events: each phase becomes a JSON object (jansson) handed to the caller as it
 * happens, so `bpfdojo run --json` prints exactly what the server will stream as SSE.
 *
 *   {"event":"compiling", "exercise", "file"}
 *   {"event":"compiled", "ms", "object_bytes", "diagnostics":[...]}   (warnings, if any)
 *   {"event":"compile_error", "ms", "message", "diagnostics":[{file,line,col,severity,message}]}
 *   {"event":"starting", "sandbox"}
 *   {"event":"log", "level", "text"}
 *   {"event":"loaded", "programs", "maps", "ms"}
 *   {"event":"attached", "program", "section"}
 *   {"event":"attach_failed", "program", "section", "error", "message", "diagnosis",
 *                             "diagnosis_text"}
 *   {"event":"verifier", "program", "error", "message", "log", "diagnosis", "diagnosis_text"}
 *        diagnosis: {title, class, known, primary:{file,line,col,end_col,label},
 *                    secondary:[...], help, notes:[...], raw_log} (grade/verifier.h)
 *   {"event":"debug", "label", "value", "type", "kind"}     (one per DEBUG record)
 *   {"event":"submit", "value", "type", "kind"}             (one per SUBMIT record)
 *   {"event":"workload_done", "ms", "status", "records"}
 *   {"event":"verdict", "verdict", "message", "submitted", "submitted_type",
 *                       "compile_ms", "run_ms", "total_ms", "records", "dropped"}
 *
 * The verdict event is always the last one, whatever failed. */
#ifndef DOJO_PIPELINE_H
#define DOJO_PIPELINE_H

#include <jansson.h>
#include <stdint.h>
#include "core/err.h"
#include "grade/grade.h"
#include "sandbox/sandbox.h"

struct pipeline_req {
	const char *exercise;     /* exercise id (must exist) */
	const char *source;       /* the learner's C source */
	size_t source_len;
	const char *filename;     /* shown in diagnostics; NULL = "<exercise>.bpf.c" */
	uint64_t key;             /* 0 = draw a fresh random key (always, outside tests) */
	struct sandbox_opts sandbox;
	int compile_only;         /* stop after compiling (bpfdojo check) */
	int diag_color;           /* ANSI colours in "diagnosis_text" (a terminal client) */
};

/* Receives each event; the object is borrowed (valid during the call only).  Return 0 to go
 * on, a negative errno to abort the run (the verdict is then RUN_ERROR). */
typedef int (*pipeline_event_cb)(json_t *event, void *ctx);

struct pipeline_result {
	enum grade_verdict verdict;
	unsigned compile_ms, run_ms;
	unsigned verdict_ms;      /* start to the verdict event (what the learner waits for) */
	unsigned total_ms;        /* start to return (includes the sandbox's teardown) */
};

/* Run @req, streaming events to @cb.  0 when a verdict was reached (even COMPILE_ERROR or
 * WRONG: see res->verdict); a negative errno with @err filled for a request that cannot run
 * (unknown exercise, bad arguments). */
int pipeline_run(const struct pipeline_req *req, pipeline_event_cb cb, void *ctx,
		 struct pipeline_result *res, struct dojo_err *err);

/* Process exit code for a verdict: 0 CORRECT; 1 WRONG, NO_SUBMIT, MULTIPLE_SUBMITS, TIMEOUT;
 * 2 COMPILE_ERROR, LOAD_ERROR; 3 RUN_ERROR. */
int pipeline_exit_code(enum grade_verdict v);

#endif
