/* pipeline.c: compile -> sandbox -> grade for one run, as a stream of JSON events.
 *
 * The order of a run: validate the request, compile (COMPILE_ERROR ends it), start the
 * sandbox and translate each agent frame into an event (RECORD frames are decoded with the
 * object's BTF; SUBMITs are kept for the grader), then judge.  The verdict is decided here on
 * the host from the key and the records, never by the guest. */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include "compile/compile.h"
#include "core/jsonx.h"
#include "core/proto.h"
#include "grade/verifier.h"
#include "pipeline.h"

struct run_state {
	const struct pipeline_req *req;
	const struct exercise *ex;
	uint64_t key;
	unsigned t0, run_t0;        /* when the pipeline and the sandbox started */
	unsigned compile_ms, run_ms, verdict_ms;
	struct grade_result g;
	int verdict_sent;
	pipeline_event_cb cb;
	void *ctx;
	struct grade_btf *btf;
	const struct compile_result *cr;   /* the object, for diagnoses */
	const char *fname;                 /* the learner's file name as compiled */
	int cb_err;                 /* first error returned by the caller's callback */
	/* what the agent told us */
	int load_failed, attach_failed, agent_error, done;
	char agent_msg[PROTO_TEXT_MAX];
	char rejected_prog[PROTO_NAME_MAX];
	char diag_title[256];              /* the first diagnosis's title, for the verdict */
	unsigned records, dropped, lost;
	/* SUBMIT records, copied, for the grader */
	void **submits;
	size_t *submit_lens;
	size_t nsubmits;
};

static unsigned now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned)(ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* Hand @ev to the caller and drop our reference. */
static void emit(struct run_state *s, json_t *ev)
{
	int rc;

	if (!ev)
		return;
	rc = s->cb ? s->cb(ev, s->ctx) : 0;
	if (rc && !s->cb_err)
		s->cb_err = rc;
	json_decref(ev);
}

static const char *severity_name(enum compile_severity sev)
{
	switch (sev) {
	case COMPILE_ERROR: return "error";
	case COMPILE_WARNING: return "warning";
	default: return "note";
	}
}

static json_t *diags_json(const struct compile_result *cr)
{
	json_t *a = json_array();

	for (size_t i = 0; i < cr->ndiags; i++) {
		const struct compile_diag *d = &cr->diags[i];

		json_array_append_new(a, json_pack("{s:o, s:i, s:i, s:s, s:o, s:o}", "file",
						   jsonx_str(d->file), "line", d->line,
						   "col", d->col, "severity",
						   severity_name(d->severity), "message",
						   jsonx_str(d->message), "help", jsonx_str(d->help)));
	}
	return a;
}

static const char *vkind_name(unsigned vkind)
{
	switch (vkind) {
	case DOJO_VAL_NUM: return "num";
	case DOJO_VAL_STR: return "str";
	default: return "struct";
	}
}

static int keep_submit(struct run_state *s, const struct frame *f)
{
	void *copy, **ns;
	size_t *nl;

	if (s->nsubmits >= DOJO_MAX_RECORDS)
		return 0;
	ns = realloc(s->submits, (s->nsubmits + 1) * sizeof(*ns));
	if (!ns)
		return -ENOMEM;
	s->submits = ns;
	nl = realloc(s->submit_lens, (s->nsubmits + 1) * sizeof(*nl));
	if (!nl)
		return -ENOMEM;
	s->submit_lens = nl;
	copy = malloc(f->len);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, f->payload, f->len);
	s->submits[s->nsubmits] = copy;
	s->submit_lens[s->nsubmits++] = f->len;
	return 0;
}

static int on_record(struct run_state *s, const struct frame *f)
{
	struct dojo_rec_hdr hdr, *h = &hdr;
	char type[64], label[DOJO_LABEL_MAX];
	struct buf val;
	int err;

	/* frame payloads are not aligned: copy the header out */
	if (f->len < sizeof(hdr))
		return -EPROTO;
	memcpy(&hdr, f->payload, sizeof(hdr));
	buf_init(&val, 4096);
	err = grade_format_value(s->btf, f->payload, f->len, &val, type, sizeof(type));
	if (err) {
		buf_free(&val);
		return err;
	}
	memcpy(label, h->label, sizeof(label));
	label[sizeof(label) - 1] = 0;
	if (h->kind == DOJO_REC_SUBMIT) {
		err = keep_submit(s, f);
		emit(s, json_pack("{s:s, s:o, s:s, s:s}", "event", "submit",
				  "value", jsonx_string((char *)val.data, val.len), "type", type,
				  "kind", vkind_name(h->vkind)));
	} else {
		emit(s, json_pack("{s:s, s:o, s:o, s:s, s:s}", "event", "debug",
				  "label", jsonx_str(label),
				  "value", jsonx_string((char *)val.data, val.len), "type", type,
				  "kind", vkind_name(h->vkind)));
	}
	buf_free(&val);
	return err;
}

static void finish(struct run_state *s, int rc, const struct dojo_err *err);

/* Attach diagnosis @d (taken) to event @ev as "diagnosis" (JSON) and "diagnosis_text" (what a
 * terminal shows), so every client explains the failure the same way. */
static json_t *add_diagnosis(struct run_state *s, json_t *ev, struct grade_diag *d)
{
	struct buf b;

	if (!ev || !d) {
		grade_diag_free(d);
		return ev;
	}
	if (!s->diag_title[0])
		snprintf(s->diag_title, sizeof(s->diag_title), "%s", d->title);
	buf_init(&b, 2 * GRADE_DIAG_LOG_TAIL + 65536);
	if (!grade_diag_render_json(d, &b))
		json_object_set_new(ev, "diagnosis", json_loadb((const char *)b.data, b.len, 0, NULL));
	buf_reset(&b);
	if (!grade_diag_render_text(d, s->req->diag_color, &b))
		json_object_set_new(ev, "diagnosis_text", jsonx_string((const char *)b.data, b.len));
	buf_free(&b);
	grade_diag_free(d);
	return ev;
}

/* Translate one agent frame into events and state. */
static int on_frame(const struct frame *f, void *ctx)
{
	struct run_state *s = ctx;
	union {
		struct proto_log log;
		struct proto_loaded loaded;
		struct proto_attached att;
		struct proto_attach_failed af;
		struct proto_load_failed lf;
		struct proto_workload_done wd;
		struct proto_done done;
		struct proto_error e;
		struct proto_ready ready;
	} m;
	int err = 0;

	switch (f->type) {
	case FRAME_READY:
		err = proto_get_ready(f->payload, f->len, &m.ready);
		break;
	case FRAME_LOG:
		if (!(err = proto_get_log(f->payload, f->len, &m.log)))
			emit(s, json_pack("{s:s, s:i, s:o}", "event", "log", "level",
					  m.log.level, "text", jsonx_str(m.log.text)));
		break;
	case FRAME_LOADED:
		if (!(err = proto_get_loaded(f->payload, f->len, &m.loaded)))
			emit(s, json_pack("{s:s, s:i, s:i, s:i}", "event", "loaded", "programs",
					  m.loaded.programs, "maps", m.loaded.maps, "ms",
					  m.loaded.load_us / 1000));
		break;
	case FRAME_ATTACHED:
		if (!(err = proto_get_attached(f->payload, f->len, &m.att)))
			emit(s, json_pack("{s:s, s:o, s:o}", "event", "attached", "program",
					  jsonx_str(m.att.prog), "section", jsonx_str(m.att.section)));
		break;
	case FRAME_ATTACH_FAILED:
		if (!(err = proto_get_attach_failed(f->payload, f->len, &m.af))) {
			s->attach_failed++;
			emit(s, add_diagnosis(s, json_pack("{s:s, s:o, s:o, s:i, s:o}", "event",
					  "attach_failed", "program", jsonx_str(m.af.prog), "section",
					  jsonx_str(m.af.section), "error", m.af.err, "message",
					  jsonx_str(m.af.msg)),
					  grade_diagnose_attach(s->cr->obj, s->cr->obj_len, m.af.prog,
						m.af.section, m.af.err, m.af.msg, s->req->source,
						s->req->source_len, s->fname)));
		}
		break;
	case FRAME_LOAD_FAILED:
		if (!(err = proto_get_load_failed(f->payload, f->len, &m.lf))) {
			s->load_failed = 1;
			snprintf(s->agent_msg, sizeof(s->agent_msg), "%s", m.lf.msg);
			snprintf(s->rejected_prog, sizeof(s->rejected_prog), "%s", m.lf.prog);
			emit(s, add_diagnosis(s, json_pack("{s:s, s:o, s:i, s:o, s:o}", "event",
					  "verifier", "program", jsonx_str(m.lf.prog), "error", m.lf.err,
					  "message", jsonx_str(m.lf.msg), "log",
					  jsonx_string((const char *)m.lf.log, m.lf.log_len)),
					  grade_diagnose_load(s->cr->obj, s->cr->obj_len, m.lf.prog,
						m.lf.err, (const char *)m.lf.log, m.lf.log_len,
						m.lf.msg, s->req->source, s->req->source_len,
						s->fname)));
		}
		break;
	case FRAME_RECORD:
		err = on_record(s, f);
		break;
	case FRAME_WORKLOAD_DONE:
		if (!(err = proto_get_workload_done(f->payload, f->len, &m.wd)))
			emit(s, json_pack("{s:s, s:i, s:i}", "event", "workload_done", "ms",
					  m.wd.duration_ms, "status", m.wd.status));
		break;
	case FRAME_DONE:
		if (!(err = proto_get_done(f->payload, f->len, &m.done))) {
			s->done = 1;
			s->records = m.done.records;
			s->dropped = m.done.dropped;
			s->lost = m.done.lost_in_kernel;
			/* the agent has said all it will: judge now, while the sandbox tears down */
			finish(s, 0, NULL);
		}
		break;
	case FRAME_ERROR:
		if (!(err = proto_get_error(f->payload, f->len, &m.e))) {
			s->agent_error = m.e.err ? m.e.err : -EIO;
			snprintf(s->agent_msg, sizeof(s->agent_msg), "%s", m.e.msg);
		}
		break;
	default:
		err = -EPROTO;
	}
	if (err)
		return err;
	return s->cb_err;
}

static void emit_verdict(struct run_state *s)
{
	const struct grade_result *g = &s->g;

	s->verdict_ms = now_ms() - s->t0;
	json_t *ev = json_pack("{s:s, s:s, s:o, s:i, s:i, s:i, s:i, s:i, s:i}", "event", "verdict",
			       "verdict", grade_verdict_name(g->verdict),
			       "message", jsonx_str(g->message), "compile_ms", s->compile_ms,
			       "run_ms", s->run_ms, "total_ms", s->verdict_ms,
			       "records", s->records, "dropped", s->dropped, "lost", s->lost);

	if (ev && g->submitted_type[0]) {
		json_object_set_new(ev, "submitted", jsonx_str(g->submitted));
		json_object_set_new(ev, "submitted_type", jsonx_str(g->submitted_type));
	}
	emit(s, ev);
}

static void set_verdict(struct grade_result *g, enum grade_verdict v, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void set_verdict(struct grade_result *g, enum grade_verdict v, const char *fmt, ...)
{
	va_list ap;

	memset(g, 0, sizeof(*g));
	g->verdict = v;
	va_start(ap, fmt);
	vsnprintf(g->message, sizeof(g->message), fmt, ap);
	va_end(ap);
}

/* Decide the verdict from the sandbox's return (@rc, @err) and what the agent said. */
static void judge(struct run_state *s, int rc, const struct dojo_err *err)
{
	struct grade_result *g = &s->g;
	unsigned limit = s->req->sandbox.timeout_ms ? s->req->sandbox.timeout_ms : DOJO_RUN_TIMEOUT_MS;

	if (s->cb_err)
		set_verdict(g, GRADE_RUN_ERROR, "the run was stopped by its caller");
	else if (rc == -ETIMEDOUT || s->agent_error == -ETIMEDOUT)
		set_verdict(g, GRADE_TIMEOUT, "the run did not finish within its time limit "
			    "(%u ms); did your program stop or slow down the workload?", limit);
	else if (rc)
		set_verdict(g, GRADE_RUN_ERROR, "%s", err && err->msg[0] ? err->msg : strerror(-rc));
	else if (s->load_failed && s->rejected_prog[0])
		set_verdict(g, GRADE_LOAD_ERROR, "the verifier rejected program '%s': %s",
			    s->rejected_prog, s->diag_title[0] ? s->diag_title :
			    "the end of its log says why");
	else if (s->load_failed)
		set_verdict(g, GRADE_LOAD_ERROR, "%s", s->agent_msg);
	else if (s->attach_failed)
		set_verdict(g, GRADE_LOAD_ERROR, "%d program%s could not be attached%s%s",
			    s->attach_failed, s->attach_failed > 1 ? "s" : "",
			    s->diag_title[0] ? ": " : " (see above)", s->diag_title);
	else if (s->agent_error)
		set_verdict(g, GRADE_RUN_ERROR, "the sandbox could not run the job: %s",
			    s->agent_msg);
	else if (!s->done)
		set_verdict(g, GRADE_RUN_ERROR, "the sandbox ended the run without a result");
	else if (grade_answer(s->ex, s->key, s->btf, (const void *const *)s->submits,
			      s->submit_lens, s->nsubmits, g))
		set_verdict(g, GRADE_RUN_ERROR, "a SUBMIT record was malformed");
}

/* Judge and send the verdict event, once. */
static void finish(struct run_state *s, int rc, const struct dojo_err *err)
{
	if (s->verdict_sent)
		return;
	judge(s, rc, err);
	s->run_ms = s->run_t0 ? now_ms() - s->run_t0 : 0;
	s->verdict_sent = 1;
	emit_verdict(s);
}

static uint64_t fresh_key(void)
{
	uint64_t key = 0;

	while (!key)
		if (getrandom(&key, sizeof(key), 0) != sizeof(key))
			key = ((uint64_t)now_ms() << 32) ^ (uint64_t)clock(); /* never reached on Linux */
	return key;
}

/* The compile.  For a VM run it runs on a thread of its own while the sandbox restores the
 * guest (about as long as the compile itself); the sandbox asks for the object once the guest
 * is ready (obtain_object), and every event is still sent from the caller's thread. */
struct compile_task {
	const struct pipeline_req *req;
	const struct compile_opts *opts;
	struct compile_result cr;
	struct dojo_err *err;
	int rc;
	pthread_t thread;
	int started, reported, ok;
};

static void *compile_main(void *arg)
{
	struct compile_task *t = arg;

	t->rc = compile_bpf(t->req->source, t->req->source_len, t->opts, &t->cr, t->err);
	return NULL;
}

/* Wait for the compile and send its events, once; on failure the verdict is decided here.
 * 1 when there is an object to run. */
static int compile_outcome(struct run_state *s, struct compile_task *t)
{
	struct compile_result *cr = &t->cr;
	struct dojo_err *err = t->err;

	if (t->reported)
		return t->ok;
	if (t->started)
		pthread_join(t->thread, NULL);
	t->started = 0;
	t->reported = 1;
	s->compile_ms = cr->elapsed_ms;
	if (t->rc) {
		set_verdict(&s->g, GRADE_RUN_ERROR, "%s", err && err->msg[0] ? err->msg : strerror(-t->rc));
	} else if (cr->status != COMPILE_OK) {
		const char *msg = cr->status == COMPILE_TIMEOUT ? "compiling took too long" :
				  "your program does not compile";

		if (cr->status != COMPILE_FAILED && err && err->msg[0])
			msg = err->msg;
		emit(s, json_pack("{s:s, s:i, s:o, s:o}", "event", "compile_error", "ms",
				  cr->elapsed_ms, "message", jsonx_str(msg), "diagnostics",
				  diags_json(cr)));
		set_verdict(&s->g, GRADE_COMPILE_ERROR, "%s", msg);
	} else {
		emit(s, json_pack("{s:s, s:i, s:i, s:o}", "event", "compiled", "ms", cr->elapsed_ms,
				  "object_bytes", (json_int_t)cr->obj_len, "diagnostics",
				  diags_json(cr)));
		t->ok = 1;
	}
	return t->ok;
}

/* Get ready to read what the agent sends about the object.  0, or -1 with the verdict set. */
static int prepare_run(struct run_state *s, const struct compile_result *cr)
{
	struct dojo_err err = { 0 };

	s->cr = cr;
	s->btf = grade_btf_new(cr->obj, cr->obj_len, &err);
	if (!s->btf) {
		set_verdict(&s->g, GRADE_RUN_ERROR, "cannot read the object's BTF: %s", err.msg);
		return -1;
	}
	emit(s, json_pack("{s:s, s:s}", "event", "starting", "sandbox",
			  sandbox_kind_name(s->req->sandbox.kind)));
	s->run_t0 = now_ms();
	return 0;
}

struct overlap {
	struct run_state *s;
	struct compile_task *t;
	int stopped;          /* the compile or the preparation decided the verdict */
};

/* sandbox_job.get_obj: the guest is ready; hand it the object, or stop the run. */
static int obtain_object(void *arg, const void **obj, size_t *len)
{
	struct overlap *o = arg;

	if (!compile_outcome(o->s, o->t) || prepare_run(o->s, &o->t->cr)) {
		o->stopped = 1;
		return -ECANCELED;
	}
	*obj = o->t->cr.obj;
	*len = o->t->cr.obj_len;
	return 0;
}

/* Compile and, unless compile-only, run and judge.  The verdict is in s->g (and sent by
 * finish() for runs that reached the sandbox). */
static void compile_and_run(struct run_state *s, const struct compile_opts *copts,
			    struct compile_task *t, struct dojo_err *err)
{
	const struct pipeline_req *req = s->req;
	struct sandbox_job job = { .exercise = s->ex ? s->ex->id : NULL, .key = s->key };
	struct overlap o = { .s = s, .t = t };
	struct dojo_err serr = { 0 };
	int rc;

	*t = (struct compile_task){ .req = req, .opts = copts, .err = err };
	if (!req->compile_only && req->sandbox.kind != SANDBOX_HOST &&
	    !pthread_create(&t->thread, NULL, compile_main, t))
		t->started = 1;
	else
		compile_main(t);
	if (req->compile_only) {
		if (compile_outcome(s, t))
			set_verdict(&s->g, GRADE_CORRECT, "compiled cleanly");
		return;
	}
	if (t->started) {
		job.get_obj = obtain_object;
		job.get_obj_ctx = &o;
	} else if (!compile_outcome(s, t) || prepare_run(s, &t->cr)) {
		return;
	} else {
		job.obj = t->cr.obj;
		job.obj_len = t->cr.obj_len;
	}
	rc = sandbox_run(&job, &req->sandbox, on_frame, s, NULL, &serr);
	/* the sandbox may have failed before it asked for the object: the compile's outcome
	 * still comes first, a learner's error before the machine's */
	if (!compile_outcome(s, t) || o.stopped)
		return;
	if (!s->btf && prepare_run(s, &t->cr))
		return;
	finish(s, rc, &serr);
}

int pipeline_run(const struct pipeline_req *req, pipeline_event_cb cb, void *ctx,
		 struct pipeline_result *res, struct dojo_err *err)
{
	struct run_state s = { .req = req, .cb = cb, .ctx = ctx, .t0 = now_ms() };
	struct compile_task task = { 0 };
	struct compile_opts copts = { 0 };
	char fname[DOJO_MAX_FILENAME + 16], sanitized[DOJO_MAX_FILENAME];

	memset(res, 0, sizeof(*res));
	if (!req->compile_only || req->exercise) {
		s.ex = req->exercise ? exercise_find(req->exercise) : NULL;
		if (!s.ex)
			return dojo_err_set(err, -ENOENT, "unknown exercise '%s'; `bpfdojo list` shows them",
					    req->exercise ? req->exercise : "");
	}
	s.key = req->key ? req->key : fresh_key();
	if (req->filename)
		snprintf(fname, sizeof(fname), "%s", req->filename);
	else
		snprintf(fname, sizeof(fname), "%s.bpf.c", s.ex ? s.ex->id : "prog");
	copts.filename = fname;
	/* the name clang records in the object's line info, which the diagnoses quote */
	compile_sanitize_filename(fname, sanitized);
	s.fname = sanitized;
	copts.paths = req->sandbox.paths;

	emit(&s, json_pack("{s:s, s:s, s:o}", "event", "compiling", "exercise",
			   s.ex ? s.ex->id : "", "file", jsonx_str(fname)));
	compile_and_run(&s, &copts, &task, err);
	if (!s.verdict_sent) {
		if (req->compile_only && s.g.verdict == GRADE_CORRECT)
			emit(&s, json_pack("{s:s, s:s, s:i}", "event", "verdict", "verdict", "OK",
					   "compile_ms", s.compile_ms));
		else
			emit_verdict(&s);
	}
	res->verdict = s.g.verdict;
	res->compile_ms = s.compile_ms;
	res->run_ms = s.run_ms;
	res->verdict_ms = s.verdict_ms ? s.verdict_ms : now_ms() - s.t0;
	res->total_ms = now_ms() - s.t0;
	for (size_t i = 0; i < s.nsubmits; i++)
		free(s.submits[i]);
	free(s.submits);
	free(s.submit_lens);
	grade_btf_free(s.btf);
	compile_result_free(&task.cr);
	return 0;
}

int pipeline_exit_code(enum grade_verdict v)
{
	switch (v) {
	case GRADE_CORRECT:
		return 0;
	case GRADE_WRONG:
	case GRADE_NO_SUBMIT:
	case GRADE_MULTIPLE_SUBMITS:
	case GRADE_TIMEOUT:
		return 1;
	case GRADE_COMPILE_ERROR:
	case GRADE_LOAD_ERROR:
		return 2;
	default:
		return 3;
	}
}
