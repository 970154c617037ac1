/* pipeline.c: one run as explicit steps, read top to bottom in run_steps() and pipeline_run():
 *
 *     check the request -> "compiling" -> compile (vm: on a thread) | start the guest (vm:
 *     restore, meanwhile) -> wait for the object: "compiled" / "compile_error" -> "starting"
 *     (host: start the agent now) -> send the job -> stream the agent's messages as events
 *     -> grade -> "verdict" -> "done" -> destroy the guest
 *
 * Each step only records what happened in a struct grade_run; grade_decide() turns that into
 * the verdict.  The agent's frames arrive decoded (sandbox.h); records are decoded by grade with
 * the object's BTF.  Every event goes out from the caller's thread; one that the caller refuses
 * stops the run (see pipeline.h). */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include "core/clock.h"
#include "pipeline.h"
#include "play.h"

struct run {
	const struct pipeline_req *req;
	const struct exercise *ex;
	pipeline_event_cb cb;
	void *ctx;
	int stopped;                        /* the caller refused an event */
	uint64_t t0;
	char file[DOJO_MAX_FILENAME + 16];  /* as given, for the events */
	char fname[DOJO_MAX_FILENAME];      /* as clang recorded it in the line info */
	/* the compile (written by its thread until joined) */
	struct compile_opts copts;
	struct compile_result cr;
	struct dojo_err cerr;
	int crc;
	pthread_t thread;
	int threaded;
	/* the guest */
	struct sandbox *sb;
	struct dojo_err serr;
	struct grade_btf *btf;
	unsigned load_ms, grade_ms, verdict_ms, records, dropped, lost;
	/* what happened, for grade_decide(), and the strings it points to */
	struct grade_run facts;
	char host_msg[DOJO_MAX_MESSAGE + 64], load_prog[PROTO_NAME_MAX], load_msg[PROTO_TEXT_MAX];
	char agent_msg[PROTO_TEXT_MAX], diag_title[256];
	struct dojo_rec *submits;           /* copies of the SUBMIT records */
	const void **submit_ptrs;
	size_t *submit_lens;
	struct grade_result verdict;
	struct sandbox_opts sopts;          /* req->sandbox, with a playground run's timeout */
	struct play_host *play;             /* a playground run's decoder */
	unsigned attached;                  /* programs attached */
};

static unsigned since(uint64_t t0)
{
	return (unsigned)(dojo_now_ms() - t0);
}

/* Hand @ev to the caller.  0, or -ECANCELED once the caller refused one or raised the run's
 * stop signal (then nothing more). */
static int emit(struct run *r, const struct pipeline_event *ev)
{
	if (!r->stopped && dojo_cancel_raised(r->req->sandbox.cancel))
		r->stopped = 1;
	if (r->stopped)
		return -ECANCELED;
	if (r->cb && r->cb(ev, r->ctx))
		r->stopped = 1;
	return r->stopped ? -ECANCELED : 0;
}

static uint64_t fresh_key(void)
{
	uint64_t key = 0;

	while (!key)
		if (getrandom(&key, sizeof(key), 0) != sizeof(key))
			key = dojo_now_us() * 0x9e3779b97f4a7c15ull;   /* never reached on Linux */
	return key;
}

/* ---- the compile ---- */

static void *compile_main(void *arg)
{
	struct run *r = arg;

	const struct pipeline_req *q = r->req;

	r->crc = q->compiler ? compile_server_bpf(q->compiler, q->source, q->source_len, &r->copts,
						  &r->cr, &r->cerr) :
			       compile_bpf(q->source, q->source_len, &r->copts, &r->cr, &r->cerr);
	return NULL;
}

/* Start the compile: on a thread of its own when a guest is to be restored meanwhile. */
static void compile_begin(struct run *r, int overlap)
{
	if (overlap && !pthread_create(&r->thread, NULL, compile_main, r))
		r->threaded = 1;
	else
		compile_main(r);
}

/* Wait for the object and say how the compile went.  1 when there is an object to run. */
static int compile_wait(struct run *r)
{
	struct compile_result *cr = &r->cr;
	struct pipeline_event ev = { .kind = PIPELINE_EV_COMPILED };
	const char *msg;

	if (r->threaded)
		pthread_join(r->thread, NULL);
	r->threaded = 0;
	if (r->crc) {   /* the compiler could not run at all: not the learner's doing */
		snprintf(r->host_msg, sizeof(r->host_msg), "%s", r->cerr.msg[0] ? r->cerr.msg :
			 strerror(-r->crc));
		r->facts.host_err = r->crc;
		r->facts.host_msg = r->host_msg;
		return 0;
	}
	ev.u.compiled.ms = cr->elapsed_ms;
	ev.u.compiled.diags = cr->diags;
	ev.u.compiled.ndiags = cr->ndiags;
	if (cr->status == COMPILE_OK) {
		ev.u.compiled.object_bytes = cr->obj_len;
		return emit(r, &ev) == 0;
	}
	msg = cr->status == COMPILE_TIMEOUT ? "compiling took too long" : "your program does not compile";
	if (cr->status != COMPILE_FAILED && r->cerr.msg[0])
		msg = r->cerr.msg;
	r->facts.compile_failed = 1;
	r->facts.compile_msg = msg;
	ev.kind = PIPELINE_EV_COMPILE_ERROR;
	ev.u.compiled.message = msg;
	emit(r, &ev);
	return 0;
}

/* ---- the guest ---- */

static void guest_start(struct run *r)
{
	int rc = sandbox_start(&r->sopts, &r->sb, &r->serr);

	if (rc) {
		r->facts.sandbox_err = rc;
		r->facts.sandbox_msg = r->serr.msg;
	}
}

/* Explain a failed load or attach, send its event, note the diagnosis's title. */
static void emit_rejection(struct run *r, struct pipeline_event *ev, struct grade_diag *d)
{
	struct buf text, trace;

	buf_init(&text, 2 * GRADE_DIAG_LOG_TAIL + 65536);
	buf_init(&trace, 1 << 20);
	if (d && !grade_diag_render_text(d, r->req->diag_color, &text))
		ev->u.prog.diagnosis_text = text.data ? (const char *)text.data : "";
	if (d && d->ntrace && !grade_trace_render_text(d, r->req->diag_color, &trace))
		ev->u.prog.trace_text = trace.data ? (const char *)trace.data : "";
	ev->u.prog.diagnosis = d;
	if (d && !r->diag_title[0])
		snprintf(r->diag_title, sizeof(r->diag_title), "%s", d->title);
	emit(r, ev);
	buf_free(&text);
	buf_free(&trace);
	grade_diag_free(d);
}

static int keep_submit(struct run *r, const struct dojo_rec *rec)
{
	size_t n = r->facts.nsubmits;

	if (!r->submits) {
		r->submits = calloc(DOJO_MAX_RECORDS, sizeof(*r->submits));
		r->submit_ptrs = calloc(DOJO_MAX_RECORDS, sizeof(*r->submit_ptrs));
		r->submit_lens = calloc(DOJO_MAX_RECORDS, sizeof(*r->submit_lens));
		if (!r->submits || !r->submit_ptrs || !r->submit_lens)
			return -ENOMEM;
	}
	if (n >= DOJO_MAX_RECORDS)
		return 0;   /* the agent forwards at most this many: never reached */
	r->submits[n] = *rec;
	r->submit_ptrs[n] = &r->submits[n];
	r->submit_lens[n] = sizeof(*rec);
	r->facts.nsubmits = n + 1;
	r->facts.submits = r->submit_ptrs;
	r->facts.submit_lens = r->submit_lens;
	return 0;
}

/* One RECORD: decoded by grade with the object's BTF; SUBMITs are kept for the verdict.
 * 0, or -EPROTO when the program wrote a malformed record (the run stops there). */
static int on_record(struct run *r, const struct dojo_rec *rec, unsigned nth)
{
	static __thread struct grade_record gr;
	struct pipeline_event ev = { .kind = PIPELINE_EV_DEBUG, .u.record = &gr };

	if (grade_record_decode(r->btf, rec, sizeof(*rec), &gr)) {
		r->facts.malformed_record = nth;
		return -EPROTO;
	}
	if (gr.kind == DOJO_REC_SUBMIT) {
		ev.kind = PIPELINE_EV_SUBMIT;
		if (keep_submit(r, rec)) {
			r->facts.host_err = -ENOMEM;
			r->facts.host_msg = "out of memory keeping the program's SUBMITs";
			return -ENOMEM;
		}
	}
	emit(r, &ev);
	return 0;
}

static int play_emit(void *run, const struct pipeline_event *ev)
{
	return emit(run, ev);
}

/* A program's instructions (sandbox.xlated): its listing as an XLATED event.  A listing the
 * agent got wrong is left out with a log line; it says nothing about the learner's program. */
static int on_xlated(struct run *r, const struct proto_xlated *m)
{
	struct pipeline_event ev = { .kind = PIPELINE_EV_XLATED };
	struct grade_xlated *x;
	struct buf text;
	int rc = grade_xlated_new(r->btf, m, r->req->source, r->req->source_len, r->fname, &x);

	if (rc) {
		char msg[160];

		snprintf(msg, sizeof(msg), "prog '%s': its instructions cannot be shown: %s", m->prog,
			 strerror(-rc));
		ev.kind = PIPELINE_EV_LOG;
		ev.u.log.level = 1;
		ev.u.log.text = msg;
		return rc == -ENOMEM ? rc : emit(r, &ev);
	}
	buf_init(&text, DOJO_XLATED_MAX_TEXT + 1024);
	rc = grade_xlated_render_text(x, r->req->diag_color, &text);
	ev.u.xlated.x = x;
	ev.u.xlated.text = rc == -ENOMEM ? NULL : text.data ? (const char *)text.data : "";
	rc = emit(r, &ev);
	buf_free(&text);
	grade_xlated_free(x);
	return rc;
}

/* One message of the agent: its event, and what it tells the verdict.  0 to read on. */
static int on_message(struct run *r, const struct sandbox_msg *m, unsigned *nrec)
{
	const struct pipeline_req *q = r->req;
	struct pipeline_event ev = { 0 };

	switch (m->type) {
	case FRAME_LOG:
		ev.kind = PIPELINE_EV_LOG;
		ev.u.log.level = m->u.log.level;
		ev.u.log.text = m->u.log.text;
		return emit(r, &ev);
	case FRAME_LOADED:
		r->facts.loaded = 1;
		r->load_ms = m->u.loaded.load_us / 1000;
		ev.kind = PIPELINE_EV_LOADED;
		ev.u.loaded.programs = m->u.loaded.programs;
		ev.u.loaded.maps = m->u.loaded.maps;
		ev.u.loaded.ms = r->load_ms;
		return emit(r, &ev);
	case FRAME_ATTACHED:
		r->attached++;
		ev.kind = PIPELINE_EV_ATTACHED;
		ev.u.prog.program = m->u.attached.prog;
		ev.u.prog.section = m->u.attached.section;
		return emit(r, &ev);
	case FRAME_ATTACH_FAILED: {
		const struct proto_attach_failed *af = &m->u.attach_failed;

		r->facts.attach_failed++;
		ev.kind = PIPELINE_EV_ATTACH_FAILED;
		ev.u.prog.program = af->prog;
		ev.u.prog.section = af->section;
		ev.u.prog.error = af->err;
		ev.u.prog.message = af->msg;
		emit_rejection(r, &ev, grade_diagnose_attach(r->cr.obj, r->cr.obj_len, af->prog,
					af->section, af->err, af->msg, q->source, q->source_len,
					r->fname));
		return r->stopped ? -ECANCELED : 0;
	}
	case FRAME_LOAD_FAILED: {
		const struct proto_load_failed *lf = &m->u.load_failed;

		r->facts.load_failed = 1;
		snprintf(r->load_prog, sizeof(r->load_prog), "%s", lf->prog);
		snprintf(r->load_msg, sizeof(r->load_msg), "%s", lf->msg);
		r->facts.load_prog = r->load_prog;
		r->facts.load_msg = r->load_msg;
		ev.kind = PIPELINE_EV_VERIFIER;
		ev.u.prog.program = lf->prog;
		ev.u.prog.error = lf->err;
		ev.u.prog.message = lf->msg;
		ev.u.prog.log = (const char *)lf->log;
		ev.u.prog.log_len = lf->log_len;
		emit_rejection(r, &ev, grade_diagnose_load(r->cr.obj, r->cr.obj_len, lf->prog,
					lf->err, (const char *)lf->log, lf->log_len, lf->msg,
					q->source, q->source_len, r->fname));
		return r->stopped ? -ECANCELED : 0;
	}
	case FRAME_RECORD:
		return on_record(r, &m->u.record, ++*nrec);
	case FRAME_WORKLOAD_DONE:
		ev.kind = PIPELINE_EV_WORKLOAD_DONE;
		ev.u.workload_done.ms = m->u.workload_done.duration_ms;
		ev.u.workload_done.status = m->u.workload_done.status;
		return emit(r, &ev);
	case FRAME_DONE:
		r->facts.done = 1;
		r->records = m->u.done.records;
		r->dropped = m->u.done.dropped;
		r->lost = m->u.done.lost_in_kernel;
		return 0;
	case FRAME_ERROR:
		snprintf(r->agent_msg, sizeof(r->agent_msg), "%s", m->u.error.msg);
		r->facts.agent_err = m->u.error.err ? m->u.error.err : -EIO;
		r->facts.agent_msg = r->agent_msg;
		return 0;
	case FRAME_XLATED:
		return on_xlated(r, &m->u.xlated);
	default:
		if (r->play && m->type >= FRAME_PLAY_OUTPUT)
			return play_host_message(r->play, m, play_emit, r);
		/* an exercise run forwards bpf_printk lines too (the agent, in the micro-VM) */
		if (m->type == FRAME_PLAY_OUTPUT && m->u.play_output.stream == PLAY_PRINTK)
			return play_printk_line(&m->u.play_output, play_emit, r);
		return 0;   /* the sandbox hands out run messages only */
	}
}

static unsigned play_ms(const struct pipeline_req *q)
{
	unsigned s = q->play_seconds ? q->play_seconds : DOJO_PLAY_DEFAULT_SECONDS;

	return (s < DOJO_PLAY_MAX_SECONDS ? s : DOJO_PLAY_MAX_SECONDS) * 1000u;
}

/* Send the job, then turn each message into events until the run's last one. */
static void guest_run(struct run *r)
{
	struct sandbox_job job = { .exercise = r->ex ? r->ex->id : NULL, .key = r->facts.key,
				   .obj = r->cr.obj, .obj_len = r->cr.obj_len,
				   .play_cmd = r->req->play_cmd, .play_ms = play_ms(r->req) };
	static __thread struct sandbox_msg m;
	unsigned nrec = 0;
	int rc = sandbox_send_job(r->sb, &job, &r->serr);

	r->facts.job_sent = !rc;
	while (!rc && (rc = sandbox_next(r->sb, &m, &r->serr)) == 1) {
		rc = 0;
		if (on_message(r, &m, &nrec))
			return;
		if (sandbox_msg_is_last(m.type)) {
			if (r->play && play_host_flush(r->play, play_emit, r))
				r->stopped = 1;
			return;
		}
	}
	if (rc == -ECANCELED) {
		r->stopped = 1;   /* the stop signal, raised while the guest was silent */
		return;
	}
	if (rc < 0) {
		r->facts.sandbox_err = rc;
		r->facts.sandbox_msg = r->serr.msg;
	}
}

/* Ready to read what the agent says about the object: its BTF.  0, or -1 (a host failure). */
static int read_btf(struct run *r)
{
	struct dojo_err err = { 0 };

	r->btf = grade_btf_new(r->cr.obj, r->cr.obj_len, &err);
	r->facts.btf = r->btf;
	if (r->play)
		play_host_set_btf(r->play, r->btf);
	if (r->btf)
		return 0;
	snprintf(r->host_msg, sizeof(r->host_msg), "cannot read the object's BTF: %s", err.msg);
	r->facts.host_err = err.code ? err.code : -EINVAL;
	r->facts.host_msg = r->host_msg;
	return -1;
}

/* ---- the verdict ---- */

/* A playground run's result for the caller (its exit code): COMPILE_ERROR or LOAD_ERROR when
 * the program did not compile, load or attach any program (some not attaching is reported,
 * the others run), RUN_ERROR when the machine failed, else OK. */
static void play_outcome(struct run *r)
{
	const struct grade_run *f = &r->facts;

	r->verdict.verdict = f->compile_failed ? GRADE_COMPILE_ERROR :
			     f->load_failed || (f->attach_failed && !r->attached) ? GRADE_LOAD_ERROR :
			     f->host_err || f->sandbox_err || f->agent_err || !f->done || f->cancelled ?
			     GRADE_RUN_ERROR : GRADE_OK;
	snprintf(r->verdict.message, sizeof(r->verdict.message), "%s",
		 f->host_msg ? f->host_msg : f->sandbox_msg ? f->sandbox_msg :
		 f->agent_msg ? f->agent_msg : "");
	r->verdict_ms = since(r->t0);
}

static void grade_and_report(struct run *r)
{
	const struct sandbox_stats *st = r->sb ? sandbox_get_stats(r->sb) : NULL;
	struct pipeline_event ev = { .kind = PIPELINE_EV_VERDICT };
	uint64_t t = dojo_now_us();

	r->facts.cancelled = r->stopped;
	r->facts.diag_title = r->diag_title;
	if (r->req->play_cmd) {   /* a playground run has no answer: nothing to decide */
		play_outcome(r);
		goto done;
	}
	grade_decide(&r->facts, &r->verdict);
	r->grade_ms = (unsigned)((dojo_now_us() - t) / 1000);
	ev.u.verdict.verdict = r->verdict.verdict;
	ev.u.verdict.message = r->verdict.message;
	if (r->verdict.submitted_type[0]) {
		ev.u.verdict.submitted = r->verdict.submitted;
		ev.u.verdict.submitted_type = r->verdict.submitted_type;
	}
	ev.u.verdict.compile_ms = r->cr.elapsed_ms;
	ev.u.verdict.run_ms = st ? st->run_ms : 0;
	ev.u.verdict.total_ms = r->verdict_ms = since(r->t0);
	ev.u.verdict.records = r->records;
	ev.u.verdict.dropped = r->dropped;
	ev.u.verdict.lost = r->lost;
	emit(r, &ev);
done:
	ev = (struct pipeline_event){ .kind = PIPELINE_EV_DONE };
	ev.u.done.compile_ms = r->cr.elapsed_ms;
	ev.u.done.start_ms = st ? st->start_ms : 0;
	ev.u.done.load_ms = r->load_ms;
	ev.u.done.run_ms = st ? st->run_ms : 0;
	ev.u.done.grade_ms = r->grade_ms;
	ev.u.done.total_ms = since(r->t0);
	emit(r, &ev);
}

static void run_free(struct run *r)
{
	sandbox_free(r->sb);
	grade_btf_free(r->btf);
	compile_result_free(&r->cr);
	free(r->submits);
	free(r->submit_ptrs);
	free(r->submit_lens);
	play_host_free(r->play);
}

/* Steps 1-4 of a run, in order; each returns early when the run cannot go on.  What happened
 * is in r->facts, for step 5. */
static void run_steps(struct run *r)
{
	const struct pipeline_req *q = r->req;
	struct pipeline_event ev = { .kind = PIPELINE_EV_COMPILING };
	int overlap = !q->compile_only && q->sandbox.kind != SANDBOX_HOST;

	/* 1. compile; a micro-VM guest restores meanwhile (about as long as a compile) */
	ev.u.compiling.exercise = r->ex ? r->ex->id : "";
	ev.u.compiling.file = r->file;
	if (emit(r, &ev))
		return;
	compile_begin(r, overlap);
	if (overlap)
		guest_start(r);
	/* 2. wait for the object: a learner's error comes before the machine's */
	if (!compile_wait(r) || q->compile_only || read_btf(r))
		return;
	/* 3. the guest; host mode starts it only now, as it holds a process-wide lock */
	ev = (struct pipeline_event){ .kind = PIPELINE_EV_STARTING };
	ev.u.starting.sandbox = sandbox_kind_name(q->sandbox.kind);
	if (emit(r, &ev))
		return;
	if (!overlap)
		guest_start(r);
	if (!r->sb)
		return;   /* it did not start: facts.sandbox_err says why */
	/* 4. send the job and stream what the agent says, up to its last message */
	guest_run(r);
}

int pipeline_run(const struct pipeline_req *req, pipeline_event_cb cb, void *ctx,
		 struct pipeline_result *res, struct dojo_err *err)
{
	struct run *r;
	int rc;

	memset(res, 0, sizeof(*res));
	dojo_err_clear(err);
	if (!req || !req->source)
		return dojo_err_set(err, -EINVAL, "a run needs a source");
	if (!req->compile_only && !req->exercise && !req->play_cmd)
		return dojo_err_set(err, -EINVAL, "a run needs an exercise; `bpfdojo list` shows them");
	if (req->play_cmd && req->sandbox.kind == SANDBOX_HOST)
		return dojo_err_set(err, -EPERM, "the playground runs any program: in the micro-VM sandbox only (--sandbox vm)");
	if (req->play_cmd && strlen(req->play_cmd) > DOJO_PLAY_MAX_CMD)
		return dojo_err_set(err, -E2BIG, "the workload's command is longer than %u bytes", DOJO_PLAY_MAX_CMD);
	r = calloc(1, sizeof(*r));
	if (!r)
		return dojo_err_set(err, -ENOMEM, "out of memory starting a run");
	*r = (struct run){ .req = req, .cb = cb, .ctx = ctx, .t0 = dojo_now_ms() };
	r->sopts = req->sandbox;
	if (req->play_cmd && !r->sopts.timeout_ms)
		r->sopts.timeout_ms = DOJO_RUN_TIMEOUT_MS + play_ms(req);
	if (req->play_cmd && !(r->play = play_host_new(NULL))) {
		free(r);
		return dojo_err_set(err, -ENOMEM, "out of memory starting a run");
	}
	if (req->exercise && !req->play_cmd && !(r->ex = exercise_find(req->exercise))) {
		free(r);
		return dojo_err_set(err, -ENOENT, "unknown exercise '%s'; `bpfdojo list` shows them",
				    req->exercise);
	}
	r->facts = (struct grade_run){ .ex = r->ex, .key = req->key ? req->key : fresh_key(),
				       .compile_only = req->compile_only,
				       .timeout_ms = req->sandbox.timeout_ms };
	if (req->filename)
		snprintf(r->file, sizeof(r->file), "%s", req->filename);
	else
		snprintf(r->file, sizeof(r->file), "%s.bpf.c", r->ex ? r->ex->id : req->play_cmd ? "play" : "prog");
	compile_sanitize_filename(r->file, r->fname);
	r->copts.filename = r->file;
	r->copts.paths = req->sandbox.paths;

	run_steps(r);
	/* 5. grade and report, while the guest still exists; then destroy it */
	grade_and_report(r);
	res->verdict = r->verdict.verdict;
	res->compile_ms = r->cr.elapsed_ms;
	res->run_ms = r->sb ? sandbox_get_stats(r->sb)->run_ms : 0;
	res->verdict_ms = r->verdict_ms;
	rc = r->stopped ? dojo_err_set(err, -ECANCELED, "the run was stopped by its caller") : 0;
	run_free(r);
	res->total_ms = since(r->t0);
	free(r);
	return rc;
}
