/* pipeline.h: one run, start to verdict, as explicit steps: start the guest while compiling,
 * wait for the object, send it, stream the agent's messages, grade.
 *
 * The CLI and the server drive every run through pipeline_run() and see the same stream of
 * events.  Each event is a typed struct (struct pipeline_event, one member per kind); its one
 * JSON form comes from pipeline_event_json(), so `bpfdojo run --json`, the server's SSE
 * stream and docs/api.md (the schema of every event and field) cannot drift apart.
 *
 * The order of events in a run:
 *
 *     compiling, (compile_error | compiled),
 *     [starting, log*, (verifier | loaded, xlated*, (attached | attach_failed)*,
 *      (debug | submit | printk)*, workload_done)],
 *     verdict, done
 *
 * xlated (one per loaded program) only when req->sandbox.xlated asked for it.
 *
 * verdict is always there and done always last, whatever failed, unless the caller stopped
 * the run (then nothing follows the event it refused).  The verdict is decided by grade
 * (grade_decide()), never here and never by the guest.
 *
 * The playground (req->play_cmd): no verdict; the order is
 *
 *     compiling, (compile_error | compiled), [starting, log*, (verifier | loaded, xlated*,
 *     (attached | attach_failed)*, (record | debug | submit | printk | output)*,
 *     workload_done, dropped*, map*, ring*, stats*)], done */
#ifndef DOJO_PIPELINE_H
#define DOJO_PIPELINE_H

#include <jansson.h>
#include <stdint.h>
#include "compile/compile.h"
#include "core/err.h"
#include "grade/grade.h"
#include "grade/verifier.h"
#include "grade/xlated.h"
#include "sandbox/sandbox.h"

struct pipeline_req {
	const char *exercise;     /* exercise id (must exist; may be NULL with compile_only) */
	const char *source;       /* the learner's C source */
	size_t source_len;
	const char *filename;     /* shown in diagnostics; NULL = "<exercise>.bpf.c" */
	uint64_t key;             /* 0 = draw a fresh random key (always, outside tests) */
	struct sandbox_opts sandbox;
	int compile_only;         /* stop after compiling (bpfdojo check) */
	struct compile_server *compiler; /* a resident compiler (the server's); NULL: compile_bpf() */
	int diag_color;           /* ANSI colours in "diagnosis_text" (a terminal client) */
	/* A playground run (bpfdojo play, POST /api/play): no exercise, any program, this shell
	 * command run in the guest for play_seconds (0 = DOJO_PLAY_DEFAULT_SECONDS); micro-VM
	 * only.  Its events: see "The playground" below. */
	const char *play_cmd;
	unsigned play_seconds;
};

enum pipeline_event_kind {
	PIPELINE_EV_COMPILING = 0,
	PIPELINE_EV_COMPILED,
	PIPELINE_EV_COMPILE_ERROR,
	PIPELINE_EV_STARTING,
	PIPELINE_EV_LOG,
	PIPELINE_EV_LOADED,
	PIPELINE_EV_ATTACHED,
	PIPELINE_EV_ATTACH_FAILED,
	PIPELINE_EV_VERIFIER,
	PIPELINE_EV_DEBUG,
	PIPELINE_EV_SUBMIT,
	PIPELINE_EV_WORKLOAD_DONE,
	PIPELINE_EV_VERDICT,
	PIPELINE_EV_DONE,
	PIPELINE_EV_OUTPUT,         /* playground: the workload's stdout or stderr */
	PIPELINE_EV_PRINTK,         /* one bpf_printk line (playground; exercise runs in the VM) */
	PIPELINE_EV_RECORD,         /* playground: one ring-buffer or perf-event-array record */
	PIPELINE_EV_MAP,            /* playground: one map's contents after the workload */
	PIPELINE_EV_STATS,          /* playground: one program's run count and time */
	PIPELINE_EV_DROPPED,        /* playground: what a cap left out */
	PIPELINE_EV_RING,           /* playground: a ring buffer's or perf event array's statistics */
	PIPELINE_EV_XLATED,         /* on demand: one loaded program's instructions by source line */
	PIPELINE_EV_KINDS           /* how many kinds there are */
};

/* One entry of a MAP event, as text (BTF-decoded like bpftool map dump, or hex bytes). */
struct pipeline_map_item {
	const char *key, *value;        /* per-CPU maps: value is the sum's, or CPU 0's */
	const char *const *cpu_values;  /* per-CPU maps: one per CPU; else NULL */
	unsigned ncpus;
	int has_sum;                    /* per-CPU integer values: their sum */
	unsigned long long sum;
};

/* One event.  Pointers are borrowed: valid during the callback only.  docs/api.md says what
 * each field means; the JSON names are the member names unless noted. */
struct pipeline_event {
	enum pipeline_event_kind kind;
	union {
		struct {                        /* COMPILING */
			const char *exercise;   /* "" for a compile-only run */
			const char *file;
		} compiling;
		struct {                        /* COMPILED, COMPILE_ERROR */
			unsigned ms;
			size_t object_bytes;    /* COMPILED only */
			const char *message;    /* COMPILE_ERROR only */
			const struct compile_diag *diags;   /* JSON "diagnostics" */
			size_t ndiags;
		} compiled;
		struct {                        /* STARTING */
			const char *sandbox;    /* "vm", "host", "default" */
		} starting;
		struct {                        /* LOG */
			int level;
			const char *text;
		} log;
		struct {                        /* LOADED */
			unsigned programs, maps, ms;
		} loaded;
		struct {                        /* ATTACHED, ATTACH_FAILED, VERIFIER */
			const char *program;
			const char *section;    /* not in VERIFIER */
			int error;              /* negative errno; not in ATTACHED */
			const char *message;    /* not in ATTACHED */
			const char *log;        /* VERIFIER: the verifier's log */
			size_t log_len;
			const struct grade_diag *diagnosis;  /* may be NULL */
			const char *diagnosis_text;          /* the diagnosis for a terminal; may be NULL */
			const char *trace_text;   /* VERIFIER: the diagnosis's trace for a terminal
						   * (grade_trace_render_text); may be NULL */
		} prog;
		const struct grade_record *record;   /* DEBUG, SUBMIT */
		struct {                        /* WORKLOAD_DONE */
			unsigned ms;
			int status;
		} workload_done;
		struct {                        /* VERDICT */
			enum grade_verdict verdict;
			const char *message;
			const char *submitted;       /* NULL: nothing was submitted */
			const char *submitted_type;
			unsigned compile_ms, run_ms, total_ms;
			unsigned records, dropped, lost;
		} verdict;
		struct {                        /* OUTPUT, PRINTK */
			const char *stream;     /* OUTPUT: "stdout", "stderr" */
			const char *text;       /* OUTPUT: a chunk; PRINTK: the line, no newline */
			size_t len;
			const char *comm;       /* PRINTK: the task that printed ("" unknown) */
			int pid;                /* PRINTK: its pid (0 unknown) */
			const char *message;    /* PRINTK: what the program printed */
		} output;
		struct {                        /* RECORD */
			const char *map;
			size_t size;
			const char *type;       /* "?" when not known: value is hex then */
			const char *value;
		} precord;
		struct {                        /* MAP */
			const char *name, *type, *key_type, *value_type;
			unsigned entries, cpus;        /* entries in the map, CPUs (per-CPU maps) */
			const struct pipeline_map_item *items;
			size_t nitems;                 /* shown; entries - nitems were left out */
		} map;
		struct {                        /* STATS */
			const char *program;
			unsigned long long run_cnt, run_time_ns;
		} stats;
		struct {                        /* DROPPED */
			const char *what;       /* "stdout", "stderr", "printk", "records", "lost" */
			unsigned count;
			unsigned long long bytes;
		} dropped;
		struct {                        /* RING */
			const char *map, *type;  /* "ringbuf", "perf_event_array" */
			unsigned long long size;
			unsigned records, dropped;
			unsigned long long lost;
			int has_pos;             /* ring buffers: the next three are known */
			unsigned long long pending, consumer_pos, producer_pos;
		} ring;
		struct {                        /* XLATED */
			const struct grade_xlated *x;
			const char *text;       /* grade_xlated_render_text(); may be NULL */
		} xlated;
		struct {                        /* DONE: per-phase wall-clock times */
			unsigned compile_ms;    /* the compile */
			unsigned start_ms;      /* the guest made ready (restore), overlapping the compile */
			unsigned load_ms;       /* the agent's load of the object */
			unsigned run_ms;        /* the job sent to the agent's last message */
			unsigned grade_ms;      /* deciding the verdict */
			unsigned total_ms;      /* pipeline_run() called to this event */
		} done;
	} u;
};

/* Receives each event as it happens, on the thread that called pipeline_run().  Return 0 to
 * go on; anything else stops the run at once: no further event, the guest is destroyed and
 * its slot freed, pipeline_run() returns -ECANCELED.  A server returns non-zero when its
 * client went away.  To stop a run from another thread, even while the guest is silent, raise
 * req->sandbox.cancel (core/cancel.h): the same happens at once. */
typedef int (*pipeline_event_cb)(const struct pipeline_event *ev, void *ctx);

/* The event's name as in its JSON "event" field ("compiling", ..., "done"); "?" if unknown. */
const char *pipeline_event_name(enum pipeline_event_kind kind);

/* The one JSON form of @ev: {"event": "<name>", ...fields} (docs/api.md).  Strings from the
 * learner or the guest are made valid UTF-8 (U+FFFD).  A new reference (the caller
 * json_decref()s it), or NULL when out of memory. */
json_t *pipeline_event_json(const struct pipeline_event *ev);

/* A diagnosis as JSON, the "diagnosis" field of verifier and attach_failed events:
 * {title, class, known, primary: {file, line, col, end_col, label}, secondary: [...], help,
 * notes: [...], raw_log}.  A new reference, or NULL when out of memory. */
json_t *pipeline_diag_json(const struct grade_diag *d);

struct pipeline_result {
	enum grade_verdict verdict;
	unsigned compile_ms, run_ms;
	unsigned verdict_ms;      /* start to the verdict event (what the learner waits for) */
	unsigned total_ms;        /* start to return (includes the sandbox's teardown) */
};

/* Run @req, streaming events to @cb (may be NULL).  Returns 0 when a verdict was reached (even
 * COMPILE_ERROR or WRONG: see res->verdict); -ECANCELED when @cb or req->sandbox.cancel
 * stopped the run (res->verdict
 * is then RUN_ERROR); a negative errno with @err filled for a request that cannot run
 * (unknown exercise, bad arguments), before any event.  Safe to call from several threads. */
int pipeline_run(const struct pipeline_req *req, pipeline_event_cb cb, void *ctx,
		 struct pipeline_result *res, struct dojo_err *err);

#endif
