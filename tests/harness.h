/* harness.h: the smallest test runner that does the job (after cmark's api_test/harness.h).
 *
 * CHECK(cond, fmt, ...) counts a pass or prints a failure with file:line; a test file calls
 * its groups from main() and ends with harness_done("name"), which prints the one line
 * tests/run-all.sh sums ("name: N passed, N failed") and returns the exit status. */
#ifndef DOJO_TEST_HARNESS_H
#define DOJO_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_pass, harness_fail;

#define CHECK(cond, ...) do {							\
	if (cond) {								\
		harness_pass++;							\
	} else {								\
		harness_fail++;							\
		fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);		\
		fprintf(stderr, __VA_ARGS__);					\
		fputc('\n', stderr);						\
	}									\
} while (0)

#define CHECK_INT(a, b, what) do {						\
	long long a_ = (long long)(a), b_ = (long long)(b);			\
	CHECK(a_ == b_, "%s: got %lld, want %lld", what, a_, b_);		\
} while (0)

#define CHECK_STR(a, b, what) do {						\
	const char *a_ = (a), *b_ = (b);					\
	CHECK(a_ && b_ && !strcmp(a_, b_), "%s: got \"%s\", want \"%s\"", what,	\
	      a_ ? a_ : "(null)", b_ ? b_ : "(null)");				\
} while (0)

static inline int harness_done(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, harness_pass, harness_fail);
	return harness_fail ? 1 : 0;
}

#endif
