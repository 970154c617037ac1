/* xlated.c: an XLATED message (a loaded program's xlated instructions, line info and JITed
 * image) turned into a listing by source line, and that listing as terminal text; see
 * xlated.h.  Every array from the guest is checked before use: it is untrusted. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/bpf.h>
#include <bpf/btf.h>
#include "value.h"
#include "xlated.h"

struct names {
	const char *text;   /* "h <imm> <name>\n", "m <id> <name>\n", "b <addr> ...", "j <off> <hex>" */
	size_t len;
	char found[PROTO_NAME_MAX * 2];
};

static const char *lookup(void *ctx, int kind, long long v);

/* The next "k <number> <name>" line of @n->text from *@pos on, parsed; 0 at the end.  Lines
 * that do not parse (or are too long to) are skipped. */
static int next_name(const struct names *n, size_t *pos, char *kind, long long *num,
		     char name[PROTO_NAME_MAX * 2])
{
	while (*pos < n->len) {
		const char *p = n->text + *pos, *nl = memchr(p, '\n', n->len - *pos);
		size_t ll = nl ? (size_t)(nl - p) : n->len - *pos;
		char line[PROTO_NAME_MAX * 2 + 32];

		*pos += ll + 1;
		if (ll >= sizeof(line))
			continue;
		memcpy(line, p, ll);
		line[ll] = 0;
		if (sscanf(line, "%c %lld %127s", kind, num, name) == 3)
			return 1;
	}
	return 0;
}

/* The value of the first @kind line whose number is the largest <= @at (LLONG_MAX: any),
 * its name parsed as hex when @hex; 0 when there is none. */
static unsigned long long name_num(struct names *n, int kind, long long at, int hex)
{
	char name[PROTO_NAME_MAX * 2], k;
	unsigned long long best = 0;
	long long best_at = 0, got;
	size_t pos = 0;
	int have = 0;

	while (next_name(n, &pos, &k, &got, name))
		if (k == kind && got <= at && (!have || got > best_at)) {
			have = 1;
			best_at = got;
			best = hex ? strtoull(name, NULL, 16) : (unsigned long long)got;
		}
	return best;
}

static const char *lookup(void *ctx, int kind, long long v)
{
	struct names *n = ctx;
	char name[PROTO_NAME_MAX * 2], k;
	size_t pos = 0;
	long long got;

	if (kind == 'a') {   /* a JIT call: the helper at address v, as its call imm */
		unsigned long long base = name_num(n, 'b', LLONG_MAX, 0);

		return base ? lookup(ctx, 'h', (long long)((unsigned long long)v - base)) : NULL;
	}
	while (next_name(n, &pos, &k, &got, name))
		if (k == kind && got == v) {
			snprintf(n->found, sizeof(n->found), "%s", name);
			return n->found;
		}
	return NULL;
}

static const char *btf_str(const struct btf *btf, uint32_t off)
{
	const char *s = btf ? btf__name_by_offset(btf, off) : NULL;

	return s ? s : "";
}

struct src {
	const char *text, *name;
	size_t len;
};

/* Line @line (from 1) of @s as a pointer and length; NULL when it has none. */
static const char *src_line(const struct src *s, int line, size_t *n)
{
	const char *p = s->text, *end = s->text + s->len;

	for (int k = 1; p && p < end && k < line; k++) {
		p = memchr(p, '\n', (size_t)(end - p));
		p = p ? p + 1 : NULL;
	}
	if (!p || p >= end || line < 1)
		return NULL;
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	*n = (size_t)((nl ? nl : end) - p);
	return p;
}

static void fill_line(struct grade_xlated_line *l, const struct btf *btf,
		      const struct bpf_line_info *li, const struct src *s)
{
	const char *file = btf_str(btf, li->file_name_off), *slash = strrchr(file, '/');
	const char *text = btf_str(btf, li->line_off), *own;
	size_t n = strlen(text);

	l->line = (int)BPF_LINE_INFO_LINE_NUM(li->line_col);
	l->col = (int)BPF_LINE_INFO_LINE_COL(li->line_col);
	snprintf(l->file, sizeof(l->file), "%s", slash ? slash + 1 : file);
	l->other_file = s->name && l->file[0] && strcmp(l->file, s->name);
	if (s->text && (!s->name || !strcmp(l->file, s->name) || !l->file[0]) &&
	    (own = src_line(s, l->line, &n)))
		text = own;
	for (; n && (*text == ' ' || *text == '\t'); n--)
		text++;
	snprintf(l->text, sizeof(l->text), "%.*s", (int)(n < sizeof(l->text) ? n : sizeof(l->text) - 1), text);
}

void grade_xlated_free(struct grade_xlated *x)
{
	if (!x)
		return;
	free(x->insns);
	free(x->insn_idx);
	for (unsigned i = 0; x->lines && i < x->nlines; i++)
		free(x->lines[i].jit);
	free(x->lines);
	free(x->jited);
	free(x);
}

/* The instructions as text. */
static int disassemble(struct grade_xlated *x, const struct proto_xlated *m)
{
	size_t n = m->insns_len / sizeof(struct bpf_insn);
	struct bpf_insn *in = malloc(m->insns_len ? m->insns_len : 1);
	struct names nm = { .text = (const char *)m->names, .len = m->names_len };

	x->insns = calloc(n ? n : 1, sizeof(*x->insns));
	x->insn_idx = calloc(n ? n : 1, sizeof(*x->insn_idx));
	if (!in || !x->insns || !x->insn_idx) {
		free(in);
		return -ENOMEM;
	}
	memcpy(in, m->insns, m->insns_len);   /* frame payloads are not aligned */
	for (size_t i = 0; i < n;) {
		char t[GRADE_XLATED_INSN_TEXT];
		int k = grade_insn_print(&in[i], n - i, lookup, &nm, t, sizeof(t));

		x->insn_idx[x->ninsns] = (uint32_t)i;
		snprintf(x->insns[x->ninsns++], sizeof(x->insns[0]), "%u: %.90s", (unsigned)i % 100000u, t);
		i += (size_t)(k > 0 ? k : 1);
	}
	free(in);
	return 0;
}

/* Instruction index @insn_off as an index into x->insns (ld_imm64 takes two slots). */
static unsigned text_index(const struct grade_xlated *x, uint32_t insn_off)
{
	unsigned lo = 0, hi = x->ninsns;   /* the first with an index >= insn_off */

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (x->insn_idx[mid] < insn_off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int build_lines(struct grade_xlated *x, const struct btf *btf, const struct proto_xlated *m,
		       const struct src *s)
{
	struct names nm = { .text = (const char *)m->names, .len = m->names_len };
	size_t nli = m->lines_len / sizeof(struct bpf_line_info);
	size_t n = m->insns_len / sizeof(struct bpf_insn);
	struct bpf_line_info *li = malloc((nli ? nli : 1) * sizeof(*li));
	uint32_t *offs = NULL;
	int has_jit = m->jit_offs_len == nli * sizeof(uint32_t) && nli;

	if (has_jit && !(offs = malloc(m->jit_offs_len))) {
		free(li);
		return -ENOMEM;
	}
	x->lines = calloc(nli + 1, sizeof(*x->lines));
	if (!li || !x->lines) {
		free(li);
		free(offs);
		return -ENOMEM;
	}
	memcpy(li, m->lines, nli * sizeof(*li));
	if (has_jit)
		memcpy(offs, m->jit_offs, m->jit_offs_len);
	for (size_t i = 0; i < nli; i++)
		if (li[i].insn_off >= n || (i && li[i].insn_off < li[i - 1].insn_off)) {
			free(li);
			free(offs);
			return -EPROTO;
		}
	/* instructions before the first line info (none from clang, but the kernel may add) */
	if (!nli || li[0].insn_off > 0) {
		struct grade_xlated_line *l = &x->lines[x->nlines++];

		l->first = 0;
		l->jit_off = -1;
	}
	for (size_t i = 0; i < nli; i++) {
		struct grade_xlated_line *prev = x->nlines ? &x->lines[x->nlines - 1] : NULL, tmp = { 0 };
		int64_t off = has_jit && offs[i] != UINT32_MAX && offs[i] < x->jited_len ? (int64_t)offs[i] : -1;

		fill_line(&tmp, btf, &li[i], s);
		tmp.first = text_index(x, li[i].insn_off);
		tmp.jit_off = off;
		if (prev && prev->line == tmp.line && !strcmp(prev->file, tmp.file) && prev->line) {
			if (prev->jit_off < 0)
				prev->jit_off = off;
			continue;   /* the same line again, its next column: one step */
		}
		x->lines[x->nlines++] = tmp;
	}
	for (unsigned i = 0; i < x->nlines; i++) {
		struct grade_xlated_line *l = &x->lines[i];
		unsigned end = i + 1 < x->nlines ? x->lines[i + 1].first : x->ninsns;
		int64_t jend = (int64_t)x->jited_len;

		l->ninsns = end > l->first ? end - l->first : 0;
		for (unsigned k = i + 1; k < x->nlines; k++)
			if (x->lines[k].jit_off >= 0) {
				jend = x->lines[k].jit_off;
				break;
			}
		l->jit_len = l->jit_off >= 0 && jend > l->jit_off ? (unsigned)(jend - l->jit_off) : 0;
		if (l->jit_len && !(l->jit = calloc(DOJO_XLATED_JIT_INSNS, sizeof(*l->jit)))) {
			free(li);
			free(offs);
			return -ENOMEM;
		}
		long long fn_off = (long long)name_num(&nm, 'j', l->jit_off, 0);
		unsigned long long fn = name_num(&nm, 'j', l->jit_off, 1);
		uint64_t addr = fn ? fn + (uint64_t)(l->jit_off - fn_off) : 0;

		if (l->jit_len && grade_jit_disasm(x->jited + l->jit_off, l->jit_len, (uint64_t)l->jit_off,
						   addr, lookup, &nm, l->jit, DOJO_XLATED_JIT_INSNS,
						   &l->njit, &l->jit_more)) {
			free(l->jit);
			l->jit = NULL;
		}
	}
	free(li);
	free(offs);
	return 0;
}

int grade_xlated_new(const struct grade_btf *g, const struct proto_xlated *m,
		     const char *source, size_t len, const char *filename,
		     struct grade_xlated **out)
{
	struct src s = { .text = source, .len = source ? len : 0, .name = filename };
	struct grade_xlated *x;
	int rc;

	*out = NULL;
	if (m->insns_len % sizeof(struct bpf_insn) || m->lines_len % sizeof(struct bpf_line_info) ||
	    m->jit_offs_len % sizeof(uint32_t) ||
	    m->insns_len > DOJO_MAX_XLATED_INSNS * sizeof(struct bpf_insn) ||
	    m->lines_len > DOJO_MAX_XLATED_INSNS * sizeof(struct bpf_line_info) ||
	    m->jited_len > DOJO_MAX_XLATED_JIT)
		return -EPROTO;
	x = calloc(1, sizeof(*x));
	if (!x)
		return -ENOMEM;
	snprintf(x->prog, sizeof(x->prog), "%s", m->prog);
	x->truncated = m->insns_len == DOJO_MAX_XLATED_INSNS * sizeof(struct bpf_insn);
	x->jited = malloc(m->jited_len ? m->jited_len : 1);
	x->jited_len = m->jited_len;
	rc = x->jited ? 0 : -ENOMEM;
	if (!rc)
		memcpy(x->jited, m->jited, m->jited_len);
	rc = rc ?: disassemble(x, m);
	rc = rc ?: build_lines(x, g ? grade_btf_raw(g) : NULL, m, &s);
	if (rc) {
		grade_xlated_free(x);
		return rc;
	}
	*out = x;
	return 0;
}

int grade_xlated_render_text(const struct grade_xlated *x, int color, struct buf *out)
{
	const char *dim = color ? "\033[2m" : "", *bold = color ? "\033[1;34m" : "",
		   *reset = color ? "\033[0m" : "";
	size_t start = out->len;
	int w = 1, err;

	for (unsigned i = 0; i < x->nlines; i++)
		for (int l = x->lines[i].line, k = 1; l >= 10; l /= 10)
			w = ++k > w ? k : w;
	err = buf_addf(out, "prog '%s' as the kernel runs it: %u instruction%s%s", x->prog,
		       x->ninsns, x->ninsns == 1 ? "" : "s", x->truncated ? " (the first ones)" : "");
	if (!err && x->jited_len)
		err = buf_addf(out, ", JITed to %zu bytes of x86-64", x->jited_len);
	err = err ?: buf_adds(out, "\n");
	for (unsigned i = 0; i < x->nlines && !err; i++) {
		const struct grade_xlated_line *l = &x->lines[i];

		if (l->line && (l->other_file || !l->text[0]))   /* a header's line: named by file */
			err = buf_addf(out, "%s%*s |%s %s%s:%d:%s %s\n", bold, w, "", reset, dim,
				       l->file[0] ? l->file : "?", l->line, reset, l->text);
		else if (l->line)
			err = buf_addf(out, "%s%*d |%s %s\n", bold, w, l->line, reset, l->text);
		else
			err = buf_addf(out, "%s%*s |%s (no source line)\n", bold, w, "?", reset);
		for (unsigned k = 0; k < l->ninsns && !err; k++)
			err = buf_addf(out, "%s%*s |%s   %s\n", bold, w, "", reset,
				       x->insns[l->first + k]);
		for (unsigned k = 0; k < l->njit && !err; k++)
			err = buf_addf(out, "%s%*s |%s   %s    jit %s%s\n", bold, w, "", reset, dim,
				       l->jit[k], reset);
		if (!err && l->jit_more)
			err = buf_addf(out, "%s%*s |%s   %s    jit ... %u more%s\n", bold, w, "", reset,
				       dim, l->jit_more, reset);
		if (!err && l->jit_len && !l->jit)   /* no disassembler: the size at least */
			err = buf_addf(out, "%s%*s |%s   %s    jit %u bytes%s\n", bold, w, "", reset, dim,
				       l->jit_len, reset);
		if (!err && out->len - start > DOJO_XLATED_MAX_TEXT)
			err = -E2BIG;
	}
	if (err == -E2BIG) {
		int e2 = buf_addf(out, "... (the listing is cut at %u bytes)\n", DOJO_XLATED_MAX_TEXT);

		(void)e2;
	}
	return err;
}
