/* diag.c: clang's stderr to struct compile_diag records (compile_parse_diags, see compile.h).
 *
 * The input is untrusted bytes (clang echoes the learner's identifiers and string literals), so
 * the parser is bounded, never reads past @len, and makes every string it outputs valid UTF-8
 * without control characters.  It is fuzzed by tests/test_compile.c. */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "compile.h"
#include "internal.h"
#include "core/utf8.h"

static const struct {
	const char *word;
	enum compile_severity sev;
} severities[] = {
	{ "fatal error", COMPILE_ERROR },
	{ "error", COMPILE_ERROR },
	{ "warning", COMPILE_WARNING },
	{ "note", COMPILE_NOTE },
	{ "remark", COMPILE_NOTE },
};

/* Copy @n bytes of @s into @out (size @outsz): stop before a character that would not fit,
 * replace invalid bytes and control characters by '?'. */
static void copy_clean(char *out, size_t outsz, const char *s, size_t n)
{
	size_t o = 0, i = 0;

	while (i < n) {
		size_t l = utf8_seq_len((const unsigned char *)s + i, n - i);

		if (l == 0 || (l == 1 && ((unsigned char)s[i] < 0x20 || s[i] == 0x7f))) {
			if (o + 1 >= outsz)
				break;
			out[o++] = (s[i] == '\t') ? ' ' : '?';
			i++;
			continue;
		}
		if (o + l >= outsz)
			break;
		memcpy(out + o, s + i, l);
		o += l;
		i += l;
	}
	out[o] = 0;
}

/* Parse the decimal number at @s (at most @n bytes, at least one digit): its value capped at
 * INT_MAX, and how many bytes it used (0 if no digit). */
static size_t parse_num(const char *s, size_t n, int *val)
{
	size_t i = 0;
	long v = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9') {
		v = v * 10 + (s[i] - '0');
		if (v > INT_MAX)
			v = INT_MAX;
		i++;
	}
	*val = (int)v;
	return i;
}

/* If @s (n bytes) starts with "SEVERITY: ", set *sev and return the length of that prefix. */
static size_t parse_sev(const char *s, size_t n, enum compile_severity *sev)
{
	for (size_t k = 0; k < sizeof(severities) / sizeof(severities[0]); k++) {
		size_t l = strlen(severities[k].word);

		if (n >= l + 2 && !memcmp(s, severities[k].word, l) && s[l] == ':' && s[l + 1] == ' ') {
			*sev = severities[k].sev;
			return l + 2;
		}
	}
	return 0;
}

/* The name a diagnostic shows for @file (@fl bytes) seen in the jail. */
static void map_file(struct compile_diag *d, const char *file, size_t fl, const char *filename)
{
	static const char inc[] = COMPILE_JAIL_INC "/";

	if (filename && ((fl == 7 && !memcmp(file, "<stdin>", 7)) ||
			 (fl == strlen(filename) && !memcmp(file, filename, fl)))) {
		copy_clean(d->file, sizeof(d->file), filename, strlen(filename));
		return;
	}
	if (fl > sizeof(inc) - 1 && !memcmp(file, inc, sizeof(inc) - 1)) {
		file += sizeof(inc) - 1;
		fl -= sizeof(inc) - 1;
	}
	copy_clean(d->file, sizeof(d->file), file, fl);
}

/* Parse one line (no newline).  1 and *d filled if it is a diagnostic, 0 otherwise. */
static int parse_line(const char *s, size_t n, const char *filename, struct compile_diag *d)
{
	enum compile_severity sev;
	size_t k;

	/* "FILE:LINE:COL: SEV: MSG" or "FILE:LINE: SEV: MSG"; the first position that fits wins.
	 * No file name clang prints starts with a colon. */
	for (size_t i = 1; i < n && s[0] != ':'; i++) {
		size_t p = i + 1, m;
		int line = 0, col = 0;

		if (s[i] != ':')
			continue;
		m = parse_num(s + p, n - p, &line);
		if (!m || p + m >= n || s[p + m] != ':')
			continue;
		p += m + 1;
		m = parse_num(s + p, n - p, &col);
		if (m) {
			if (p + m >= n || s[p + m] != ':')
				continue;
			p += m + 1;
		}
		if (p >= n || s[p] != ' ')
			continue;
		p++;
		k = parse_sev(s + p, n - p, &sev);
		if (!k)
			continue;
		memset(d, 0, sizeof(*d));
		map_file(d, s, i, filename);
		d->line = line;
		d->col = col;
		d->severity = sev;
		copy_clean(d->message, sizeof(d->message), s + p + k, n - p - k);
		/* clang's BPF backend adds this after its stack error; it repeats the location */
		if (sev == COMPILE_NOTE && strstr(d->message, "could not determine the original source location"))
			return 0;
		compile_diag_hint(d);
		return 1;
	}
	/* "clang: error: MSG", "clang-19: warning: MSG" (driver messages, no location). */
	if (n > 7 && !memcmp(s, "clang", 5)) {
		const char *colon = memchr(s, ':', n);

		if (colon && (size_t)(colon - s) < 16 && (size_t)(colon - s) + 2 < n && colon[1] == ' ') {
			size_t p = (size_t)(colon - s) + 2;

			k = parse_sev(s + p, n - p, &sev);
			if (k) {
				memset(d, 0, sizeof(*d));
				d->severity = sev;
				copy_clean(d->message, sizeof(d->message), s + p + k, n - p - k);
				return 1;
			}
		}
	}
	return 0;
}

int compile_parse_diags(const char *text, size_t len, const char *filename,
			struct compile_diag **diags, size_t *ndiags)
{
	struct compile_diag *v = NULL, *shrunk;
	size_t n = 0, pos = 0;

	*diags = NULL;
	*ndiags = 0;
	if (!text || !len)
		return 0;
	v = calloc(DOJO_MAX_DIAGS, sizeof(*v));
	if (!v)
		return -ENOMEM;
	while (pos < len && n < DOJO_MAX_DIAGS) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - (text + pos)) : len - pos;

		if (l && text[pos + l - 1] == '\r')
			l--;
		n += (size_t)parse_line(text + pos, l, filename, &v[n]);
		pos += (nl ? (size_t)(nl - (text + pos)) + 1 : len - pos);
	}
	if (!n) {
		free(v);
		return 0;
	}
	shrunk = realloc(v, n * sizeof(*v));
	*diags = shrunk ? shrunk : v;
	*ndiags = n;
	return 0;
}
