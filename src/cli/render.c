/* render.c: the CLI's text view of a run (see render.h); JSON mode prints events verbatim. */
#include <stdlib.h>
#include <string.h>
#include "core/limits.h"
#include "render.h"

#define C_RESET "\033[0m"
#define C_BOLD  "\033[1m"
#define C_RED   "\033[31m"
#define C_GREEN "\033[32m"
#define C_YEL   "\033[33m"
#define C_CYAN  "\033[36m"
#define C_DIM   "\033[2m"

#define VERIFIER_TAIL_LINES 25

static const char *col(const struct render *r, const char *c)
{
	return r->color ? c : "";
}

static const char *str(json_t *ev, const char *key)
{
	const char *s = json_string_value(json_object_get(ev, key));

	return s ? s : "";
}

static long long num(json_t *ev, const char *key)
{
	return json_integer_value(json_object_get(ev, key));
}

static void phase(struct render *r, const char *color, const char *word)
{
	if (r->line_open) {
		/* a phase that started ("loading ... ") ended without its own result line */
		fprintf(r->out, "%s\n", strcmp(word, "verifier") && strcmp(word, "verdict") ? "" : "failed");
		r->line_open = 0;
	}
	fprintf(r->out, "  %s%-9s%s ", col(r, color), word, col(r, C_RESET));
}

/* Print line @line (1-based) of the learner's source, or nothing. */
static int source_line(const struct render *r, long line, const char **start, size_t *len)
{
	const char *p = r->source, *end = r->source + r->source_len;

	if (!p || line < 1)
		return 0;
	for (long n = 1; n < line && p < end; n++) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (!p)
			return 0;
		p++;
	}
	if (p >= end)
		return 0;
	*start = p;
	*len = (size_t)((memchr(p, '\n', (size_t)(end - p)) ? (const char *)memchr(p, '\n', (size_t)(end - p)) : end) - p);
	return 1;
}

static void diagnostics(struct render *r, json_t *diags, const char *file)
{
	size_t i;
	json_t *d;

	json_array_foreach(diags, i, d) {
		const char *sev = str(d, "severity"), *dfile = str(d, "file");
		long line = (long)num(d, "line"), c = (long)num(d, "col");
		const char *color = !strcmp(sev, "error") ? C_RED : !strcmp(sev, "warning") ? C_YEL : C_CYAN;
		const char *src;
		size_t len;

		fprintf(r->out, "%s%s:%ld:%ld:%s %s%s:%s %s\n", col(r, C_BOLD), dfile, line, c,
			col(r, C_RESET), col(r, color), sev, col(r, C_RESET), str(d, "message"));
		if (strcmp(dfile, file) || !source_line(r, line, &src, &len))
			continue;
		fprintf(r->out, "%5ld | %.*s\n      | ", line, (int)len, src);
		for (long k = 1; k < c && (size_t)k <= len; k++)
			fputc(src[k - 1] == '\t' ? '\t' : ' ', r->out);
		fprintf(r->out, "%s^%s\n", col(r, color), col(r, C_RESET));
		if (*str(d, "help"))
			fprintf(r->out, "%shelp:%s %s\n", col(r, C_CYAN), col(r, C_RESET), str(d, "help"));
	}
}

static void verifier_log(struct render *r, const char *log)
{
	const char *p = log + strlen(log);
	int lines = 0;

	if (!*log)
		return;
	if (!r->raw_log) {
		/* the interesting part of a verifier log is its end */
		while (p > log && lines <= VERIFIER_TAIL_LINES)
			if (*--p == '\n' && p[1])
				lines++;
		if (p > log) {
			p++;
			fprintf(r->out, "%s  ... (%s; --raw-log shows the whole log)%s\n",
				col(r, C_DIM), "earlier lines cut", col(r, C_RESET));
		}
	} else {
		p = log;
	}
	fprintf(r->out, "%s%s%s", col(r, C_DIM), p, col(r, C_RESET));
	if (p[0] && p[strlen(p) - 1] != '\n')
		fputc('\n', r->out);
}

static void verdict(struct render *r, json_t *ev)
{
	const char *v = str(ev, "verdict");
	int good = !strcmp(v, "CORRECT") || !strcmp(v, "OK");

	phase(r, C_BOLD, "verdict");
	fprintf(r->out, "%s%s%s", col(r, good ? C_GREEN : C_RED), v, col(r, C_RESET));
	if (json_object_get(ev, "total_ms"))
		fprintf(r->out, "%s  (%lld ms)%s", col(r, C_DIM), num(ev, "total_ms"), col(r, C_RESET));
	fputc('\n', r->out);
	if (!good && *str(ev, "message"))
		fprintf(r->out, "            %s\n", str(ev, "message"));
	if (num(ev, "dropped") || num(ev, "lost"))
		fprintf(r->out, "            %snote: %lld record%s beyond the limit of %u per run "
			"were not shown, %lld found the ring buffer full%s\n", col(r, C_DIM),
			num(ev, "dropped"), num(ev, "dropped") == 1 ? "" : "s", DOJO_MAX_RECORDS,
			num(ev, "lost"), col(r, C_RESET));
}

int render_event(json_t *ev, void *ctx)
{
	struct render *r = ctx;
	const char *e = str(ev, "event");

	if (r->json) {
		char *s = json_dumps(ev, JSON_COMPACT | JSON_ENSURE_ASCII);

		if (s)
			fprintf(r->out, "%s\n", s);
		free(s);
		fflush(r->out);
		return 0;
	}
	if (!strcmp(e, "compiling")) {
		phase(r, C_CYAN, "compiling");
		fputs("... ", r->out);
		r->line_open = 1;
	} else if (!strcmp(e, "compiled")) {
		fprintf(r->out, "ok (%lld ms)\n", num(ev, "ms"));
		r->line_open = 0;
		diagnostics(r, json_object_get(ev, "diagnostics"), "");
	} else if (!strcmp(e, "compile_error")) {
		fprintf(r->out, "%sfailed%s\n", col(r, C_RED), col(r, C_RESET));
		r->line_open = 0;
		json_t *d = json_object_get(ev, "diagnostics");
		if (json_array_size(d)) {
			const char *file = str(json_array_get(d, 0), "file");
			diagnostics(r, d, file);
		}
	} else if (!strcmp(e, "starting")) {
		phase(r, C_CYAN, "loading");
		fputs("... ", r->out);
		r->line_open = 1;
	} else if (!strcmp(e, "loaded")) {
		fprintf(r->out, "ok (%lld ms): %lld program%s, %lld map%s\n", num(ev, "ms"),
			num(ev, "programs"), num(ev, "programs") == 1 ? "" : "s", num(ev, "maps"),
			num(ev, "maps") == 1 ? "" : "s");
		r->line_open = 0;
	} else if (!strcmp(e, "attached")) {
		r->programs_attached++;
		phase(r, C_CYAN, "attached");
		fprintf(r->out, "%s (%s)\n", str(ev, "program"), str(ev, "section"));
	} else if (!strcmp(e, "attach_failed")) {
		phase(r, C_RED, "attach");
		fprintf(r->out, "%sfailed%s: %s (%s)\n", col(r, C_RED), col(r, C_RESET),
			str(ev, "program"), str(ev, "section"));
		if (*str(ev, "diagnosis_text"))
			fprintf(r->out, "\n%s\n", str(ev, "diagnosis_text"));
		else
			fprintf(r->out, "            %s\n", str(ev, "message"));
	} else if (!strcmp(e, "verifier")) {
		phase(r, C_RED, "verifier");
		if (*str(ev, "program"))
			fprintf(r->out, "rejected program '%s'\n", str(ev, "program"));
		else
			fprintf(r->out, "%s\n", str(ev, "message"));
		if (r->raw_log || !*str(ev, "diagnosis_text"))
			verifier_log(r, str(ev, "log"));
		if (*str(ev, "diagnosis_text"))
			fprintf(r->out, "\n%s\n", str(ev, "diagnosis_text"));
		if (r->explain && *str(ev, "verifier_trace_text"))
			fprintf(r->out, "\n%s", str(ev, "verifier_trace_text"));
		else if (r->explain)
			fprintf(r->out, "\n(the verifier's log has no instructions to show)\n");
	} else if (!strcmp(e, "log")) {
		if (!r->verbose)
			return 0;
		phase(r, C_DIM, "libbpf");
		fprintf(r->out, "%s\n", str(ev, "text"));
	} else if (!strcmp(e, "debug")) {
		r->debug_events++;
		phase(r, C_YEL, "debug");
		if (!strcmp(str(ev, "kind"), "str"))
			fprintf(r->out, "%s = \"%s\"   %s(%s)%s\n", str(ev, "label"), str(ev, "value"),
				col(r, C_DIM), str(ev, "type"), col(r, C_RESET));
		else
			fprintf(r->out, "%s = %s   %s(%s)%s\n", str(ev, "label"), str(ev, "value"),
				col(r, C_DIM), str(ev, "type"), col(r, C_RESET));
	} else if (!strcmp(e, "submit")) {
		phase(r, C_BOLD, "submit");
		fprintf(r->out, !strcmp(str(ev, "kind"), "str") ? "\"%s\"   %s(%s)%s\n" : "%s   %s(%s)%s\n",
			str(ev, "value"), col(r, C_DIM), str(ev, "type"), col(r, C_RESET));
	} else if (!strcmp(e, "workload_done")) {
		long long status = num(ev, "status");

		phase(r, C_CYAN, "running");
		if (status)
			fprintf(r->out, "... workload failed (%lld ms, status %lld%s), %u debug "
				"event%s\n", num(ev, "ms"), status, status > 128 ? ": killed" : "",
				r->debug_events, r->debug_events == 1 ? "" : "s");
		else
			fprintf(r->out, "... workload done (%lld ms), %u debug event%s\n",
				num(ev, "ms"), r->debug_events, r->debug_events == 1 ? "" : "s");
	} else if (!strcmp(e, "verdict")) {
		verdict(r, ev);
	} else if (!strcmp(e, "xlated")) {   /* only there when asked for (--explain, --xlated) */
		phase(r, C_DIM, "xlated");
		fprintf(r->out, "%s\n", str(ev, "text"));
	} else {
		render_play_event(r, ev, e);
	}
	fflush(r->out);
	return 0;
}
