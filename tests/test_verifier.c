/* test_verifier.c: the verifier-log diagnosis (src/grade/verifier.h) on its fixtures.
 *
 * (The canned-log rows and the fuzz loop are tests/test_verifier_log.c's; the sets nobody here
 * wrote the classes for are tests/test_verifier_sets.c's.)
 * Every tests/verifier/<NN-class>.bpf.c is compiled once, loaded through the sandbox into each
 * kernel it runs in (the micro-VM's guest kernel and this host's), must be rejected there (at
 * load or attach), and its rendered diagnosis must match <NN-class>.expected, or
 * <NN-class>.<vm|host>.expected where the kernels word it differently (UPDATE_EXPECTED=1
 * rewrites them for review).  Needs root, the guest kernel and its initramfs.
 * VERIFIER_ONLY=<substring>[,<substring>...] runs only matching fixtures; VERIFIER_KERNEL=vm or
 * host only that kernel; VERIFIER_SHOW=1 prints their logs and classes. */
#include "verifier_kernel.h"

#define FIXTURE_DIR "tests/verifier"

/* The kernels a fixture runs in.  A fixture that one kernel accepts says so in a comment
 * "fixture: host only: <why>" (or "vm only") and runs only where it is rejected.  Its
 * diagnosis is <NN-class>.expected when both kernels word it alike, else one file per kernel,
 * <NN-class>.host.expected and <NN-class>.vm.expected. */
static int fixture_runs_in(const char *src, int k)
{
	const char *only = strstr(src, "fixture: ");

	if (!only || !strstr(only, " only:"))
		return 1;
	return !strncmp(only + 9, kernel_names[k], strlen(kernel_names[k]));
}

static void expected_path(char *out, size_t cap, const char *name, const char *kernel)
{
	int stem = (int)(strlen(name) - strlen(".bpf.c"));

	if (kernel)
		snprintf(out, cap, FIXTURE_DIR "/%.*s.%s.expected", stem, name, kernel);
	else
		snprintf(out, cap, FIXTURE_DIR "/%.*s.expected", stem, name);
}

static void write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "we");

	CHECK(f && fwrite(b->data, 1, b->len, f) == b->len, "%s: cannot write", path);
	if (f)
		fclose(f);
}

static int same_text(const struct buf *a, const struct buf *b)
{
	return a->len == b->len && (!a->len || !memcmp(a->data, b->data, a->len));
}

/* UPDATE_EXPECTED=1: one <NN>.expected when the kernels it ran in say the same (or it runs in
 * one kernel only), else <NN>.host.expected and <NN>.vm.expected.  A run restricted to one
 * kernel (VERIFIER_KERNEL) writes that kernel's file only where the shared one differs. */
static void update_expected(const char *name, const int *in, int both, const struct buf *text)
{
	char shared[512], per[K_N][512];

	expected_path(shared, sizeof(shared), name, NULL);
	for (int k = 0; k < K_N; k++)
		expected_path(per[k], sizeof(per[k]), name, kernel_names[k]);
	if (in[K_HOST] && in[K_VM]) {
		if (same_text(&text[K_HOST], &text[K_VM])) {
			write_file(shared, &text[K_HOST]);
			unlink(per[K_HOST]);
			unlink(per[K_VM]);
		} else {
			write_file(per[K_HOST], &text[K_HOST]);
			write_file(per[K_VM], &text[K_VM]);
			unlink(shared);
		}
		return;
	}
	for (int k = 0; k < K_N; k++) {
		size_t len = 0;
		char *cur;

		if (!in[k])
			continue;
		if (!both) {   /* the fixture runs in this kernel only */
			write_file(shared, &text[k]);
			unlink(per[k]);
			continue;
		}
		cur = slurp(shared, &len);
		if (cur && len == text[k].len && (!len || !memcmp(cur, text[k].data, len)))
			unlink(per[k]);
		else
			write_file(per[k], &text[k]);
		free(cur);
	}
}

/* Compile one fixture, load and diagnose it in each kernel it runs in; adds to @known[k] the
 * kernels where a class diagnosed it and to @ran[k] where it ran. */
static void run_fixture(const char *name, int update, int show, const int *kernels,
			int *known, int *ran)
{
	char path[512], exp_path[512];
	size_t src_len;
	char *src;
	struct compile_result cr = { 0 };
	struct compile_opts copts = { .filename = name };
	struct dojo_err err = { 0 };
	struct buf text[K_N];
	int rc, in[K_N];

	snprintf(path, sizeof(path), FIXTURE_DIR "/%s", name);
	src = slurp(path, &src_len);
	CHECK(src, "cannot read %s", path);
	if (!src)
		return;
	for (int k = 0; k < K_N; k++) {
		buf_init(&text[k], 1 << 20);
		in[k] = kernels[k] && fixture_runs_in(src, k);
	}
	rc = compile_bpf(src, src_len, &copts, &cr, &err);
	CHECK(rc == 0 && cr.status == COMPILE_OK, "%s: does not compile: %s %s", name, err.msg,
	      cr.raw_stderr ? cr.raw_stderr : "");
	if (rc || cr.status != COMPILE_OK)
		goto out;
	for (int k = 0; k < K_N; k++) {
		if (!in[k])
			continue;
		ran[k]++;
		if (diagnose_in(name, src, src_len, &cr, k, show, &text[k], 0, NULL, NULL))
			known[k]++;
		else
			printf("  fallback (%s): %s\n", kernel_names[k], name);
	}
	if (update) {
		update_expected(name, in, fixture_runs_in(src, K_HOST) && fixture_runs_in(src, K_VM), text);
		goto out;
	}
	for (int k = 0; k < K_N; k++) {
		size_t exp_len = 0;
		char *expected;

		if (!in[k])
			continue;
		expected_path(exp_path, sizeof(exp_path), name, kernel_names[k]);
		expected = slurp(exp_path, &exp_len);
		if (!expected) {
			expected_path(exp_path, sizeof(exp_path), name, NULL);
			expected = slurp(exp_path, &exp_len);
		}
		CHECK(expected && exp_len == text[k].len &&
		      (!exp_len || !memcmp(expected, text[k].data, exp_len)),
		      "%s (%s): diagnosis differs from %s:\n%s", name, kernel_names[k], exp_path,
		      text[k].data ? (char *)text[k].data : "");
		free(expected);
	}
out:
	for (int k = 0; k < K_N; k++)
		buf_free(&text[k]);
	compile_result_free(&cr);
	free(src);
}

/* VERIFIER_KERNEL=host or vm runs the fixtures in that kernel only (default: both). */
static void test_fixtures(void)
{
	int update = getenv("UPDATE_EXPECTED") && !strcmp(getenv("UPDATE_EXPECTED"), "1");
	int show = getenv("VERIFIER_SHOW") != NULL;
	int kernels[K_N], known[K_N] = { 0 }, ran[K_N] = { 0 };
	char *names[MAX_FIXTURES];
	size_t n;

	set_kernels(kernels);
	n = list_programs(FIXTURE_DIR, names, MAX_FIXTURES);
	for (size_t i = 0; i < n; i++) {
		if (names[i])
			run_fixture(names[i], update, show, kernels, known, ran);
		free(names[i]);
	}
	printf("verifier: %d of %d fixture classes diagnosed (vm), %d of %d (host)\n",
	       known[K_VM], ran[K_VM], known[K_HOST], ran[K_HOST]);
	printf("verifier: %d distinct classes (vm), %d (host)\n", nseen[K_VM], nseen[K_HOST]);
}

int main(void)
{
	if (geteuid() != 0) {
		fprintf(stderr, "test_verifier: fixtures need root (they load into this kernel)\n");
		CHECK(0, "not root");
	} else {
		test_fixtures();
	}
	return harness_done("verifier");
}
