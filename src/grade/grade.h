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
};

/* "CORRECT", "WRONG", "NO_SUBMIT", ... */
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

#endif
