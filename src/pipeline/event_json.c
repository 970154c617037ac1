/* event_json.c: the one JSON writer of run events (jansson), shared by `bpfdojo run --json`,
 * the server's SSE stream and every test; docs/api.md is its schema, field by field.  A
 * diagnosis (grade/verifier.h) becomes JSON here too, from its struct.  Nothing else in
 * bpfdojo spells an event's field names. */
#include <string.h>
#include "core/jsonx.h"
#include "pipeline.h"

static const char *const event_names[PIPELINE_EV_KINDS] = {
	[PIPELINE_EV_COMPILING] = "compiling",
	[PIPELINE_EV_COMPILED] = "compiled",
	[PIPELINE_EV_COMPILE_ERROR] = "compile_error",
	[PIPELINE_EV_STARTING] = "starting",
	[PIPELINE_EV_LOG] = "log",
	[PIPELINE_EV_LOADED] = "loaded",
	[PIPELINE_EV_ATTACHED] = "attached",
	[PIPELINE_EV_ATTACH_FAILED] = "attach_failed",
	[PIPELINE_EV_VERIFIER] = "verifier",
	[PIPELINE_EV_DEBUG] = "debug",
	[PIPELINE_EV_SUBMIT] = "submit",
	[PIPELINE_EV_WORKLOAD_DONE] = "workload_done",
	[PIPELINE_EV_VERDICT] = "verdict",
	[PIPELINE_EV_DONE] = "done",
	[PIPELINE_EV_OUTPUT] = "output",
	[PIPELINE_EV_PRINTK] = "printk",
	[PIPELINE_EV_RECORD] = "record",
	[PIPELINE_EV_MAP] = "map",
	[PIPELINE_EV_STATS] = "stats",
	[PIPELINE_EV_DROPPED] = "dropped",
	[PIPELINE_EV_RING] = "ring",
	[PIPELINE_EV_XLATED] = "xlated",
};

const char *pipeline_event_name(enum pipeline_event_kind kind)
{
	if ((unsigned)kind >= PIPELINE_EV_KINDS || !event_names[kind])
		return "?";
	return event_names[kind];
}

static const char *severity_name(enum compile_severity sev)
{
	switch (sev) {
	case COMPILE_ERROR: return "error";
	case COMPILE_WARNING: return "warning";
	default: return "note";
	}
}

static const char *vkind_name(enum dojo_val_kind vkind)
{
	switch (vkind) {
	case DOJO_VAL_NUM: return "num";
	case DOJO_VAL_STR: return "str";
	default: return "struct";
	}
}

static json_t *diags_json(const struct compile_diag *diags, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < n; i++) {
		const struct compile_diag *d = &diags[i];

		json_array_append_new(a, json_pack("{s:o, s:i, s:i, s:s, s:o, s:o}",
						   "file", jsonx_str(d->file), "line", d->line,
						   "col", d->col, "severity", severity_name(d->severity),
						   "message", jsonx_str(d->message),
						   "help", jsonx_str(d->help)));
	}
	return a;
}

static json_t *span_json(const struct grade_span *s)
{
	return json_pack("{s:o, s:i, s:i, s:i, s:o}", "file", jsonx_str(s->file), "line", s->line,
			 "col", s->col, "end_col", s->end_col, "label", jsonx_str(s->label));
}

/* One step of the trace: {line, col?, insn, text, insns, regs?, vars?, stack?, branch?,
 * rejected?}. */
static json_t *step_json(const struct grade_trace_step *s)
{
	json_t *o = json_pack("{s:i, s:i, s:o, s:[]}", "line", s->line, "insn", s->insn,
			      "text", jsonx_str(s->text), "insns");
	json_t *insns = o ? json_object_get(o, "insns") : NULL, *regs = NULL, *vars, *stack = NULL;

	for (unsigned k = 0; insns && k < s->ninsns && k < GRADE_TRACE_MAX_INSNS; k++)
		json_array_append_new(insns, jsonx_str(s->insns[k]));
	if (o && s->col)
		json_object_set_new(o, "col", json_integer(s->col));
	if (o && s->more_insns)
		json_object_set_new(o, "more_insns", json_integer(s->more_insns));
	if (o && s->nregs && (regs = json_object()))
		json_object_set_new(o, "regs", regs);
	for (unsigned k = 0; regs && k < s->nregs && k < GRADE_TRACE_MAX_REGS; k++)
		json_object_set_new(regs, s->regs[k].name, jsonx_str(s->regs[k].state));
	vars = NULL;
	for (unsigned k = 0; o && k < s->nregs && k < GRADE_TRACE_MAX_REGS; k++)
		if (s->regs[k].var[0] && (vars || (vars = json_object())))
			json_object_set_new(vars, s->regs[k].name, jsonx_str(s->regs[k].var));
	if (vars)
		json_object_set_new(o, "vars", vars);
	if (o && s->nstack && (stack = json_array()))
		json_object_set_new(o, "stack", stack);
	for (unsigned k = 0; stack && k < s->nstack && k < GRADE_TRACE_MAX_SLOTS; k++) {
		json_t *slot = json_pack("{s:s, s:o}", "slot", s->stack[k].slot, "state",
					 jsonx_str(s->stack[k].state));

		if (slot && s->stack[k].var[0])
			json_object_set_new(slot, "var", jsonx_str(s->stack[k].var));
		if (slot)
			json_array_append_new(stack, slot);
	}
	if (o && s->branch[0])
		json_object_set_new(o, "branch", jsonx_str(s->branch));
	if (o && s->rejected)
		json_object_set_new(o, "rejected", json_true());
	return o;
}

json_t *pipeline_diag_json(const struct grade_diag *d)
{
	json_t *sec = json_array(), *notes = json_array(), *trace = json_array(), *o;

	for (unsigned i = 0; sec && i < d->nsecondary && i < GRADE_DIAG_MAX_SECONDARY; i++)
		json_array_append_new(sec, span_json(&d->secondary[i]));
	for (unsigned i = 0; notes && i < d->nnotes && i < GRADE_DIAG_MAX_NOTES; i++)
		json_array_append_new(notes, jsonx_str(d->notes[i]));
	for (unsigned i = 0; trace && i < d->ntrace && i < GRADE_TRACE_MAX_STEPS; i++)
		json_array_append_new(trace, step_json(&d->trace[i]));
	o = json_pack("{s:o, s:o, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:i}",
		      "title", jsonx_str(d->title), "class", jsonx_str(d->cls),
		      "known", d->known, "primary", span_json(&d->primary), "secondary", sec,
		      "help", jsonx_str(d->help), "notes", notes,
		      "raw_log", jsonx_string(d->raw_log ? d->raw_log : "", d->raw_log_len),
		      "verifier_trace", trace, "verifier_trace_omitted", (int)d->trace_omitted);
	if (o && d->trace_deadline)
		json_object_set_new(o, "verifier_trace_deadline", json_true());
	return o;
}

/* "diagnosis" and "diagnosis_text", when there is a diagnosis. */
static json_t *add_diagnosis(json_t *o, const struct grade_diag *d, const char *text)
{
	if (o && d)
		json_object_set_new(o, "diagnosis", pipeline_diag_json(d));
	if (o && d && text)
		json_object_set_new(o, "diagnosis_text", jsonx_str(text));
	return o;
}

static json_t *verdict_json(const struct pipeline_event *ev)
{
	typeof(ev->u.verdict) const *v = &ev->u.verdict;
	json_t *o;

	if (v->verdict == GRADE_OK)   /* bpfdojo check: it compiles, nothing ran */
		return json_pack("{s:s, s:i}", "verdict", "OK", "compile_ms", v->compile_ms);
	o = json_pack("{s:s, s:o, s:i, s:i, s:i, s:i, s:i, s:i}",
		      "verdict", grade_verdict_name(v->verdict), "message", jsonx_str(v->message),
		      "compile_ms", v->compile_ms, "run_ms", v->run_ms, "total_ms", v->total_ms,
		      "records", v->records, "dropped", v->dropped, "lost", v->lost);
	if (o && v->submitted) {
		json_object_set_new(o, "submitted", jsonx_str(v->submitted));
		json_object_set_new(o, "submitted_type", jsonx_str(v->submitted_type));
	}
	return o;
}

/* A MAP event's entries: [{key, value, [cpus: [...], sum]}]. */
static json_t *map_items_json(const struct pipeline_event *ev)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < ev->u.map.nitems; i++) {
		const struct pipeline_map_item *it = &ev->u.map.items[i];
		json_t *o = json_pack("{s:o, s:o}", "key", jsonx_str(it->key),
				      "value", jsonx_str(it->value));

		if (o && it->cpu_values) {
			json_t *cpus = json_array();

			for (unsigned c = 0; cpus && c < it->ncpus; c++)
				json_array_append_new(cpus, jsonx_str(it->cpu_values[c]));
			json_object_set_new(o, "cpus", cpus);
			if (it->has_sum)
				json_object_set_new(o, "sum", json_integer((json_int_t)it->sum));
		}
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *play_json(const struct pipeline_event *ev)
{
	switch (ev->kind) {
	case PIPELINE_EV_OUTPUT:
		return json_pack("{s:s, s:o}", "stream", ev->u.output.stream,
				 "text", jsonx_string(ev->u.output.text, ev->u.output.len));
	case PIPELINE_EV_PRINTK:
		return json_pack("{s:o, s:o, s:i, s:o}",
				 "line", jsonx_string(ev->u.output.text, ev->u.output.len),
				 "comm", jsonx_str(ev->u.output.comm), "pid", ev->u.output.pid,
				 "message", jsonx_str(ev->u.output.message));
	case PIPELINE_EV_RECORD:
		return json_pack("{s:o, s:I, s:o, s:o}", "map", jsonx_str(ev->u.precord.map),
				 "size", (json_int_t)ev->u.precord.size,
				 "type", jsonx_str(ev->u.precord.type),
				 "value", jsonx_str(ev->u.precord.value));
	case PIPELINE_EV_MAP:
		return json_pack("{s:o, s:o, s:o, s:o, s:i, s:i, s:I, s:o}",
				 "map", jsonx_str(ev->u.map.name), "type", jsonx_str(ev->u.map.type),
				 "key_type", jsonx_str(ev->u.map.key_type),
				 "value_type", jsonx_str(ev->u.map.value_type),
				 "entries", ev->u.map.entries, "cpus", ev->u.map.cpus,
				 "left_out", (json_int_t)(ev->u.map.entries > ev->u.map.nitems ?
							  ev->u.map.entries - ev->u.map.nitems : 0),
				 "items", map_items_json(ev));
	case PIPELINE_EV_STATS:
		return json_pack("{s:o, s:I, s:I}", "program", jsonx_str(ev->u.stats.program),
				 "run_cnt", (json_int_t)ev->u.stats.run_cnt,
				 "run_time_ns", (json_int_t)ev->u.stats.run_time_ns);
	case PIPELINE_EV_DROPPED:
		return json_pack("{s:s, s:i, s:I}", "what", ev->u.dropped.what,
				 "count", ev->u.dropped.count, "bytes", (json_int_t)ev->u.dropped.bytes);
	case PIPELINE_EV_RING: {
		json_t *o = json_pack("{s:o, s:s, s:I, s:i, s:i, s:I}",
				      "map", jsonx_str(ev->u.ring.map), "type", ev->u.ring.type,
				      "size", (json_int_t)ev->u.ring.size, "records", ev->u.ring.records,
				      "dropped", ev->u.ring.dropped, "lost", (json_int_t)ev->u.ring.lost);

		if (o && ev->u.ring.has_pos)
			json_object_update_new(o, json_pack("{s:I, s:I, s:I}",
					       "pending", (json_int_t)ev->u.ring.pending,
					       "consumer_pos", (json_int_t)ev->u.ring.consumer_pos,
					       "producer_pos", (json_int_t)ev->u.ring.producer_pos));
		return o;
	}
	default:
		return NULL;
	}
}

/* An XLATED listing: {program, insns, jited_bytes, truncated, lines: [{line, col, file,
 * text, insns: [...], jit_bytes, jit?: [...], jit_more?}], text?}. */
static json_t *xlated_json(const struct pipeline_event *ev)
{
	const struct grade_xlated *x = ev->u.xlated.x;
	json_t *lines = json_array(), *o;

	for (unsigned i = 0; x && lines && i < x->nlines; i++) {
		const struct grade_xlated_line *l = &x->lines[i];
		json_t *insns = json_array(), *lo;

		for (unsigned k = 0; insns && k < l->ninsns; k++)
			json_array_append_new(insns, jsonx_str(x->insns[l->first + k]));
		lo = json_pack("{s:i, s:i, s:o, s:o, s:o, s:i}", "line", l->line, "col", l->col,
			       "file", jsonx_str(l->file), "text", jsonx_str(l->text),
			       "insns", insns ? insns : json_null(), "jit_bytes", l->jit_len);
		if (lo && l->jit) {
			json_t *jit = json_array();

			for (unsigned k = 0; jit && k < l->njit; k++)
				json_array_append_new(jit, jsonx_str(l->jit[k]));
			json_object_set_new(lo, "jit", jit ? jit : json_null());
			if (l->jit_more)
				json_object_set_new(lo, "jit_more", json_integer(l->jit_more));
		}
		json_array_append_new(lines, lo);
	}
	if (!x || !lines) {
		json_decref(lines);
		return NULL;
	}
	o = json_pack("{s:o, s:i, s:I, s:b, s:o}", "program", jsonx_str(x->prog),
		      "insns", x->ninsns, "jited_bytes", (json_int_t)x->jited_len,
		      "truncated", x->truncated, "lines", lines);
	if (o && ev->u.xlated.text)
		json_object_set_new(o, "text", jsonx_str(ev->u.xlated.text));
	return o;
}

/* The fields of @ev, without "event". */
static json_t *fields_json(const struct pipeline_event *ev)
{
	const struct grade_record *rec;
	json_t *o;

	switch (ev->kind) {
	case PIPELINE_EV_COMPILING:
		return json_pack("{s:o, s:o}", "exercise", jsonx_str(ev->u.compiling.exercise),
				 "file", jsonx_str(ev->u.compiling.file));
	case PIPELINE_EV_COMPILED:
		return json_pack("{s:i, s:I, s:o}", "ms", ev->u.compiled.ms, "object_bytes",
				 (json_int_t)ev->u.compiled.object_bytes, "diagnostics",
				 diags_json(ev->u.compiled.diags, ev->u.compiled.ndiags));
	case PIPELINE_EV_COMPILE_ERROR:
		return json_pack("{s:i, s:o, s:o}", "ms", ev->u.compiled.ms,
				 "message", jsonx_str(ev->u.compiled.message), "diagnostics",
				 diags_json(ev->u.compiled.diags, ev->u.compiled.ndiags));
	case PIPELINE_EV_STARTING:
		return json_pack("{s:o}", "sandbox", jsonx_str(ev->u.starting.sandbox));
	case PIPELINE_EV_LOG:
		return json_pack("{s:i, s:o}", "level", ev->u.log.level, "text", jsonx_str(ev->u.log.text));
	case PIPELINE_EV_LOADED:
		return json_pack("{s:i, s:i, s:i}", "programs", ev->u.loaded.programs,
				 "maps", ev->u.loaded.maps, "ms", ev->u.loaded.ms);
	case PIPELINE_EV_ATTACHED:
		return json_pack("{s:o, s:o}", "program", jsonx_str(ev->u.prog.program),
				 "section", jsonx_str(ev->u.prog.section));
	case PIPELINE_EV_ATTACH_FAILED:
		return add_diagnosis(json_pack("{s:o, s:o, s:i, s:o}",
					       "program", jsonx_str(ev->u.prog.program),
					       "section", jsonx_str(ev->u.prog.section),
					       "error", ev->u.prog.error,
					       "message", jsonx_str(ev->u.prog.message)),
				     ev->u.prog.diagnosis, ev->u.prog.diagnosis_text);
	case PIPELINE_EV_VERIFIER:
		o = add_diagnosis(json_pack("{s:o, s:i, s:o, s:o}",
					       "program", jsonx_str(ev->u.prog.program),
					       "error", ev->u.prog.error,
					       "message", jsonx_str(ev->u.prog.message),
					       "log", jsonx_string(ev->u.prog.log ? ev->u.prog.log : "",
								   ev->u.prog.log_len)),
				  ev->u.prog.diagnosis, ev->u.prog.diagnosis_text);
		if (o && ev->u.prog.diagnosis && ev->u.prog.trace_text)
			json_object_set_new(o, "verifier_trace_text", jsonx_str(ev->u.prog.trace_text));
		return o;
	case PIPELINE_EV_DEBUG:
	case PIPELINE_EV_SUBMIT:
		rec = ev->u.record;
		if (!rec)
			return NULL;
		if (ev->kind == PIPELINE_EV_SUBMIT)
			return json_pack("{s:o, s:o, s:s}",
					 "value", jsonx_string(rec->value, rec->value_len),
					 "type", jsonx_str(rec->type), "kind", vkind_name(rec->vkind));
		return json_pack("{s:o, s:o, s:o, s:s}", "label", jsonx_str(rec->label),
				 "value", jsonx_string(rec->value, rec->value_len),
				 "type", jsonx_str(rec->type), "kind", vkind_name(rec->vkind));
	case PIPELINE_EV_WORKLOAD_DONE:
		return json_pack("{s:i, s:i}", "ms", ev->u.workload_done.ms,
				 "status", ev->u.workload_done.status);
	case PIPELINE_EV_VERDICT:
		return verdict_json(ev);
	case PIPELINE_EV_XLATED:
		return xlated_json(ev);
	case PIPELINE_EV_DONE:
		return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i}",
				 "compile_ms", ev->u.done.compile_ms, "start_ms", ev->u.done.start_ms,
				 "load_ms", ev->u.done.load_ms, "run_ms", ev->u.done.run_ms,
				 "grade_ms", ev->u.done.grade_ms, "total_ms", ev->u.done.total_ms);
	default:
		return play_json(ev);
	}
}

json_t *pipeline_event_json(const struct pipeline_event *ev)
{
	json_t *o, *f;

	if (!ev || (unsigned)ev->kind >= PIPELINE_EV_KINDS)
		return NULL;
	f = fields_json(ev);
	o = f ? json_pack("{s:s}", "event", pipeline_event_name(ev->kind)) : NULL;
	/* "event" first: a reader of a stream sees what an object is before its fields */
	if (o && json_object_update(o, f)) {
		json_decref(o);
		o = NULL;
	}
	json_decref(f);
	return o;
}
