/* test_events.c: the one JSON writer of run events (pipeline.h: pipeline_event_json()).
 *
 * One row per event kind: a typed event and the exact JSON it must become, so a field cannot
 * be renamed, retyped or dropped without this file saying so.  Every kind has a row, and
 * docs/api.md documents every event and every field these rows produce (read from the file:
 * the schema and the writer cannot drift).  Pure: loads nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "cli/render.h"
#include "pipeline/pipeline.h"

static const struct compile_diag diag = {
	.file = "a.bpf.c", .line = 3, .col = 7, .severity = COMPILE_WARNING,
	.message = "unused variable 'x' [-Wunused-variable]", .help = "",
};

/* what the verifier saw: a check whose jump was taken, then the refused read */
static struct grade_trace_step vsteps[] = {
	{ .line = 8, .col = 2, .insn = 4, .text = "if (!v)", .insns = { "4: if r0 == 0x0 goto pc+2" },
	  .ninsns = 1, .regs = { { "R0", "map_value_or_null(id=1)", "v" } }, .nregs = 1,
	  .stack = { { "fp-8", "0", "key" }, { "fp-16", "mmmmmmmm", "" } }, .nstack = 2,
	  .branch = "taken" },
	{ .line = 9, .insn = 7, .text = "return v[0];", .insns = { "7: r0 = *(u8 *)(r0 +0)" },
	  .ninsns = 1, .more_insns = 3, .rejected = 1 },
};

/* an xlated listing: two lines, the first with its JITed instructions */
static char xinsns[][GRADE_XLATED_INSN_TEXT] = { "0: r0 = 0", "1: exit", "2: r0 = 1" };
static char xjit[][GRADE_XLATED_INSN_TEXT] = { "+0: xor eax, eax", "+2: ret" };
static struct grade_xlated_line xlines[] = {
	{ .line = 5, .col = 2, .file = "a.bpf.c", .text = "return 0;", .first = 0, .ninsns = 2,
	  .jit_off = 0, .jit_len = 3, .jit = xjit, .njit = 2, .jit_more = 1 },
	{ .line = 2, .file = "dojo.h", .other_file = 1, .text = "", .first = 2, .ninsns = 1,
	  .jit_off = -1 },
};
static struct grade_xlated xl = {
	.prog = "p", .insns = xinsns, .ninsns = 3, .lines = xlines, .nlines = 2, .jited_len = 3,
};

static struct grade_diag tdiag = {
	.known = 0, .cls = "unknown", .title = "t", .trace = vsteps, .ntrace = 2, .trace_omitted = 5,
};

static struct grade_diag vdiag = {
	.known = 1, .cls = "null-map-value", .title = "`v` may be NULL",
	.primary = { .file = "a.bpf.c", .line = 9, .col = 5, .end_col = 7, .label = "read here" },
	.secondary = { { .file = "a.bpf.c", .line = 8, .col = 2, .end_col = 10, .label = "from here" } },
	.nsecondary = 1, .help = "check `v` against NULL first", .notes = { "the verifier said: R0 invalid mem access" },
	.nnotes = 1, .raw_log = (char *)"0: (85) call 1\n", .raw_log_len = 15,
};

static const struct grade_record rec_debug = {
	.kind = DOJO_REC_DEBUG, .vkind = DOJO_VAL_NUM, .label = "pid", .type = "u32",
	.value = "42", .value_len = 2,
};
static const struct grade_record rec_submit = {
	.kind = DOJO_REC_SUBMIT, .vkind = DOJO_VAL_STR, .type = "char[16]",
	.value = "secret_\xff", .value_len = 8,   /* not UTF-8: U+FFFD */
};

static const char *const cpu_vals[] = { "3", "4" };
static const struct pipeline_map_item items[] = {
	{ .key = "7", .value = "7", .cpu_values = cpu_vals, .ncpus = 2, .has_sum = 1, .sum = 7 },
};

struct row {
	struct pipeline_event ev;
	const char *json;
};

#define EV(k, ...) { .kind = PIPELINE_EV_##k, .u = { __VA_ARGS__ } }

static const struct row rows[] = {
	{ EV(COMPILING, .compiling = { "process-name", "x.bpf.c" }),
	  "{\"event\":\"compiling\",\"exercise\":\"process-name\",\"file\":\"x.bpf.c\"}" },
	{ EV(COMPILED, .compiled = { .ms = 55, .object_bytes = 4096, .diags = &diag, .ndiags = 1 }),
	  "{\"event\":\"compiled\",\"ms\":55,\"object_bytes\":4096,\"diagnostics\":[{\"file\":\"a.bpf.c\","
	  "\"line\":3,\"col\":7,\"severity\":\"warning\",\"message\":\"unused variable 'x' [-Wunused-variable]\","
	  "\"help\":\"\"}]}" },
	{ EV(COMPILE_ERROR, .compiled = { .ms = 40, .message = "your program does not compile" }),
	  "{\"event\":\"compile_error\",\"ms\":40,\"message\":\"your program does not compile\","
	  "\"diagnostics\":[]}" },
	{ EV(STARTING, .starting = { "vm" }), "{\"event\":\"starting\",\"sandbox\":\"vm\"}" },
	{ EV(LOG, .log = { 2, "libbpf: loading object" }),
	  "{\"event\":\"log\",\"level\":2,\"text\":\"libbpf: loading object\"}" },
	{ EV(LOADED, .loaded = { 1, 2, 31 }),
	  "{\"event\":\"loaded\",\"programs\":1,\"maps\":2,\"ms\":31}" },
	{ EV(ATTACHED, .prog = { .program = "on_exec", .section = "tp/sched/sched_process_exec" }),
	  "{\"event\":\"attached\",\"program\":\"on_exec\",\"section\":\"tp/sched/sched_process_exec\"}" },
	{ EV(ATTACH_FAILED, .prog = { .program = "p", .section = "tp/x/y", .error = -2,
				      .message = "no such tracepoint", .diagnosis = &vdiag,
				      .diagnosis_text = "error: ..." }),
	  "{\"event\":\"attach_failed\",\"program\":\"p\",\"section\":\"tp/x/y\",\"error\":-2,"
	  "\"message\":\"no such tracepoint\",\"diagnosis\":{\"title\":\"`v` may be NULL\","
	  "\"class\":\"null-map-value\",\"known\":true,\"primary\":{\"file\":\"a.bpf.c\",\"line\":9,"
	  "\"col\":5,\"end_col\":7,\"label\":\"read here\"},\"secondary\":[{\"file\":\"a.bpf.c\","
	  "\"line\":8,\"col\":2,\"end_col\":10,\"label\":\"from here\"}],\"help\":\"check `v` against "
	  "NULL first\",\"notes\":[\"the verifier said: R0 invalid mem access\"],\"raw_log\":"
	  "\"0: (85) call 1\\n\",\"verifier_trace\":[],\"verifier_trace_omitted\":0},"
	  "\"diagnosis_text\":\"error: ...\"}" },
	{ EV(VERIFIER, .prog = { .program = "on_exec", .error = -13, .message = "permission denied",
				 .log = "0: R1=ctx\n", .log_len = 10 }),
	  "{\"event\":\"verifier\",\"program\":\"on_exec\",\"error\":-13,\"message\":\"permission denied\","
	  "\"log\":\"0: R1=ctx\\n\"}" },
	{ EV(DEBUG, .record = &rec_debug),
	  "{\"event\":\"debug\",\"label\":\"pid\",\"value\":\"42\",\"type\":\"u32\",\"kind\":\"num\"}" },
	{ EV(SUBMIT, .record = &rec_submit),
	  "{\"event\":\"submit\",\"value\":\"secret_\\uFFFD\",\"type\":\"char[16]\",\"kind\":\"str\"}" },
	{ EV(WORKLOAD_DONE, .workload_done = { 95, 0 }),
	  "{\"event\":\"workload_done\",\"ms\":95,\"status\":0}" },
	{ EV(VERDICT, .verdict = { .verdict = GRADE_WRONG, .message = "you submitted \"x\"",
				   .submitted = "\"x\"", .submitted_type = "char[16]", .compile_ms = 50,
				   .run_ms = 120, .total_ms = 300, .records = 3, .dropped = 1 }),
	  "{\"event\":\"verdict\",\"verdict\":\"WRONG\",\"message\":\"you submitted \\\"x\\\"\","
	  "\"compile_ms\":50,\"run_ms\":120,\"total_ms\":300,\"records\":3,\"dropped\":1,\"lost\":0,"
	  "\"submitted\":\"\\\"x\\\"\",\"submitted_type\":\"char[16]\"}" },
	{ EV(OUTPUT, .output = { .stream = "stdout", .text = "vm\n", .len = 3 }),
	  "{\"event\":\"output\",\"stream\":\"stdout\",\"text\":\"vm\\n\"}" },
	{ EV(PRINTK, .output = { .text = "cat-7 [000] x: bpf_trace_printk: hi", .len = 35,
				 .comm = "cat", .pid = 7, .message = "hi" }),
	  "{\"event\":\"printk\",\"line\":\"cat-7 [000] x: bpf_trace_printk: hi\",\"comm\":\"cat\","
	  "\"pid\":7,\"message\":\"hi\"}" },
	{ EV(RECORD, .precord = { .map = "events", .size = 4, .type = "struct ev", .value = "{.pid = 7}" }),
	  "{\"event\":\"record\",\"map\":\"events\",\"size\":4,\"type\":\"struct ev\","
	  "\"value\":\"{.pid = 7}\"}" },
	{ EV(MAP, .map = { .name = "counts", .type = "percpu_array", .key_type = "u32",
			   .value_type = "u64", .entries = 3, .cpus = 2, .items = items, .nitems = 1 }),
	  "{\"event\":\"map\",\"map\":\"counts\",\"type\":\"percpu_array\",\"key_type\":\"u32\","
	  "\"value_type\":\"u64\",\"entries\":3,\"cpus\":2,\"left_out\":2,\"items\":[{\"key\":\"7\","
	  "\"value\":\"7\",\"cpus\":[\"3\",\"4\"],\"sum\":7}]}" },
	{ EV(STATS, .stats = { "on_open", 12, 3400 }),
	  "{\"event\":\"stats\",\"program\":\"on_open\",\"run_cnt\":12,\"run_time_ns\":3400}" },
	{ EV(DROPPED, .dropped = { "printk", 90, 4000 }),
	  "{\"event\":\"dropped\",\"what\":\"printk\",\"count\":90,\"bytes\":4000}" },
	{ EV(XLATED, .xlated = { &xl, "5 | return 0;\n" }),
	  "{\"event\":\"xlated\",\"program\":\"p\",\"insns\":3,\"jited_bytes\":3,\"truncated\":false,"
	  "\"lines\":[{\"line\":5,\"col\":2,\"file\":\"a.bpf.c\",\"text\":\"return 0;\","
	  "\"insns\":[\"0: r0 = 0\",\"1: exit\"],\"jit_bytes\":3,\"jit\":[\"+0: xor eax, eax\",\"+2: ret\"],"
	  "\"jit_more\":1},{\"line\":2,\"col\":0,\"file\":\"dojo.h\",\"text\":\"\",\"insns\":[\"2: r0 = 1\"],"
	  "\"jit_bytes\":0}],\"text\":\"5 | return 0;\\n\"}" },
	{ EV(RING, .ring = { "events", "ringbuf", 4096, 12, 3, 0, 1, 16, 640, 656 }),
	  "{\"event\":\"ring\",\"map\":\"events\",\"type\":\"ringbuf\",\"size\":4096,\"records\":12,"
	  "\"dropped\":3,\"lost\":0,\"pending\":16,\"consumer_pos\":640,\"producer_pos\":656}" },
	{ EV(DONE, .done = { 50, 40, 12, 120, 0, 310 }),
	  "{\"event\":\"done\",\"compile_ms\":50,\"start_ms\":40,\"load_ms\":12,\"run_ms\":120,"
	  "\"grade_ms\":0,\"total_ms\":310}" },
};

/* Rows that are not the first of their kind: other shapes of the same event. */
static const struct row more[] = {
	/* a perf event array has no positions */
	{ EV(RING, .ring = { "samples", "perf_event_array", 32768, 5, 0, 7 }),
	  "{\"event\":\"ring\",\"map\":\"samples\",\"type\":\"perf_event_array\",\"size\":32768,"
	  "\"records\":5,\"dropped\":0,\"lost\":7}" },
	{ EV(VERIFIER, .prog = { .program = "p", .error = -13, .message = "m", .log = "", .log_len = 0,
				 .diagnosis = &tdiag, .diagnosis_text = "d", .trace_text = "t" }),
	  "{\"event\":\"verifier\",\"program\":\"p\",\"error\":-13,\"message\":\"m\",\"log\":\"\","
	  "\"diagnosis\":{\"title\":\"t\",\"class\":\"unknown\",\"known\":false,\"primary\":{\"file\":"
	  "\"\",\"line\":0,\"col\":0,\"end_col\":0,\"label\":\"\"},\"secondary\":[],\"help\":\"\","
	  "\"notes\":[],\"raw_log\":\"\",\"verifier_trace\":[{\"line\":8,\"insn\":4,\"text\":"
	  "\"if (!v)\",\"insns\":[\"4: if r0 == 0x0 goto pc+2\"],\"col\":2,\"regs\":{\"R0\":"
	  "\"map_value_or_null(id=1)\"},\"vars\":{\"R0\":\"v\"},\"stack\":[{\"slot\":\"fp-8\","
	  "\"state\":\"0\",\"var\":\"key\"},{\"slot\":\"fp-16\",\"state\":\"mmmmmmmm\"}],"
	  "\"branch\":\"taken\"},{\"line\":9,\"insn\":7,\"text\":"
	  "\"return v[0];\",\"insns\":[\"7: r0 = *(u8 *)(r0 +0)\"],\"more_insns\":3,\"rejected\":"
	  "true}],\"verifier_trace_omitted\":5},\"diagnosis_text\":\"d\",\"verifier_trace_text\":\"t\"}" },
	{ EV(VERDICT, .verdict = { .verdict = GRADE_OK, .compile_ms = 61 }),
	  "{\"event\":\"verdict\",\"verdict\":\"OK\",\"compile_ms\":61}" },
	{ EV(VERDICT, .verdict = { .verdict = GRADE_TIMEOUT, .message = "too slow" }),
	  "{\"event\":\"verdict\",\"verdict\":\"TIMEOUT\",\"message\":\"too slow\",\"compile_ms\":0,"
	  "\"run_ms\":0,\"total_ms\":0,\"records\":0,\"dropped\":0,\"lost\":0}" },
};

static void check_row(const struct row *r)
{
	json_t *j = pipeline_event_json(&r->ev);
	char *s = j ? json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;

	CHECK(s && !strcmp(s, r->json), "%s:\n  got  %s\n  want %s", pipeline_event_name(r->ev.kind),
	      s ? s : "(null)", r->json);
	free(s);
	json_decref(j);
}

static void test_rows(void)
{
	int seen[PIPELINE_EV_KINDS] = { 0 };

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		check_row(&rows[i]);
		seen[rows[i].ev.kind]++;
	}
	for (size_t i = 0; i < sizeof(more) / sizeof(more[0]); i++)
		check_row(&more[i]);
	for (int k = 0; k < PIPELINE_EV_KINDS; k++) {
		CHECK(seen[k] == 1, "event kind %d (%s) has %d rows, want 1", k,
		      pipeline_event_name((enum pipeline_event_kind)k), seen[k]);
		CHECK(strcmp(pipeline_event_name((enum pipeline_event_kind)k), "?"), "kind %d has a name", k);
	}
	CHECK_STR(pipeline_event_name(PIPELINE_EV_KINDS), "?", "past the last kind");
	CHECK(pipeline_event_json(&(struct pipeline_event){ .kind = PIPELINE_EV_KINDS }) == NULL,
	      "no JSON for an unknown kind");
	CHECK(pipeline_event_json(NULL) == NULL, "no JSON for NULL");
}

/* Every event and every field the rows produce is in docs/api.md, in that event's section
 * ("### `name`" up to the next "### "), as `field`. */
static void test_documented(void)
{
	FILE *f = fopen("docs/api.md", "re");
	static char doc[256 * 1024];
	size_t n = f ? fread(doc, 1, sizeof(doc) - 1, f) : 0;

	if (f)
		fclose(f);
	doc[n] = 0;
	CHECK(n > 0, "docs/api.md is missing (run from the project root)");
	for (size_t i = 0; n && i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *name = pipeline_event_name(rows[i].ev.kind);
		json_t *j = pipeline_event_json(&rows[i].ev), *v;
		char head[64], want[80];
		const char *key, *sec, *end;

		snprintf(head, sizeof(head), "### `%s`", name);
		sec = strstr(doc, head);
		CHECK(sec, "docs/api.md has no section %s", head);
		if (!sec) {
			json_decref(j);
			continue;
		}
		end = strstr(sec + 4, "\n### ");
		end = end ? end : sec + strlen(sec);
		json_object_foreach(j, key, v) {
			const char *at;

			snprintf(want, sizeof(want), "`%s`", key);
			at = strstr(sec, want);
			CHECK(at && at < end, "docs/api.md: event '%s' does not document field '%s'", name, key);
		}
		json_decref(j);
	}
}

/* The CLI's text for @json, one event. */
static void render_text(const char *json, char *out, size_t cap)
{
	struct render r = { 0 };
	json_t *ev = json_loads(json, 0, NULL);
	FILE *f = fmemopen(out, cap, "w");

	memset(out, 0, cap);
	r.out = f;
	if (ev && f)
		render_event(ev, &r);
	if (f)
		fclose(f);
	json_decref(ev);
}

/* A workload that failed or was killed is not "done" (a bug: a failed VM workload read as if
 * it had finished well). */
static void test_render_workload(void)
{
	char out[256];

	render_text("{\"event\":\"workload_done\",\"ms\":12,\"status\":0}", out, sizeof(out));
	CHECK(strstr(out, "workload done (12 ms)") != NULL, "a workload that succeeded: %s", out);
	render_text("{\"event\":\"workload_done\",\"ms\":12,\"status\":2}", out, sizeof(out));
	CHECK(strstr(out, "workload failed (12 ms, status 2)") != NULL, "exit code 2: %s", out);
	render_text("{\"event\":\"workload_done\",\"ms\":9,\"status\":137}", out, sizeof(out));
	CHECK(strstr(out, "status 137: killed") != NULL, "killed: %s", out);
}

int main(void)
{
	test_rows();
	test_documented();
	test_render_workload();
	return harness_done("events");
}
