/* test_exercises.c: the exercises' promises (exercise.h, workload.h): pure answers that differ
 * across keys and keep their format, the registry, the embedded texts, every folder complete,
 * the workload helpers, and docs/exercises.md against the table the build generates (run from
 * the repository root; argv[1] is the exercises folder, argv[2] the generated table). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include "tests/harness.h"
#include "exercises/exercise.h"
#include "exercises/workload.h"


#define NKEYS 1000

/* What every answer must look like: a string of printable characters, or a number. */
static int well_formed(const struct answer *a, enum answer_kind kind)
{
	size_t n = strnlen(a->str, sizeof(a->str));

	if (a->kind != kind || n == sizeof(a->str))
		return 0;
	if (kind == ANSWER_NUM)
		return 1;
	for (size_t i = 0; i < n; i++)
		if (!isprint((unsigned char)a->str[i]))
			return 0;
	return n > 0;
}

static int cmp_answer(const void *x, const void *y)
{
	const struct answer *a = x, *b = y;

	if (a->num != b->num)
		return a->num < b->num ? -1 : 1;
	return strcmp(a->str, b->str);
}

/* Every exercise: a pure answer, well formed, and at least ANSWER_MIN_DISTINCT different
 * answers over NKEYS keys (so one run's answer says little about the next run's). */
#define ANSWER_MIN_DISTINCT 200

static void test_answers(void)
{
	static struct answer all[NKEYS];

	for (size_t r = 0; r < exercise_count(); r++) {
		const struct exercise *ex = exercise_at(r);
		size_t bad = 0, impure = 0, distinct = 1;

		CHECK(ex->kind == ANSWER_STR || ex->kind == ANSWER_NUM, "%s: kind %d", ex->id, ex->kind);
		for (size_t k = 0; k < NKEYS; k++) {
			uint64_t key = exercise_mix(k, 0x7465737400000000ull);
			struct answer again;

			memset(&all[k], 0, sizeof(all[k]));
			memset(&again, 0xff, sizeof(again));
			ex->answer(key, &all[k]);
			ex->answer(key, &again);
			again.str[sizeof(again.str) - 1] = '\0';
			impure += all[k].kind != again.kind || all[k].num != again.num ||
				  strcmp(all[k].str, again.str) != 0;
			bad += !well_formed(&all[k], ex->kind);
		}
		CHECK(impure == 0, "%s: %zu keys gave two different answers", ex->id, impure);
		CHECK(bad == 0, "%s: %zu answers out of format (e.g. '%s' %llu)", ex->id, bad,
		      all[0].str, (unsigned long long)all[0].num);
		qsort(all, NKEYS, sizeof(all[0]), cmp_answer);
		for (size_t k = 1; k < NKEYS; k++)
			distinct += cmp_answer(&all[k - 1], &all[k]) != 0;
		CHECK(distinct >= ANSWER_MIN_DISTINCT, "%s: only %zu distinct answers of %d keys",
		      ex->id, distinct, NKEYS);
	}
	CHECK(exercise_mix(1, 2) == exercise_mix(1, 2), "exercise_mix is pure");
	CHECK(exercise_mix(1, 2) != exercise_mix(1, 3), "exercise_mix depends on the salt");
	CHECK(exercise_mix(1, 2) != exercise_mix(2, 2), "exercise_mix depends on the key");
}

/* "exercises/<chapter_no>-x/<no>-<id>", the numbers written with at least two digits */
static int folder_matches(const struct exercise *ex)
{
	char want[256];
	const char *slash;

	if (!ex->dir || !(slash = strrchr(ex->dir, '/')))
		return 0;
	snprintf(want, sizeof(want), "/%02d-%s", ex->no, ex->id);
	if (strcmp(slash, want))
		return 0;
	snprintf(want, sizeof(want), "exercises/%02d-", ex->chapter_no);
	return !strncmp(ex->dir, want, strlen(want));
}

static void test_registry(void)
{
	size_t n = exercise_count();

	CHECK(n > 0, "exercise_count() = %zu", n);
	CHECK(exercise_at(n) == NULL, "exercise_at(count) is NULL");
	CHECK(exercise_find("no-such-exercise") == NULL, "unknown id");
	CHECK(exercise_find(NULL) == NULL, "NULL id");
	for (size_t i = 0; i < n; i++) {
		const struct exercise *ex = exercise_at(i), *prev = i ? exercise_at(i - 1) : NULL;

		CHECK(ex && ex->id && exercise_find(ex->id) == ex, "exercise %zu: lookup by id", i);
		if (!ex)
			continue;
		CHECK(ex->chapter && *ex->chapter && ex->title && *ex->title && ex->expects &&
		      *ex->expects, "%s: chapter, title and expects are set", ex->id);
		CHECK(ex->answer && ex->setup && ex->run, "%s: functions are set", ex->id);
		CHECK(folder_matches(ex), "%s: dir '%s' does not carry chapter %d, exercise %d, id",
		      ex->id, ex->dir, ex->chapter_no, ex->no);
		CHECK(ex->nhints >= 2 && ex->nhints <= 3, "%s: %d hints", ex->id, ex->nhints);
		for (int h = 0; h < ex->nhints; h++)
			CHECK(ex->hints[h] && strlen(ex->hints[h]) > 10, "%s: hint %d empty", ex->id, h);
		CHECK(ex->hints[ex->nhints] == NULL, "%s: hints end with NULL", ex->id);
		CHECK(!ex->vm_only || strlen(ex->vm_only) > 10, "%s: vm-only says why", ex->id);
		CHECK(!prev || prev->chapter_no != ex->chapter_no || !strcmp(prev->chapter, ex->chapter),
		      "%s: one chapter, two titles", ex->id);
		CHECK(!prev || prev->chapter_no < ex->chapter_no ||
		      (prev->chapter_no == ex->chapter_no && prev->no < ex->no),
		      "%s: not in chapter order", ex->id);
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(exercise_at(j)->id, ex->id) != 0, "%s: duplicate id", ex->id);

		/* the embedded texts */
		const char *texts[] = { ex->lesson_md, ex->starter, ex->solution, ex->wrong };
		for (size_t t = 0; t < 4; t++)
			CHECK(texts[t] && strlen(texts[t]) > 100, "%s: text %zu empty", ex->id, t);
		if (!ex->lesson_md || !ex->starter || !ex->solution || !ex->wrong)
			continue;
		CHECK(strstr(ex->lesson_md, "## Your task"), "%s: lesson has no task", ex->id);
		for (size_t t = 1; t < 4; t++) {
			CHECK(strstr(texts[t], "SEC(\"license\") = \"GPL\""), "%s: %zu: license",
			      ex->id, t);
			CHECK(strstr(texts[t], "#include \"dojo.h\""), "%s: %zu: dojo.h", ex->id, t);
			CHECK(strstr(texts[t], "#include \"vmlinux.h\""), "%s: %zu: vmlinux.h",
			      ex->id, t);
		}
		/* SUBMIT_* or, read by the agent as submissions, samples on a perf event array */
		CHECK(strstr(ex->solution, "SUBMIT_") || strstr(ex->solution, "bpf_perf_event_output("),
		      "%s: the solution submits", ex->id);
		CHECK(strstr(ex->wrong, "SUBMIT_") || strstr(ex->wrong, "bpf_perf_event_output("),
		      "%s: the wrong program submits", ex->id);
		CHECK(strstr(ex->starter, "TODO"), "%s: the starter leaves work to do", ex->id);
		CHECK(strcmp(ex->solution, ex->wrong) && strcmp(ex->solution, ex->starter),
		      "%s: solution, starter and wrong differ", ex->id);
	}
}

/* Bring the namespace's loopback up, as the agent does before every job (src/guest/env.c):
 * workloads may talk to themselves on 127.0.0.1.  0 or a negative errno. */
static int loopback_up(void)
{
	struct ifreq ifr = { 0 };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), rc = 0;

	if (fd < 0)
		return -errno;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		rc = -errno;
	ifr.ifr_flags |= IFF_UP;
	if (!rc && ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
		rc = -errno;
	close(fd);
	return rc;
}

/* exercises/<NN-chapter>/<NN-slug>/ has every file, and the slug (without number) is an id */
static void test_folders(const char *root)
{
	static const char *const files[] = {
		"lesson.md", "starter.bpf.c", "solution.bpf.c", "wrong.bpf.c", "answer.c", "workload.c",
		"hints.md",
	};
	DIR *top = opendir(root), *chap;
	struct dirent *c, *e;
	size_t folders = 0;

	CHECK(top, "cannot open %s (run from the repository root)", root);
	if (!top)
		return;
	while ((c = readdir(top))) {
		char path[PATH_MAX];

		if (!isdigit((unsigned char)c->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "%s/%s", root, c->d_name);
		if (!(chap = opendir(path)))
			continue;
		while ((e = readdir(chap))) {
			const char *slug = e->d_name;

			if (!isdigit((unsigned char)*slug))
				continue;
			folders++;
			while (isdigit((unsigned char)*slug))
				slug++;
			CHECK(*slug == '-' && exercise_find(slug + 1), "%s/%s: no exercise with id '%s'",
			      path, e->d_name, *slug ? slug + 1 : slug);
			for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
				char file[PATH_MAX + 512];

				snprintf(file, sizeof(file), "%s/%s/%s", path, e->d_name, files[f]);
				CHECK(access(file, R_OK) == 0, "%s: missing", file);
			}
		}
		closedir(chap);
	}
	closedir(top);
	CHECK(folders == exercise_count(), "%zu folders but %zu exercises", folders,
	      exercise_count());
}

static void test_workload(void)
{
	static const struct { const char *spec; int status; } specs[] = {
		{ "exit:0", 0 }, { "exit:7", 7 }, { "exit:255", 255 }, { "exit:256", 127 },
		{ "exit:", 127 }, { "exit:-1", 127 }, { "exit:3x", 127 }, { "sleep:1", 0 },
		{ "bogus", 127 }, { NULL, 127 },
	};
	char dir[] = "/tmp/dojo-test-XXXXXX", self[PATH_MAX], comm[64] = "", path[PATH_MAX + 32];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	struct workload_ctx ctx = { .key = 1, .run_dir = dir, .self_exe = self };
	char *argv[] = { "kid", "--flag", NULL };
	pid_t pid = 0;
	FILE *f;
	int ret;

	for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++)
		CHECK(workload_child_main(specs[i].spec) == specs[i].status, "child spec '%s'",
		      specs[i].spec ? specs[i].spec : "(null)");
	CHECK(n > 0 && mkdtemp(dir), "cannot make a run dir");
	if (n <= 0)
		return;
	self[n] = '\0';
	ret = workload_spawn(&ctx, "kid", argv, "exit:42", &pid);
	CHECK(ret == 0 && workload_wait(pid) == 42, "spawn exit:42: %d", ret);
	ret = workload_spawn(&ctx, "kid", argv, "sleep:300", &pid);
	CHECK(ret == 0, "spawn sleep: %d", ret);
	usleep(100 * 1000);   /* the child has exec'd by now */
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	if ((f = fopen(path, "r"))) {
		if (!fgets(comm, sizeof(comm), f))
			comm[0] = '\0';
		fclose(f);
	}
	CHECK(strcmp(comm, "kid\n") == 0, "the child's comm is '%s', want 'kid'", comm);
	CHECK(ret || workload_wait(pid) == 0, "sleep child exits 0");
	CHECK(workload_run(&ctx, "kid", argv, "exit:3", 3) == 0, "workload_run: expected status");
	CHECK(workload_run(&ctx, "kid", argv, "exit:3", 0) == -ECHILD, "workload_run: -ECHILD");
	CHECK(workload_spawn(&ctx, "a/b", argv, "exit:0", &pid) == -EINVAL, "name with '/'");
	CHECK(workload_spawn(&ctx, "", argv, "exit:0", &pid) == -EINVAL, "empty name");
	CHECK(workload_wait(-12345) < 0, "wait for no child");

	/* the exercises' own workloads run (without a program to watch them), in a network
	 * namespace of their own: network exercises make interfaces */
	int netns = unshare(CLONE_NEWNET) == 0;

	CHECK(!netns || loopback_up() == 0, "loopback up in the test's network namespace");

	if (!netns)
		fprintf(stderr, "test_exercises: no network namespace of our own (%s): exercises "
			"whose setup needs one are skipped\n", strerror(errno));
	/* the exercises' own programs ("bin NAME" in `needs`) are in build/bin, beside build/test,
	 * found through PATH as the agent finds them */
	char bins[2 * PATH_MAX + 16];
	const char *slash = strrchr(self, '/'), *old = getenv("PATH");

	snprintf(bins, sizeof(bins), "%.*s/../bin:%s", slash ? (int)(slash - self) : 1,
		 slash ? self : ".", old ? old : "");
	CHECK(setenv("PATH", bins, 1) == 0, "setenv PATH");
	/* workload_find_bin() on this test's own binary, whose directory is in PATH ("../bin"
	 * resolves from it too, but what is there depends on the catalogue) */
	const char *me = slash ? slash + 1 : self;
	char with_me[2 * PATH_MAX + 32];

	snprintf(with_me, sizeof(with_me), "::%.*s:%s", slash ? (int)(slash - self) : 1,
		 slash ? self : ".", bins);
	CHECK(setenv("PATH", with_me, 1) == 0, "setenv PATH");
	CHECK(workload_find_bin(me, path, sizeof(path)) == 0 && !strcmp(path, self),
	      "a program is found through PATH (empty entries skipped): '%s'", path);
	CHECK(workload_find_bin("no-such-program-here", path, sizeof(path)) == -ENOENT,
	      "a program in no directory of PATH: -ENOENT");
	CHECK(workload_find_bin("test/x", path, sizeof(path)) == -EINVAL, "a name with '/'");
	CHECK(workload_find_bin(me, path, 8) == -ENOENT, "a path past the buffer is not found");
	CHECK(setenv("PATH", bins, 1) == 0, "setenv PATH");
	for (size_t i = 0; i < exercise_count(); i++) {
		const struct exercise *ex = exercise_at(i);

		ctx.key = 99 + i;
		ret = ex->setup(&ctx);
		if (!netns && (ret == -EPERM || ret == -EACCES)) {
			fprintf(stderr, "test_exercises: %s skipped: its setup needs privileges\n", ex->id);
			continue;
		}
		CHECK(ret == 0, "%s: setup: %d", ex->id, ret);
		ret = ex->run(&ctx);
		CHECK(ret == 0, "%s: run: %d", ex->id, ret);
	}
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	CHECK(system(path) == 0, "cleanup of %s", dir);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "re");
	char *buf = f ? malloc(256 * 1024) : NULL;
	size_t n = buf ? fread(buf, 1, 256 * 1024 - 1, f) : 0;

	if (f)
		fclose(f);
	if (buf)
		buf[n] = '\0';
	return buf;
}

/* docs/exercises.md is the table the build just generated from the folders (@fresh) */
static void test_table(const char *fresh)
{
	char *want = slurp(fresh), *have = slurp("docs/exercises.md");

	CHECK(want && *want, "cannot read the generated table %s", fresh);
	CHECK(have && want && !strcmp(have, want), "docs/exercises.md is stale: run `make docs`");
	for (size_t i = 0; want && i < exercise_count(); i++) {
		char cell[80];

		snprintf(cell, sizeof(cell), "| `%s` |", exercise_at(i)->id);
		CHECK(strstr(want, cell), "the table has no row for %s", exercise_at(i)->id);
	}
	free(want);
	free(have);
}

int main(int argc, char **argv)
{
	if (getenv("DOJO_CHILD"))
		return workload_child_main(getenv("DOJO_CHILD"));
	test_answers();
	test_registry();
	test_folders(argc > 1 ? argv[1] : "exercises");
	if (argc > 2)
		test_table(argv[2]);
	test_workload();
	return harness_done("exercises");
}
