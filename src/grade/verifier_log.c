/* verifier_log.c: the kernel verifier's log, parsed into lines a diagnosis can walk.
 *
 * Only the tail is read (GRADE_DIAG_LOG_TAIL bytes, GRADE_DIAG_SCAN_LINES lines): the failure
 * is always at the end.  Each line is classified (instruction, state, branch, source comment,
 * statistics, other, a line of a 7.3+ report); the error message is the run of "other" lines
 * between the last instruction-ish line and the statistics.  Register states are looked up as text in the
 * "R2=scalar(smin=0,smax=umax=16,...)" notation the verifier prints at log levels 1 and 2.
 * Nothing here trusts the log: every number is parsed with bounds, every line is capped. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "verifier_internal.h"

#define VLOG_MAX_WALK DOJO_VERIFIER_WALK_LINES   /* lines walked back for a register's state */

static bool parse_uint(const char *s, int *out, const char **end)
{
	long v = 0;
	int n = 0;

	while (isdigit((unsigned char)s[n]) && n < 9)
		v = v * 10 + (s[n++] - '0');
	if (n == 0 || isdigit((unsigned char)s[n]))
		return false;
	*out = (int)v;
	*end = s + n;
	return true;
}

static bool is_noise(const char *s)
{
	static const char *const prefixes[] = {
		"mark_precise", "last_idx", "regs=", "parent ", "func#", "Validating ",
		"Func#", "verification time", "stack depth", "caller:", "callee:",
		"returning from callee", "to caller at", "propagating", "Live regs",
		"arg#", "; ",
	};

	if (!*s)
		return true;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(s, prefixes[i], strlen(prefixes[i])))
			return true;
	return isspace((unsigned char)s[0]);
}

static void classify(struct vline *l, char *s)
{
	const char *end;
	int a, b;

	l->kind = VL_OTHER;
	l->text = s;
	l->state = "";
	l->file = "";
	if (!strncmp(s, "; ", 2)) {
		char *at = strstr(s + 2, " @ "), *colon;

		l->kind = VL_SOURCE;
		l->text = s + 2;
		if (at && (colon = strrchr(at + 3, ':')) && parse_uint(colon + 1, &a, &end) &&
		    !*end) {
			*at = 0;
			*colon = 0;
			l->file = at + 3;
			l->line = a;
		}
		while (*l->text == ' ')
			l->text++;
		return;
	}
	if (!strncmp(s, "processed ", 10) && strstr(s, " insns")) {
		l->kind = VL_STATS;
		return;
	}
	if (!strncmp(s, "from ", 5) && parse_uint(s + 5, &a, &end) && !strncmp(end, " to ", 4) &&
	    parse_uint(end + 4, &b, &end) && *end == ':') {
		l->kind = VL_FROM;
		l->from = a;
		l->insn = b;
		l->state = end[1] == ' ' ? end + 2 : end + 1;
		return;
	}
	if (!parse_uint(s, &a, &end) || end[0] != ':' || end[1] != ' ')
		return;
	l->insn = a;
	s = (char *)end + 2;
	if (s[0] == '(' && isxdigit((unsigned char)s[1]) && isxdigit((unsigned char)s[2]) &&
	    s[3] == ')' && s[4] == ' ') {
		char *semi = strstr(s + 5, " ; "), *t;

		l->kind = VL_INSN;
		l->opcode = (unsigned)strtoul(s + 1, NULL, 16);
		l->text = s + 5;
		if (semi) {
			l->state = semi + 3;
			*semi = 0;
		}
		/* a branch taken at once: "if r1 > r6 goto pc+4 16: R0=... (the target's state)" */
		if (!semi && (t = strstr(s + 5, " goto pc")) && (t = strchr(t + 8, ' ')) &&
		    parse_uint(t + 1, &b, &end) && end[0] == ':' && end[1] == ' ') {
			*t = 0;
			l->state = end + 2;
		}
		for (t = s + 5 + strlen(s + 5); t > s + 5 && t[-1] == ' '; t--)
			t[-1] = 0;
	} else if (s[0] == 'R' || !strncmp(s, "fp", 2)) {
		l->kind = VL_STATE;
		l->state = s;
	}
}

void grade_vlog_free(struct vlog *v)
{
	if (!v)
		return;
	free(v->buf);
	free(v->lines);
	memset(v, 0, sizeof(*v));
}

/* The error region: "other" lines after the last structured line, before the statistics. */
static void find_error(struct vlog *v)
{
	size_t stats = v->n;
	int last = -1;

	for (size_t i = v->n; i > 0; i--)
		if (v->lines[i - 1].kind == VL_STATS) {
			stats = i - 1;
			break;
		}
	/* a 7.3+ report follows the terse message: neither structure nor the error (the terse
	 * line stays the key every class matches on) */
	for (size_t i = 0; i < stats; i++)
		if (v->lines[i].kind != VL_OTHER && v->lines[i].kind != VL_REPORT)
			last = (int)i;
	v->err_first = v->err_last = -1;
	for (size_t i = (size_t)(last + 1); i < stats; i++) {
		if (v->lines[i].kind == VL_REPORT || is_noise(v->lines[i].text))
			continue;
		if (v->err_first < 0)
			v->err_first = (int)i;
		v->err_last = (int)i;
	}
	/* only "noise" after the last instruction: it is the message ("arg#0 pointer type STRUCT
	 * task_struct must point to scalar, ..." for a kfunc's argument) */
	for (size_t i = (size_t)(last + 1); v->err_first < 0 && i < stats; i++)
		if (v->lines[i].kind == VL_OTHER)
			v->err_first = v->err_last = (int)i;
	/* nothing after the last instruction: the last "other" line before it is the message */
	if (v->err_first < 0)
		for (int i = last; i >= 0 && v->err_first < 0; i--)
			if (v->lines[i].kind == VL_OTHER && !is_noise(v->lines[i].text))
				v->err_first = v->err_last = i;
	v->error = v->err_last >= 0 ? v->lines[v->err_last].text : "";
	v->fail = -1;
	v->fail_insn = -1;
	for (int i = (v->err_first >= 0 ? v->err_first : (int)stats) - 1; i >= 0; i--) {
		if (v->lines[i].kind == VL_INSN) {
			v->fail = i;
			v->fail_insn = v->lines[i].insn;
			break;
		}
		if (v->lines[i].kind == VL_FROM)
			break;
	}
	v->src_line = v->fail >= 0 ? grade_vlog_src_line_at(v, v->fail) : 0;
	v->src_file = "";
	for (int i = v->fail; i >= 0; i--)
		if (v->lines[i].kind == VL_SOURCE && v->lines[i].line) {
			v->src_file = v->lines[i].file;
			break;
		}
	for (int i = v->fail >= 0 ? v->fail : (int)v->n - 1; i >= 0; i--) {
		const char *t = v->lines[i].text;

		if (v->lines[i].kind == VL_OTHER && !strncmp(t, "Validating ", 11)) {
			size_t k = strcspn(t + 11, "( ");

			v->subprog = 1;
			snprintf(v->func, sizeof(v->func), "%.*s", (int)(k < 63 ? k : 63), t + 11);
			break;
		}
	}
}

int grade_vlog_parse(struct vlog *v, const char *log, size_t len)
{
	size_t nl = 0, start = 0, cap;
	char *p;

	memset(v, 0, sizeof(*v));
	v->err_first = v->err_last = v->fail = v->fail_insn = -1;
	v->error = "";
	v->src_file = "";
	if (!log)
		len = 0;
	if (len > GRADE_DIAG_LOG_TAIL) {
		log += len - GRADE_DIAG_LOG_TAIL;
		len = GRADE_DIAG_LOG_TAIL;
	}
	/* keep the last GRADE_DIAG_SCAN_LINES lines */
	for (size_t i = len; i > 0; i--) {
		if (log[i - 1] == '\n' && i != len && ++nl >= GRADE_DIAG_SCAN_LINES) {
			start = i;
			break;
		}
	}
	v->buf = malloc(len - start + 1);
	cap = 2 * nl + 4;   /* a line may be split in two (see below) */
	v->lines = calloc(cap, sizeof(*v->lines));
	if (!v->buf || !v->lines) {
		grade_vlog_free(v);
		return -ENOMEM;
	}
	if (len > start)
		memcpy(v->buf, log + start, len - start);
	v->buf[len - start] = 0;
	p = v->buf;
	for (size_t i = 0; i < len - start; i++)   /* a NUL inside the log ends nothing */
		if (v->buf[i] == 0 || v->buf[i] == '\r')
			v->buf[i] = ' ';
	while (*p && v->n < cap) {
		char *e = strchr(p, '\n');

		char *stats;

		if (e)
			*e = 0;
		/* the kernel may append its statistics to an unterminated error line */
		stats = strstr(p, "processed ");
		if (stats && stats != p && isdigit((unsigned char)stats[10]) && v->n + 1 < cap) {
			*stats = 0;
			classify(&v->lines[v->n++], p);
			v->lines[v->n] = (struct vline){ .kind = VL_STATS, .text = "", .state = "",
							 .file = "" };
			v->n++;
		} else {
			classify(&v->lines[v->n++], p);
		}
		if (!e)
			break;
		p = e + 1;
	}
	grade_vreport_parse(v);
	find_error(v);
	return 0;
}

/* Index of the line before @i on the path that reached @i, -1 at its start. */
int grade_vlog_path_prev(const struct vlog *v, int i)
{
	const struct vline *l;

	if (i <= 0 || i > (int)v->n)
		return -1;
	l = &v->lines[i - 1];
	if (l->kind == VL_FROM) {
		for (int k = i - 2; k >= 0; k--)
			if (v->lines[k].kind == VL_INSN && v->lines[k].insn == l->from)
				return k;
		return -1;
	}
	if (l->kind == VL_STATE && l->insn == 0)
		return -1;
	return i - 1;
}

bool grade_vlog_reg(const char *state, int reg, char *out, size_t cap)
{
	char name[8];
	const char *p = state;
	size_t nlen;

	if (!state || reg < 0 || reg > 10 || cap == 0)
		return false;
	nlen = (size_t)snprintf(name, sizeof(name), "R%d", reg);
	while ((p = strstr(p, name))) {
		const char *q = p + nlen;
		int depth = 0;
		size_t n = 0;

		if (p != state && p[-1] != ' ') {
			p = q;
			continue;
		}
		if (!strncmp(q, "_w", 2) || !strncmp(q, "_r", 2))
			q += 2;
		if (*q != '=') {
			p = q;
			continue;
		}
		q++;
		while (q[n] && (depth > 0 || q[n] != ' ')) {
			if (q[n] == '(')
				depth++;
			else if (q[n] == ')')
				depth--;
			n++;
		}
		snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), q);
		return true;
	}
	return false;
}

bool grade_vlog_field(const char *value, const char *field, char *out, size_t cap)
{
	const char *p = strchr(value ? value : "", '(');
	size_t flen = strlen(field);

	if (!p || cap == 0)
		return false;
	p++;
	while (*p && *p != ')') {
		/* one item: "a=b=c=VALUE" up to ',' at depth 0 */
		const char *item = p, *val;
		int depth = 0;
		bool match = false;
		size_t n = 0;

		while (p[n] && (depth > 0 || (p[n] != ',' && p[n] != ')'))) {
			if (p[n] == '(')
				depth++;
			else if (p[n] == ')')
				depth--;
			n++;
		}
		val = item;
		for (const char *q = item; q < item + n; q++) {
			if (*q == '(')
				break;
			if (*q == '=') {
				if ((size_t)(q - val) == flen && !strncmp(val, field, flen))
					match = true;
				val = q + 1;
			}
		}
		if (match) {
			size_t vn = (size_t)(item + n - val);

			snprintf(out, cap, "%.*s", (int)(vn < cap ? vn : cap - 1), val);
			return true;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return false;
}

static bool parse_ll(const char *s, long long *out)
{
	char *end;

	errno = 0;
	if (!strncmp(s, "0x", 2))
		*out = (long long)strtoull(s, &end, 16);
	else
		*out = strtoll(s, &end, 10);
	return errno == 0 && end != s && (*end == 0 || *end == ' ');
}

bool grade_vlog_num(const char *value, const char *field, long long *out)
{
	char f[64];

	if (!field)
		return value && parse_ll(value, out);
	return grade_vlog_field(value, field, f, sizeof(f)) && parse_ll(f, out);
}

bool grade_vlog_reg_before(const struct vlog *v, int at, int reg, char *out, size_t cap)
{
	for (int i = at - 1, steps = 0; i >= 0 && i < (int)v->n && steps < VLOG_MAX_WALK;
	     i--, steps++) {
		const struct vline *l = &v->lines[i];

		/* a path's start is a full state (it has R10); a state line elsewhere ("2: R1=..."
		 * after a load through BTF) lists only the registers that changed */
		if (l->kind == VL_FROM || (l->kind == VL_STATE && (l->insn == 0 ||
								   strstr(l->state, "R10="))))
			return grade_vlog_reg(l->state, reg, out, cap);
		if ((l->kind == VL_INSN || l->kind == VL_STATE) &&
		    grade_vlog_reg(l->state, reg, out, cap))
			return true;
	}
	return false;
}

int grade_vlog_src_line_at(const struct vlog *v, int at)
{
	int steps = 0;

	for (int i = at; i >= 0 && steps++ < VLOG_MAX_WALK; i--)
		if (v->lines[i].kind == VL_SOURCE && v->lines[i].line)
			return v->lines[i].line;
	return 0;
}
