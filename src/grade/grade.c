/* grade.c: the verdict on one run's SUBMIT records.
 *
 * The expected answer comes from ex->answer(key) on the host, never from the guest.  Strings
 * compare up to the first NUL, numbers as integers (by the BTF type's signedness and size).
 * Messages show the learner what they submitted, never what was expected. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "value.h"

#define GRADE_SHOWN_SUBMITS 3   /* values listed in a MULTIPLE_SUBMITS message */

static const char *const verdict_names[] = {
	[GRADE_CORRECT]          = "CORRECT",
	[GRADE_WRONG]            = "WRONG",
	[GRADE_NO_SUBMIT]        = "NO_SUBMIT",
	[GRADE_MULTIPLE_SUBMITS] = "MULTIPLE_SUBMITS",
	[GRADE_TIMEOUT]          = "TIMEOUT",
	[GRADE_COMPILE_ERROR]    = "COMPILE_ERROR",
	[GRADE_LOAD_ERROR]       = "LOAD_ERROR",
	[GRADE_RUN_ERROR]        = "RUN_ERROR",
	[GRADE_OK]               = "OK",
};

const char *grade_verdict_name(enum grade_verdict v)
{
	if ((unsigned)v >= sizeof(verdict_names) / sizeof(verdict_names[0]) || !verdict_names[v])
		return "UNKNOWN";
	return verdict_names[v];
}

/* The record as text, quoted when it is a string: "abc" or 42 or {.a = 1}. */
static int shown(const struct grade_btf *btf, const void *rec, size_t len, char *out,
		 size_t cap, char *type, size_t type_cap)
{
	struct dojo_rec_hdr hdr;
	const uint8_t *val;
	struct buf b;
	int ret;

	buf_init(&b, DOJO_VALUE_MAX * 8);
	ret = grade_rec_parse(rec, len, &hdr, &val);
	if (!ret)
		ret = grade_format_value(btf, rec, len, &b, type, type_cap);
	if (!ret) {
		const char *q = hdr.vkind == DOJO_VAL_STR ? "\"" : "";

		snprintf(out, cap, "%s%s%s", q, b.data ? (char *)b.data : "", q);
	}
	buf_free(&b);
	return ret;
}

int grade_record_decode(const struct grade_btf *btf, const void *rec, size_t len,
			struct grade_record *out)
{
	struct dojo_rec_hdr hdr;
	const uint8_t *val;
	struct buf b;
	int ret;

	memset(out, 0, sizeof(*out));
	ret = grade_rec_parse(rec, len, &hdr, &val);
	if (ret)
		return ret;
	out->kind = (enum dojo_rec_kind)hdr.kind;
	out->vkind = (enum dojo_val_kind)hdr.vkind;
	memcpy(out->label, hdr.label, sizeof(out->label));
	out->label[sizeof(out->label) - 1] = '\0';
	buf_init(&b, sizeof(out->value) - 1);
	ret = grade_format_value(btf, rec, len, &b, out->type, sizeof(out->type));
	if (ret == 0 || ret == -E2BIG) {
		out->value_len = b.len < sizeof(out->value) ? b.len : sizeof(out->value) - 1;
		if (out->value_len)
			memcpy(out->value, b.data, out->value_len);
		if (ret == -E2BIG && out->value_len >= 3)
			memcpy(out->value + out->value_len - 3, "...", 3);   /* what was cut */
		out->value[out->value_len] = '\0';
		ret = 0;
	}
	buf_free(&b);
	return ret;
}

static int malformed(struct grade_result *res, size_t i)
{
	res->verdict = GRADE_RUN_ERROR;
	snprintf(res->message, sizeof(res->message),
		 "record %zu from your program is malformed: write records only with the "
		 "SUBMIT_* and DEBUG_* macros of dojo.h", i + 1);
	return -EPROTO;
}

static void judge_one(const struct exercise *ex, uint64_t key, const struct grade_btf *btf,
		      const struct dojo_rec_hdr *hdr, const uint8_t *val, struct grade_result *res)
{
	struct answer want;
	const char *what = hdr->vkind == DOJO_VAL_STR ? "a string" :
			   hdr->vkind == DOJO_VAL_NUM ? "a number" : "a struct";
	bool right = false;
	int64_t num;

	memset(&want, 0, sizeof(want));
	ex->answer(key, &want);
	if (want.kind == ANSWER_STR && hdr->vkind != DOJO_VAL_STR) {
		res->verdict = GRADE_WRONG;
		snprintf(res->message, sizeof(res->message),
			 "you submitted %s (%s), but the answer is %s: submit it with SUBMIT_STR()",
			 what, res->submitted, ex->expects);
		return;
	}
	if (want.kind == ANSWER_NUM && hdr->vkind != DOJO_VAL_NUM) {
		res->verdict = GRADE_WRONG;
		snprintf(res->message, sizeof(res->message),
			 "you submitted %s (%s), but the answer is %s: submit it with SUBMIT_NUM()",
			 what, res->submitted, ex->expects);
		return;
	}
	if (want.kind == ANSWER_STR) {
		size_t n = strnlen((const char *)val, hdr->value_len);

		want.str[sizeof(want.str) - 1] = '\0';
		right = n == strlen(want.str) && memcmp(val, want.str, n) == 0;
	} else if (grade_rec_int(btf, hdr, val, &num) == 0) {
		right = num == (int64_t)want.num;
	}
	if (right) {
		res->verdict = GRADE_CORRECT;
		snprintf(res->message, sizeof(res->message), "correct: %s is the answer",
			 res->submitted);
	} else {
		res->verdict = GRADE_WRONG;
		snprintf(res->message, sizeof(res->message),
			 "you submitted %s (%s), which is not the answer; the answer is %s",
			 res->submitted, res->submitted_type, ex->expects);
	}
}

int grade_answer(const struct exercise *ex, uint64_t key, const struct grade_btf *btf,
		 const void *const *submits, const size_t *lens, size_t n, struct grade_result *res)
{
	struct dojo_rec_hdr hdr;
	const uint8_t *val;
	int ret;

	if (!ex || !ex->answer || !res || (n && (!submits || !lens)))
		return -EINVAL;
	memset(res, 0, sizeof(*res));
	for (size_t i = 0; i < n; i++)
		if (grade_rec_parse(submits[i], lens[i], &hdr, &val) || hdr.kind != DOJO_REC_SUBMIT)
			return malformed(res, i);

	if (n == 0) {
		res->verdict = GRADE_NO_SUBMIT;
		snprintf(res->message, sizeof(res->message),
			 "your program submitted nothing (no SUBMIT_* call, and no sample sent with "
			 "bpf_perf_event_output() on a perf event array of its own): did it attach to "
			 "the right hook, and does your filter let the right event through? DEBUG_* "
			 "shows what it sees");
		return 0;
	}
	ret = shown(btf, submits[0], lens[0], res->submitted, sizeof(res->submitted),
		    res->submitted_type, sizeof(res->submitted_type));
	if (ret)
		return ret == -EPROTO ? malformed(res, 0) : ret;
	if (n > 1) {
		char list[256] = "";
		size_t used = 0;

		for (size_t i = 0; i < n && i < GRADE_SHOWN_SUBMITS; i++) {
			char one[DOJO_VALUE_MAX + 64], type[64];
			int w;

			if (shown(btf, submits[i], lens[i], one, sizeof(one), type, sizeof(type)))
				return malformed(res, i);
			w = snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "", one);
			if (w < 0 || (size_t)w >= sizeof(list) - used)
				break;
			used += (size_t)w;
		}
		res->verdict = GRADE_MULTIPLE_SUBMITS;
		snprintf(res->message, sizeof(res->message),
			 "your program submitted %zu times (%s%s), but it must submit exactly once: "
			 "filter so that only the event you are looking for reaches SUBMIT_*",
			 n, list, n > GRADE_SHOWN_SUBMITS ? ", ..." : "");
		return 0;
	}
	grade_rec_parse(submits[0], lens[0], &hdr, &val);
	judge_one(ex, key, btf, &hdr, val, res);
	return 0;
}
