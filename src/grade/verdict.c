/* verdict.c: every verdict of a run, decided in one place from typed facts (grade.h,
 * struct grade_run): the caller's stop, the host's and the compiler's failures, timeouts,
 * verifier and attach failures, the agent's errors, and, when the run completed, the answer
 * (grade_answer() in grade.c).  The driver reports what happened; this file decides. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "grade.h"

static int set(struct grade_result *res, enum grade_verdict v, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int set(struct grade_result *res, enum grade_verdict v, const char *fmt, ...)
{
	va_list ap;

	memset(res, 0, sizeof(*res));
	res->verdict = v;
	va_start(ap, fmt);
	vsnprintf(res->message, sizeof(res->message), fmt, ap);
	va_end(ap);
	return 0;
}

static const char *or(const char *s, const char *dflt)
{
	return s && *s ? s : dflt;
}

static const char *why(int err, const char *msg)
{
	return msg && *msg ? msg : strerror(err < 0 ? -err : err);
}

int grade_decide(const struct grade_run *r, struct grade_result *res)
{
	const char *title;
	int ret;

	if (!res)
		return -EINVAL;
	if (!r)
		return set(res, GRADE_RUN_ERROR, "no run to judge"), -EINVAL;
	title = or(r->diag_title, "");
	if (r->cancelled)
		return set(res, GRADE_RUN_ERROR, "the run was stopped by its caller");
	if (r->host_err)
		return set(res, GRADE_RUN_ERROR, "%s", why(r->host_err, r->host_msg));
	if (r->compile_failed)
		return set(res, GRADE_COMPILE_ERROR, "%s", or(r->compile_msg, "your program does not compile"));
	if (r->compile_only)
		return set(res, GRADE_OK, "compiled cleanly");
	if ((r->sandbox_err == -ETIMEDOUT || r->agent_err == -ETIMEDOUT) && r->job_sent &&
	    !r->loaded && !r->load_failed)
		/* the agent's load deadline did not get to speak: still, the program never ran */
		return set(res, GRADE_TIMEOUT, "loading did not finish within the run's time limit "
			   "(%u ms): the verifier was still checking your program, which never ran; a "
			   "loop bounded only by a variable makes it walk every iteration",
			   r->timeout_ms ? r->timeout_ms : DOJO_RUN_TIMEOUT_MS);
	if (r->sandbox_err == -ETIMEDOUT || r->agent_err == -ETIMEDOUT)
		return set(res, GRADE_TIMEOUT, "the run did not finish within its time limit (%u ms); "
			   "did your program stop or slow down the workload?",
			   r->timeout_ms ? r->timeout_ms : DOJO_RUN_TIMEOUT_MS);
	if (r->sandbox_err)
		return set(res, GRADE_RUN_ERROR, "%s", why(r->sandbox_err, r->sandbox_msg));
	if (r->load_failed && r->load_prog && *r->load_prog)
		return set(res, GRADE_LOAD_ERROR, "the verifier rejected program '%s': %s", r->load_prog,
			   or(title, "the end of its log says why"));
	if (r->load_failed)
		return set(res, GRADE_LOAD_ERROR, "%s", or(r->load_msg, "the object could not be loaded"));
	if (r->attach_failed)
		return set(res, GRADE_LOAD_ERROR, "%u program%s could not be attached%s%s",
			   r->attach_failed, r->attach_failed > 1 ? "s" : "",
			   *title ? ": " : " (see above)", title);
	if (r->agent_err)
		return set(res, GRADE_RUN_ERROR, "the sandbox could not run the job: %s",
			   why(r->agent_err, r->agent_msg));
	if (r->malformed_record)
		return set(res, GRADE_RUN_ERROR, "record %u from your program is malformed: write "
			   "records only with the SUBMIT_* and DEBUG_* macros of dojo.h",
			   r->malformed_record);
	if (!r->done)
		return set(res, GRADE_RUN_ERROR, "the sandbox ended the run without a result");
	if (!r->ex)
		return set(res, GRADE_RUN_ERROR, "no exercise to judge the run against"), -EINVAL;
	ret = grade_answer(r->ex, r->key, r->btf, r->submits, r->submit_lens, r->nsubmits, res);
	if (ret && res->verdict != GRADE_RUN_ERROR)
		set(res, GRADE_RUN_ERROR, "a SUBMIT record was malformed");
	return ret == -EINVAL ? ret : 0;
}
