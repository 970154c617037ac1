/* test_verifier_sets.c: the verifier-log diagnosis on programs nobody here wrote the classes
 * for, whose rates are figures, listed per program, not asserted (a rejection must still be
 * diagnosed without a crash).  `test_verifier_sets wild` runs the set in tests/verifier-wild/,
 * `test_verifier_sets blind` the one in tests/verifier-blind/, `blind2` ... `blind10` the
 * later ones.  Needs root, the guest kernel and its initramfs; VERIFIER_ONLY, VERIFIER_KERNEL
 * and VERIFIER_SHOW as in tests/verifier_kernel.h.
 *
 * wild:  tests/verifier-wild/MANIFEST rows "<file> <line> <both|vm|host>" (looked at while the
 *        classes were tuned: no longer blind);
 * blind: tests/verifier-blind/<NN>.bpf.c, the line a good explanation must point at marked in the
 *        file with "// expect-line" (before any diagnosis ran), "// blind: vm only" (or host)
 *        where one kernel is meant; never tuned to;
 * blind2: tests/verifier-blind2/, a second set in the same form, written after the first had
 *        been studied (so no longer blind);
 * blind3: tests/verifier-blind3/, a third set in the same form, written without reading the
 *        classes, their tests or the other sets;
 * blind4: tests/verifier-blind4/, a fourth set in the same form, written the same blind way;
 * blind5: tests/verifier-blind5/, a fifth set in the same form, written the same blind way;
 * blind6: tests/verifier-blind6/, a sixth set in the same form, written the same blind way;
 * blind7: tests/verifier-blind7/, a seventh set in the same form, written the same blind way;
 * blind8: tests/verifier-blind8/, an eighth set in the same form, written the same blind way;
 * blind9: tests/verifier-blind9/, a ninth set in the same form, written the same blind way;
 * blind10: tests/verifier-blind10/, a tenth set in the same form, written the same blind way. */
#include "verifier_kernel.h"

#define WILD_DIR  "tests/verifier-wild"

/* The blind sets by the name the command line gives them: folder, and the figure's label. */
static const struct blind_set {
	const char *name, *dir, *label;
} blind_sets[] = {
	{ "blind", "tests/verifier-blind", "verifier blind set" },
	{ "blind2", "tests/verifier-blind2", "verifier blind2 set" },
	{ "blind3", "tests/verifier-blind3", "verifier blind3 set" },
	{ "blind4", "tests/verifier-blind4", "verifier blind4 set" },
	{ "blind5", "tests/verifier-blind5", "verifier blind5 set" },
	{ "blind6", "tests/verifier-blind6", "verifier blind6 set" },
	{ "blind7", "tests/verifier-blind7", "verifier blind7 set" },
	{ "blind8", "tests/verifier-blind8", "verifier blind8 set" },
	{ "blind9", "tests/verifier-blind9", "verifier blind9 set" },
	{ "blind10", "tests/verifier-blind10", "verifier blind10 set" },
};

struct set_tally {
	const char *label;
	int must_reject;   /* the wild set is all rejections: an acceptance fails the test */
	int list_all;      /* print every program's outcome, hits too (the blind sets' record) */
	int hit[K_N], ran[K_N], accepted[K_N];
};

/* One program of a set in each kernel named: a rejection must be diagnosed without a crash;
 * whether a class named it with a span on @line is a figure, and so is a kernel accepting it. */
static void run_set_program(const char *dir, const char *name, int line, const char *kernels,
			    int show, const int *kern, struct set_tally *t)
{
	char path[512];
	size_t src_len;
	char *src;
	struct compile_result cr = { 0 };
	struct compile_opts copts = { .filename = name };
	struct dojo_err err = { 0 };
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	src = slurp(path, &src_len);
	CHECK(src, "cannot read %s", path);
	if (!src)
		return;
	rc = compile_bpf(src, src_len, &copts, &cr, &err);
	CHECK(rc == 0 && cr.status == COMPILE_OK, "%s: does not compile: %s %s", name, err.msg,
	      cr.raw_stderr ? cr.raw_stderr : "");
	for (int k = 0; rc == 0 && cr.status == COMPILE_OK && k < K_N; k++) {
		struct buf text;
		int h = 0, known, acc = 0;

		if (!kern[k] || (strcmp(kernels, "both") && strcmp(kernels, kernel_names[k])))
			continue;
		buf_init(&text, 1 << 20);
		known = diagnose_in(name, src, src_len, &cr, k, show, &text, line, &h,
				    t->must_reject ? NULL : &acc);
		if (acc) {
			t->accepted[k]++;
			printf("  %s (%s): %s: accepted by this kernel (not counted)\n", t->label,
			       kernel_names[k], name);
		} else {
			t->ran[k]++;
			t->hit[k] += h;
			if (!h || t->list_all)
				printf("  %s (%s): %s: %s, %s line %d\n", t->label, kernel_names[k],
				       name, known ? "named" : "fallback", h ? "at" : "not at", line);
		}
		buf_free(&text);
	}
	compile_result_free(&cr);
	free(src);
}

static void test_wild(void)
{
	const char *only = getenv("VERIFIER_ONLY");
	int show = getenv("VERIFIER_SHOW") != NULL;
	int kernels[K_N];
	struct set_tally t = { .label = "verifier-wild", .must_reject = 1 };
	FILE *f = fopen(WILD_DIR "/MANIFEST", "re");
	char row[512];

	set_kernels(kernels);
	CHECK(f, "cannot open " WILD_DIR "/MANIFEST (run from the repository root)");
	while (f && fgets(row, sizeof(row), f)) {
		char name[256], which[16];
		int line;

		if (row[0] == '#' || row[0] == '\n')
			continue;
		if (sscanf(row, "%255s %d %15s", name, &line, which) != 3 || line <= 0) {
			CHECK(0, "MANIFEST: bad row: %s", row);
			continue;
		}
		if (selected(name, only))
			run_set_program(WILD_DIR, name, line, which, show, kernels, &t);
	}
	if (f)
		fclose(f);
	printf("verifier-wild: named class with a span on the right line in %d of %d (vm), "
	       "%d of %d (host)\n", t.hit[K_VM], t.ran[K_VM], t.hit[K_HOST], t.ran[K_HOST]);
}

/* The line of @src marked "// expect-line" (0 if none, -1 if more than one), and the kernels
 * its "// blind: <vm|host> only" comment names into @which ("both" without one). */
static int blind_marks(const char *src, char *which, size_t cap)
{
	const char *only = strstr(src, "// blind: "), *m = strstr(src, "// expect-line");
	int line = 1;

	snprintf(which, cap, "both");
	if (only && !strncmp(only + 10, "vm only", 7))
		snprintf(which, cap, "vm");
	else if (only && !strncmp(only + 10, "host only", 9))
		snprintf(which, cap, "host");
	if (!m)
		return 0;
	if (strstr(m + 1, "// expect-line"))
		return -1;
	for (const char *p = src; p < m; p++)
		line += *p == '\n';
	return line;
}

/* One blind set (@set's folder): every program in each kernel it is meant for, each outcome
 * listed, then the figure line. */
static void test_blind(const struct blind_set *set)
{
	int show = getenv("VERIFIER_SHOW") != NULL;
	int kernels[K_N];
	struct set_tally t = { .label = set->label, .list_all = 1 };
	char *names[MAX_FIXTURES];
	size_t n;

	set_kernels(kernels);
	n = list_programs(set->dir, names, MAX_FIXTURES);
	for (size_t i = 0; i < n; i++) {
		char path[512], which[8];
		size_t len;
		char *src;
		int line;

		if (!names[i])
			continue;
		snprintf(path, sizeof(path), "%s/%s", set->dir, names[i]);
		src = slurp(path, &len);
		line = src ? blind_marks(src, which, sizeof(which)) : 0;
		CHECK(line > 0, "%s: needs exactly one \"// expect-line\" mark", names[i]);
		if (line > 0)
			run_set_program(set->dir, names[i], line, which, show, kernels, &t);
		free(src);
		free(names[i]);
	}
	printf("%s: %d of %d named at the right line (vm), %d of %d (host)\n", set->label,
	       t.hit[K_VM], t.ran[K_VM], t.hit[K_HOST], t.ran[K_HOST]);
	if (t.accepted[K_VM] || t.accepted[K_HOST])
		printf("%s: accepted, so not counted: %d (vm), %d (host)\n", set->label,
		       t.accepted[K_VM], t.accepted[K_HOST]);
}

static const struct blind_set *blind_set_named(const char *name)
{
	for (size_t i = 0; i < sizeof(blind_sets) / sizeof(blind_sets[0]); i++)
		if (!strcmp(blind_sets[i].name, name))
			return &blind_sets[i];
	return NULL;
}

int main(int argc, char **argv)
{
	const struct blind_set *set = argc > 1 ? blind_set_named(argv[1]) : NULL;
	char label[64];

	if (argc != 2 || (strcmp(argv[1], "wild") && !set)) {
		fprintf(stderr, "usage: test_verifier_sets wild|blind|blind2|...|blind10\n");
		return 2;
	}
	snprintf(label, sizeof(label), "verifier-%s", argv[1]);
	if (geteuid() != 0)
		CHECK(0, "%s: needs root (it loads into this kernel)", label);
	else if (set)
		test_blind(set);
	else
		test_wild();
	return harness_done(label);
}
