/* exercise.h: what an exercise is, and the registry of all of them.
 *
 * An exercise lives in its own folder exercises/<NN-chapter>/<NN-slug>/ with lesson.md,
 * starter.bpf.c, solution.bpf.c, wrong.bpf.c (a plausible wrong program, for tests), answer.c
 * (the pure answer function and the exercise's description), workload.c (what the guest does
 * so the kernel shows the secret), hints.md (two or three "- " items) and optionally `needs`
 * (what it needs: "module NAME" lines for the guest, "types struct:NAME ..." for kernel types its
 * programs use beyond the common ones, "vm-only REASON" when host mode cannot run it).  The chapter's title is the first line of <NN-chapter>/chapter.md.  Texts, hints,
 * numbers and needs are taken from the folder at build time (exercises/embed.c); the folder
 * and one line in registry.c are all an exercise is.
 *
 * The answer contract: expected = ex->answer(key) is a pure function of the run's 64-bit key.
 * The guest's workload calls it to plant the secret; the grader calls it to judge.  A program
 * that hard-codes one run's answer fails the next run. */
#ifndef DOJO_EXERCISE_H
#define DOJO_EXERCISE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define ANSWER_STR_MAX 64
#define EXERCISE_RODATA_FILE "rodata"   /* in run_dir: what setup() gives the program (below) */

enum answer_kind {
	ANSWER_STR = 1,   /* compared as a string (bytes up to the first NUL) */
	ANSWER_NUM = 2,   /* compared as an integer */
};

struct answer {
	enum answer_kind kind;
	uint64_t num;
	char str[ANSWER_STR_MAX];
};

/* What a workload may use.  The workload runs in the agent's child process, inside the run's
 * namespaces (host mode) or guest (vm mode), as root. */
struct workload_ctx {
	uint64_t key;           /* the run's key */
	const char *run_dir;    /* a private, empty, writable directory (tmpfs), e.g. /run/dojo */
	const char *self_exe;   /* the agent binary; exec it with DOJO_CHILD set to get a child
				 * program that does what workload_spawn() asks (see workload.h) */
	const char *child_exe;  /* NULL, or bpfdojo-child: the same, much cheaper to exec;
				 * workload_spawn() prefers it to self_exe */
};

struct exercise {
	const char *id;          /* slug used on the command line: "process-name" */
	/* From the folder (exercise_def.h fills them, the build derives them): */
	const char *dir;         /* "exercises/01-processes/01-process-name" */
	const char *chapter;     /* chapter title, from <NN-chapter>/chapter.md: "Processes" */
	int chapter_no, no;      /* 1-based ordering, the NN of the two folder names */
	const char *vm_only;     /* NULL, or why host mode cannot run it (from `needs`) */
	const char *const *hints;/* hints.md's items, in order, NULL-terminated: shown one at a
				  * time after wrong answers (Markdown, one paragraph each) */
	int nhints;              /* 2 or 3 */

	const char *title;       /* one line: "Name the secret process" */
	const char *expects;     /* what kind of value the answer is, in words, for WRONG verdicts:
				  * "a process name (a string of up to 15 characters)" */
	enum answer_kind kind;
	void (*answer)(uint64_t key, struct answer *out);
	/* Guest side.  setup() runs before the program is loaded (create files, links);
	 * run() makes the kernel show the secret and returns when the workload is over
	 * (0, or a negative errno when the workload itself broke).  run() runs in another
	 * process (in the micro-VM one started before the job), so setup() hands it nothing
	 * through memory: only through files in ctx->run_dir.  setup() may also tell the
	 * learner's program what to look for (a pid, a port: never the answer) through .rodata:
	 * lines "NAME VALUE" (an integer) in ctx->run_dir/EXERCISE_RODATA_FILE, which the agent
	 * sets in the program's `const volatile` globals before loading it. */
	int (*setup)(const struct workload_ctx *ctx);
	int (*run)(const struct workload_ctx *ctx);
	/* Embedded texts (NUL-terminated), generated from the folder by exercises/embed.c and
	 * filled in by EXERCISE_TEXTS() (exercise_def.h). */
	const char *lesson_md;
	const char *starter;
	const char *solution;
	const char *wrong;
};

/* The registry: exercises in chapter order. */
size_t exercise_count(void);
const struct exercise *exercise_at(size_t i);
/* Find by id; NULL when unknown. */
const struct exercise *exercise_find(const char *id);

/* Convenience for answer functions: a deterministic 64-bit mix of the key (splitmix64), so
 * that answers of different exercises (salt) share nothing. */
uint64_t exercise_mix(uint64_t key, uint64_t salt);

#endif
