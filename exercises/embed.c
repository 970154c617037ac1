/* embed.c: build-time generator of what the exercises' folders hold (runs on the build host).
 *
 *     exercise-embed OUT.c DIR...      the texts and hints, as C arrays
 *     exercise-embed --meta OUT.h DIR...   what the paths and small files say, as macros
 *     exercise-embed --table OUT.md DIR... docs/exercises.md: what each solution uses
 *
 * For each exercise folder DIR (exercises/<NN-chapter>/<NN-slug>) the .c gets the folder's
 * lesson.md, starter.bpf.c, solution.bpf.c and wrong.bpf.c as NUL-terminated char arrays named
 * exercise_text_<ident>_<part>, and hints.md as exercise_hints_<ident>[] (one string per
 * "- " item, NULL-terminated); ident is the slug without its number, '_' for '-'.  The .h gets
 * EXERCISE_META_<ident>: the struct fields the folder decides (its path, the chapter's title
 * from <NN-chapter>/chapter.md, the chapter and exercise numbers from the two NN prefixes, the
 * number of hints, and from the optional `needs` file whether host mode can run it).  That is
 * what exercise_def.h expects.  The table lists, per exercise, what its reference solution
 * uses: program types (its SEC() names), map types, helpers, CO-RE reads and globals, found by
 * scanning the source for those words.  Output goes to OUT.tmp, renamed when complete. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EMBED_MAX_TEXT  (256 * 1024)
#define EMBED_MAX_HINTS 3
#define EMBED_MIN_HINTS 2

static const struct { const char *file, *part; } parts[] = {
	{ "lesson.md",      "lesson_md" },
	{ "starter.bpf.c",  "starter" },
	{ "solution.bpf.c", "solution" },
	{ "wrong.bpf.c",    "wrong" },
};

/* "07-ring-buffers" -> 7, the rest after the '-' to *rest; -1 when not that shape */
static int number_of(const char *name, const char **rest)
{
	int n = 0;

	if (!isdigit((unsigned char)*name))
		return -1;
	for (; isdigit((unsigned char)*name); name++)
		if ((n = n * 10 + (*name - '0')) > 99)
			return -1;
	if (*name != '-' || !name[1] || n == 0)
		return -1;
	*rest = name + 1;
	return n;
}

/* exercises/01-processes/01-process-name: ident process_name, numbers 1 and 1, and the
 * chapter folder's path; -EINVAL when not that shape */
static int parse_dir(const char *dir, char *ident, size_t cap, int *chapter_no, int *no,
		     char *chapter_dir, size_t chapter_cap)
{
	const char *slug = strrchr(dir, '/'), *chap, *rest;
	size_t n = 0;

	if (!slug || slug == dir)
		return -EINVAL;
	for (chap = slug - 1; chap > dir && chap[-1] != '/'; chap--)
		;
	if ((*chapter_no = number_of(chap, &rest)) < 0 || (*no = number_of(slug + 1, &rest)) < 0)
		return -EINVAL;
	for (slug = rest; *slug; slug++) {
		char c = *slug == '-' ? '_' : *slug;

		if (!(isalnum((unsigned char)c) || c == '_') || n + 1 >= cap)
			return -EINVAL;
		ident[n++] = c;
	}
	ident[n] = '\0';
	n = (size_t)(strrchr(dir, '/') - dir);
	if ((size_t)snprintf(chapter_dir, chapter_cap, "%.*s", (int)n, dir) >= chapter_cap)
		return -EINVAL;
	return 0;
}

/* The whole file @dir/@name, NUL-terminated, into a malloc'd buffer; NULL (and a message
 * unless @optional and missing) on failure.  NUL bytes and files past the limit are refused. */
static char *slurp(const char *dir, const char *name, int optional)
{
	char path[4096];
	char *buf;
	size_t n;
	FILE *in;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!(in = fopen(path, "rb"))) {
		if (!optional || errno != ENOENT)
			fprintf(stderr, "exercise-embed: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	buf = malloc(EMBED_MAX_TEXT + 1);
	n = buf ? fread(buf, 1, EMBED_MAX_TEXT + 1, in) : 0;
	if (!buf || ferror(in) || n == 0 || n > EMBED_MAX_TEXT || memchr(buf, 0, n)) {
		fprintf(stderr, "exercise-embed: %s: %s\n", path, !buf ? "out of memory" :
			ferror(in) ? "read error" : n == 0 ? "empty" : n > EMBED_MAX_TEXT ?
			"too large" : "contains a NUL byte");
		free(buf);
		fclose(in);
		return NULL;
	}
	fclose(in);
	buf[n] = '\0';
	return buf;
}

static void c_string(FILE *out, const char *s, size_t len)
{
	fputc('"', out);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(out, "\\%03o", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static int embed_text(FILE *out, const char *dir, const char *ident, size_t i)
{
	char *text = slurp(dir, parts[i].file, 0);

	if (!text)
		return -1;
	fprintf(out, "const char exercise_text_%s_%s[] = {", ident, parts[i].part);
	for (size_t k = 0; text[k]; k++)
		fprintf(out, "%s0x%02x,", k % 16 == 0 ? "\n\t" : "",
			(unsigned)(unsigned char)text[k]);
	fprintf(out, "\n\t0x00\n};\n\n");
	free(text);
	return 0;
}

/* hints.md: a Markdown list, one hint per "- " item; an item continues on indented lines
 * and is written out with its lines joined by single spaces.  Returns the count, or -1. */
static int hints_of(const char *dir, FILE *out, const char *ident)
{
	char *text = slurp(dir, "hints.md", 0), *p;
	int n = 0;

	if (!text)
		return -1;
	if (out)
		fprintf(out, "const char *const exercise_hints_%s[] = {\n", ident);
	for (p = text; *p;) {
		char *eol = strchrnul(p, '\n');

		if (p[0] == '-' && p[1] == ' ') {
			char item[4096];
			size_t len = 0;

			for (char *line = p + 2;; ) {
				size_t l = (size_t)(eol - line);

				if (len + l + 1 >= sizeof(item))
					goto bad;
				if (len)
					item[len++] = ' ';
				memcpy(item + len, line, l);
				len += l;
				p = *eol ? eol + 1 : eol;
				eol = strchrnul(p, '\n');
				if (!(*p == ' ' || *p == '\t') || eol == p)
					break;
				for (line = p; *line == ' ' || *line == '\t'; line++)
					;
			}
			if (out) {
				fputc('\t', out);
				c_string(out, item, len);
				fputs(",\n", out);
			}
			n++;
			continue;
		}
		p = *eol ? eol + 1 : eol;
	}
	if (out)
		fprintf(out, "\tNULL\n};\n\n");
	free(text);
	if (n < EMBED_MIN_HINTS || n > EMBED_MAX_HINTS) {
		fprintf(stderr, "exercise-embed: %s/hints.md: %d hints, want %d to %d \"- \" items\n",
			dir, n, EMBED_MIN_HINTS, EMBED_MAX_HINTS);
		return -1;
	}
	return n;
bad:
	fprintf(stderr, "exercise-embed: %s/hints.md: a hint is too long\n", dir);
	free(text);
	return -1;
}

/* chapter.md's first line, "# Title", without the "# " */
static int chapter_title(const char *chapter_dir, FILE *out)
{
	char *text = slurp(chapter_dir, "chapter.md", 0);
	size_t len;

	if (!text)
		return -1;
	len = strcspn(text, "\n");
	if (strncmp(text, "# ", 2) != 0 || len < 3) {
		fprintf(stderr, "exercise-embed: %s/chapter.md: the first line must be \"# Title\"\n",
			chapter_dir);
		free(text);
		return -1;
	}
	c_string(out, text + 2, len - 2);
	free(text);
	return 0;
}

/* needs: one requirement a line ("module NAME": a kernel module the guest must load, picked up
 * by exercises.mk; "bin NAME": a program of the exercise's own, built from the folder's NAME.c
 * by exercises.mk into the guest's /bin (host mode: next to the agent), found through PATH;
 * "types KIND:NAME...": kernel types its programs use beyond the common ones,
 * for headers trimmed to what the exercises need (tests/test_btfgen.sh); "vm-only REASON": host
 * mode cannot run it, and says why); '#' comments.
 * Writes the .vm_only field. */
static int needs_of(const char *dir, FILE *out)
{
	char *text = slurp(dir, "needs", 1), *p;
	const char *vm_only = NULL;
	size_t vm_only_len = 0;

	for (p = text; p && *p;) {
		char *eol = strchrnul(p, '\n');

		if (!strncmp(p, "vm-only ", 8)) {
			vm_only = p + 8;
			vm_only_len = (size_t)(eol - vm_only);
		} else if (*p != '#' && eol != p && strncmp(p, "module ", 7) &&
			   strncmp(p, "types ", 6) && strncmp(p, "bin ", 4)) {
			fprintf(stderr, "exercise-embed: %s/needs: unknown line '%.*s'\n", dir,
				(int)(eol - p), p);
			free(text);
			return -1;
		}
		p = *eol ? eol + 1 : eol;
	}
	fputs(", .vm_only = ", out);
	if (vm_only)
		c_string(out, vm_only, vm_only_len);
	else
		fputs("NULL", out);
	free(text);
	return 0;
}

static int write_meta(FILE *out, const char *dir, const char *ident, int chapter_no, int no,
		      const char *chapter_dir)
{
	int nhints = hints_of(dir, NULL, ident);

	if (nhints < 0)
		return -1;
	fprintf(out, "#define EXERCISE_META_%s .dir = ", ident);
	c_string(out, dir, strlen(dir));
	fprintf(out, ", .chapter_no = %d, .no = %d, .nhints = %d, .chapter = ", chapter_no, no,
		nhints);
	if (chapter_title(chapter_dir, out) || needs_of(dir, out))
		return -1;
	fputs("\n", out);
	return 0;
}

/* Whether @p starts with one of @skip's space-separated prefixes (none when NULL). */
static int skipped(const char *p, const char *skip)
{
	for (const char *s = skip; s && *s; s += strspn(s, " ")) {
		size_t n = strcspn(s, " ");

		if (n && !strncmp(p, s, n))
			return 1;
		s += n;
	}
	return 0;
}

/* the words of @text that start with @prefix and go on with [A-Za-z0-9_], each once, in
 * order of first use, ", "-separated into @out; @skip: prefixes of words to leave out
 * (space-separated) */
static void words(const char *text, const char *prefix, const char *skip, int lower,
		  const char *tail, char *out, size_t cap)
{
	size_t plen = strlen(prefix), n = strlen(out);

	for (const char *p = text; (p = strstr(p, prefix)); p += plen) {
		char w[64];
		size_t len = plen;

		if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
			continue;
		while (isalnum((unsigned char)p[len]) || p[len] == '_')
			len++;
		if (len - plen == 0 || len - plen >= sizeof(w) - 8 || (tail && p[len] != *tail) ||
		    skipped(p, skip))
			continue;
		snprintf(w, sizeof(w), "`%.*s`", (int)(len - plen), p + plen);
		for (char *c = w; lower && *c; c++)
			*c = (char)tolower((unsigned char)*c);
		if (strstr(out, w))
			continue;
		n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "%s%s", n ? ", " : "", w);
	}
}

/* SEC("tp/sched/x") -> `tp`, SEC("xdp") -> `xdp`; not license and .maps */
static void sections(const char *text, char *out, size_t cap)
{
	size_t n = 0;

	for (const char *p = text; (p = strstr(p, "SEC(\"")); p += 5) {
		const char *s = p + 5;
		size_t len = strcspn(s, "/\"");
		char w[40];

		if (!strncmp(s, "license", 7) || *s == '.' || len == 0 || len > 30)
			continue;
		snprintf(w, sizeof(w), "`%.*s`", (int)len, s);
		if (strstr(out, w))
			continue;
		n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "%s%s", n ? ", " : "", w);
	}
}

/* a global variable: a line at column 0 declaring a plain variable (no parenthesis), other
 * than the license */
static int has_global(const char *text)
{
	static const char *const types[] = { "__u8 ", "__u16 ", "__u32 ", "__u64 ", "__s64 ",
					     "int ", "long ", "char ", "const volatile ", "bool " };

	for (const char *line = text; *line; line = strchrnul(line, '\n') + (*strchrnul(line, '\n') != 0)) {
		size_t len = strcspn(line, "\n");

		if (len < 4 || line[len - 1] != ';' || memchr(line, '(', len) ||
		    !strncmp(line, "char LICENSE", 12))
			continue;
		for (size_t t = 0; t < sizeof(types) / sizeof(types[0]); t++)
			if (!strncmp(line, types[t], strlen(types[t])))
				return 1;
	}
	return 0;
}

static const char *const core_checks[] = {
	"bpf_core_field_exists", "bpf_core_type_exists", "bpf_core_enum_value_exists",
};

static int write_row(FILE *out, const char *dir, const char *ident, int chapter_no, int no,
		     const char *chapter_dir)
{
	char *sol = slurp(dir, "solution.bpf.c", 0), *lesson = slurp(dir, "lesson.md", 0);
	char *needs = slurp(dir, "needs", 1);
	char progs[256] = "", maps[256] = "", helpers[512] = "", features[128] = "";
	size_t tlen;

	(void)chapter_dir;
	if (!sol || !lesson) {
		free(sol);
		free(lesson);
		free(needs);
		return -1;
	}
	sections(sol, progs, sizeof(progs));
	words(sol, "BPF_MAP_TYPE_", NULL, 1, NULL, maps, sizeof(maps));
	/* not helpers: byte-order macros, and CO-RE's relocations (features, below) */
	words(sol, "bpf_", "bpf_hton bpf_core_", 0, "(", helpers, sizeof(helpers));
	words(sol, "BPF_CORE_READ", NULL, 0, NULL, features, sizeof(features));
	if (strstr(sol, "BPF_CORE_READ") || strstr(sol, "_CORE("))
		snprintf(features, sizeof(features), "CO-RE");
	/* existence checks: relocations answered by the kernel the program loads on */
	for (size_t i = 0; i < sizeof(core_checks) / sizeof(core_checks[0]); i++)
		if (strstr(sol, core_checks[i]))
			snprintf(features + strlen(features), sizeof(features) - strlen(features),
				 "%s`%s`", features[0] ? ", " : "", core_checks[i]);
	if (has_global(sol))
		snprintf(features + strlen(features), sizeof(features) - strlen(features), "%sglobals",
			 features[0] ? ", " : "");
	tlen = strcspn(lesson, "\n");
	const char *slug = strrchr(dir, '/') + 1;

	slug += strspn(slug, "0123456789") + 1;   /* parse_dir() checked the shape */
	(void)ident;
	fprintf(out, "| %d.%d | `%s` | %.*s | %s | %s | %s | %s | %s |\n", chapter_no, no, slug,
		(int)(tlen > 2 ? tlen - 2 : 0), lesson + 2, progs, maps[0] ? maps : "-",
		helpers[0] ? helpers : "-", features[0] ? features : "-",
		needs && strstr(needs, "vm-only ") ? "VM only" : "VM, host");
	free(sol);
	free(lesson);
	free(needs);
	return 0;
}

int main(int argc, char **argv)
{
	char tmp[4096], ident[128], chapter_dir[4096];
	int meta = argc > 1 && !strcmp(argv[1], "--meta"), chapter_no, no;
	int table = argc > 1 && !strcmp(argv[1], "--table");
	const char *target;
	FILE *out;

	meta |= table;   /* both take an option before OUT */
	if (argc < 2 + meta) {
		fprintf(stderr, "usage: exercise-embed [--meta|--table] OUT DIR...\n");
		return 2;
	}
	target = argv[1 + meta];
	snprintf(tmp, sizeof(tmp), "%s.tmp", target);
	out = fopen(tmp, "w");
	if (!out) {
		fprintf(stderr, "exercise-embed: %s: %s\n", tmp, strerror(errno));
		return 1;
	}
	if (table)
		fprintf(out, "# Exercises\n\nGenerated by `make docs` (exercises/embed.c) from the "
			"exercises' folders: do not edit; `make check` fails when it is stale. "
			"Program types, maps, helpers and features are what each reference solution "
			"uses (helpers without their `bpf_` prefix; every program also reports through dojo.h\'s ring buffer).\n\n| # | exercise | title | program types | maps | helpers | "
			"features | runs in |\n|---|---|---|---|---|---|---|---|\n");
	else
		fprintf(out, "/* Generated by exercises/embed.c from the exercises' folders: do not edit. */\n\n");
	if (meta && !table)
		fprintf(out, "#include <stddef.h>\n\n");
	for (int d = 2 + meta; d < argc; d++) {
		if (parse_dir(argv[d], ident, sizeof(ident), &chapter_no, &no, chapter_dir,
			      sizeof(chapter_dir))) {
			fprintf(stderr, "exercise-embed: %s: not an exercises/<NN-chapter>/<NN-slug> "
				"folder\n", argv[d]);
			goto fail;
		}
		if (table) {
			if (write_row(out, argv[d], ident, chapter_no, no, chapter_dir))
				goto fail;
			continue;
		}
		if (meta) {
			if (write_meta(out, argv[d], ident, chapter_no, no, chapter_dir))
				goto fail;
			continue;
		}
		fprintf(out, "/* %s */\n#include <stddef.h>\n", argv[d]);
		for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
			if (embed_text(out, argv[d], ident, i))
				goto fail;
		if (hints_of(argv[d], out, ident) < 0)
			goto fail;
	}
	if (fclose(out) != 0 || rename(tmp, target) != 0) {
		fprintf(stderr, "exercise-embed: %s: %s\n", target, strerror(errno));
		remove(tmp);
		return 1;
	}
	return 0;
fail:
	fclose(out);
	remove(tmp);
	return 1;
}
