/* grade.h: judging a run on the host, and showing what the program sent.
 *
 * The grader never trusts the guest: it derives the expected answer from the run's key itself
 * (ex->answer), compares it with the program's one SUBMIT record, and decodes every record's
 * value with the BTF of the learner's own object (libbpf's BTF API, nothing else). */
#ifndef DOJO_GRADE_H
#define DOJO_GRADE_H

#include <stddef.h>
#include <stdint.h>
#include <linux/types.h>
#include "core/buf.h"
#include "core/err.h"
#include "core/limits.h"
#include "include/dojo_record.h"
#include "exercises/exercise.h"

enum grade_verdict {
	GRADE_CORRECT = 0,
	GRADE_WRONG,             /* one SUBMIT, not the answer */
	GRADE_NO_SUBMIT,         /* the program never submitted */
	GRADE_MULTIPLE_SUBMITS,  /* more than one SUBMIT (which one did you mean?) */
	GRADE_TIMEOUT,           /* the run hit its wall-clock limit */
	GRADE_COMPILE_ERROR,
	GRADE_LOAD_ERROR,        /* open, verifier or attach failure */
	GRADE_RUN_ERROR,         /* the sandbox or the agent failed (not the learner's fault) */
	GRADE_OK,                /* compile only (bpfdojo check): it compiles */
};

/* "CORRECT", "WRONG", "NO_SUBMIT", ..., "OK" */
const char *grade_verdict_name(enum grade_verdict v);

/* The object's BTF, for decoding values.  Opaque. */
struct grade_btf;

/* Parse the .BTF of the ELF object @obj (@len bytes, not kept).  NULL on failure with @err
 * filled.  Free with grade_btf_free(). */
struct grade_btf *grade_btf_new(const void *obj, size_t len, struct dojo_err *err);
void grade_btf_free(struct grade_btf *btf);

/* A record's value, decoded.  @rec/@len are a RECORD frame's payload (validated here: short,
 * oversized or inconsistent records give -EPROTO).  @value receives the value as text:
 * a string value as the string (quoted and escaped by the caller if wanted: here raw bytes up
 * to the first NUL, non-printable bytes as \xNN), a number in decimal (negative when the BTF
 * type is signed; enums by name when known), anything else in C-initializer form
 * ({.pid = 12, .comm = "bash"}).  @type_name receives the BTF type's name as C spells it
 * ("char[16]", "u32", "struct event"; a SUBMIT_STR_LEN value "char[<len>]"), "?" when the id
 * is unknown (a string or number is then still shown as such, anything else as hex bytes
 * "0a 1b ...").  Arrays show at most 32 elements, nesting at most 8 levels ("..." marks what
 * was left out, or what the record was too short to hold).  0, -EPROTO, or -E2BIG when
 * @value's cap is reached. */
int grade_format_value(const struct grade_btf *btf, const void *rec, size_t len,
		       struct buf *value, char *type_name, size_t type_cap);

/* @len bytes of type @type_id of the object's BTF, as grade_format_value() shows a record's
 * value (a DATASEC, a .bss or .data map's value, as {.var = value, ...}); hex bytes ("0a 1b")
 * with "?" as its type when the id is 0, unknown, or larger than @len.  0 or -E2BIG. */
int grade_value_format(const struct grade_btf *btf, uint32_t type_id, const void *p, size_t len,
		       struct buf *value, char *type_name, size_t type_cap);

/* The BTF types of map @name's key and value (0 when not known): for a map defined in .maps,
 * its __type(key, ...) and __type(value, ...); for a global section map ("prog.bss"), the
 * section's DATASEC as the value.  For a ring buffer, whose records have no declared type,
 * *value_id is the one struct of the object of @record_size bytes, if exactly one is; for a
 * perf event array (whose declared value is an fd) the same, else the one struct that the
 * kernel pads to @record_size (a sample and its u32 size end on 8 bytes). */
void grade_map_types(const struct grade_btf *btf, const char *name, size_t record_size,
		     uint32_t *key_id, uint32_t *value_id);

/* One record (a RECORD message), decoded for showing: what the program sent, in its terms. */
struct grade_record {
	enum dojo_rec_kind kind;            /* SUBMIT or DEBUG */
	enum dojo_val_kind vkind;           /* NUM, STR or STRUCT */
	char label[DOJO_LABEL_MAX];         /* a DEBUG's label ("" for SUBMIT) */
	char type[64];                      /* the BTF type as C spells it (grade_format_value) */
	char value[DOJO_MAX_VALUE_TEXT];    /* the value as text (grade_format_value), NUL-terminated */
	size_t value_len;                   /* bytes of @value (it may hold a NUL from the program) */
};

/* Decode record @rec/@len with @btf (may be NULL) into @out.  0 (a value whose text passes
 * DOJO_MAX_VALUE_TEXT is cut, ending in "..."), or -EPROTO for a malformed record (a learner
 * can write one by hand). */
int grade_record_decode(const struct grade_btf *btf, const void *rec, size_t len,
			struct grade_record *out);

struct grade_result {
	enum grade_verdict verdict;
	char submitted[DOJO_VALUE_MAX + 64]; /* the submitted value as text, when there was one */
	char submitted_type[64];
	char message[512];                   /* one sentence for the learner */
};

/* Judge: @submits are the SUBMIT records' payloads in arrival order (n of them, each with its
 * length).  Compares with ex->answer(key).  A WRONG verdict's message shows what was submitted
 * and, in words (ex->expects), what kind of value was expected, never the expected value.
 * Strings compare up to the first NUL; numbers as 64-bit integers, sign-extended when the
 * value's BTF type is signed; a string submitted for a number (or the reverse) is WRONG.
 * @btf may be NULL (values are then shown without types).  0, -EINVAL for bad arguments,
 * or -EPROTO when a record is malformed or not a SUBMIT (then res->verdict is
 * GRADE_RUN_ERROR with a message: a learner can write such records by hand). */
int grade_answer(const struct exercise *ex, uint64_t key, const struct grade_btf *btf,
		 const void *const *submits, const size_t *lens, size_t n, struct grade_result *res);

/* Everything a run's verdict depends on, as the driver saw it: plain facts, no policy.  The
 * driver fills what it learnt, step by step (zero means "did not happen"); grade_decide()
 * turns it into the verdict.  Strings are borrowed for the call. */
struct grade_run {
	const struct exercise *ex;     /* the exercise (needed once the agent said DONE) */
	uint64_t key;                  /* the run's key */
	const struct grade_btf *btf;   /* the object's BTF, for showing values; may be NULL */
	int compile_only;              /* bpfdojo check: no run was asked for */
	int cancelled;                 /* the caller stopped the run */
	int host_err;                  /* the host could not do its part (the compiler did not run,
					* the object's BTF unreadable): a negative errno */
	const char *host_msg;          /* ...and why */
	int compile_failed;            /* the program does not compile (or was refused: size, UTF-8) */
	const char *compile_msg;       /* the compiler's sentence */
	unsigned timeout_ms;           /* the run's wall-clock limit, for the message */
	int job_sent;                  /* the job reached the agent */
	int loaded;                    /* the agent said LOADED */
	int sandbox_err;               /* the sandbox failed (start, job, channel): a negative errno */
	const char *sandbox_msg;       /* ...and why */
	int load_failed;               /* the agent said LOAD_FAILED */
	const char *load_prog;         /* the program the verifier rejected ("" or NULL: none named) */
	const char *load_msg;          /* libbpf's last words */
	unsigned attach_failed;        /* ATTACH_FAILED messages */
	const char *diag_title;        /* the first diagnosis's title, for the message; may be NULL */
	int agent_err;                 /* the agent's ERROR (its negative errno) */
	const char *agent_msg;
	int done;                      /* the agent said DONE */
	unsigned malformed_record;     /* 1-based number of a record grade_record_decode() refused */
	const void *const *submits;    /* the SUBMIT records' payloads, in arrival order */
	const size_t *submit_lens;
	size_t nsubmits;
};

/* Decide the verdict of @run, the first row that applies, in this order:
 *     cancelled                      RUN_ERROR   (the caller stopped it)
 *     host_err                       RUN_ERROR   host_msg
 *     compile_failed                 COMPILE_ERROR  compile_msg
 *     compile_only                   OK
 *     sandbox or agent -ETIMEDOUT    TIMEOUT     (names timeout_ms; while loading, that is
 *                                                 job_sent without loaded nor load_failed,
 *                                                 says the verifier was still at work)
 *     sandbox_err                    RUN_ERROR   sandbox_msg
 *     load_failed                    LOAD_ERROR  (names load_prog and diag_title)
 *     attach_failed                  LOAD_ERROR  (how many, diag_title)
 *     agent_err                      RUN_ERROR   agent_msg
 *     malformed_record               RUN_ERROR   (which record)
 *     !done                          RUN_ERROR   (no result)
 *     done                           grade_answer(): CORRECT, WRONG, NO_SUBMIT, MULTIPLE_SUBMITS
 * @res is always filled.  0, or -EINVAL for bad arguments (res is then RUN_ERROR). */
int grade_decide(const struct grade_run *run, struct grade_result *res);

#endif
