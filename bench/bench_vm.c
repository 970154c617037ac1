/* bench_vm.c: the micro-VM sandbox in figures, all measured in one run (medians of N runs):
 *
 *   cold boot -> agent READY       (what every run would cost without the snapshot)
 *   qemu start -> monitor ready    (what a spare qemu takes off a run)
 *   restore -> agent answers       (sandbox_run of a JOB the agent refuses at once: restore,
 *                                   migrate-incoming, JOB, the agent's ERROR frame), on a
 *                                   fresh qemu (the CLI) and on a spare (the server)
 *   end to end, vm and host        (pipeline_run: compile to verdict, one exercise's solution;
 *                                   vm on a fresh qemu and on a spare)
 *   sustained throughput           (N threads, one guest each, spares on, for D seconds)
 *
 * Public headers only: the cold boot and the qemu start are timed by sandbox/vm.h's probes.
 * Needs root (host mode).  Usage: bench_vm [runs=20] [seconds=120] [threads=ncpu] [cold=runs]
 * (seconds 0: no sustained load; cold 0: no cold boots, for quick comparisons) */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/limits.h"
#include "pipeline/pipeline.h"
#include "core/clock.h"
#include "sandbox/vm.h"

static int cmp_u(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *what, unsigned *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_u);
	printf("%-36s median %5u ms   min %5u   max %5u   (n=%d)\n", what,
	       n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2, v[0], v[n - 1], n);
}

/* Cold boots: a fresh qemu, a private RAM memfd, until READY.  Hung boots are counted. */
static int cold_boots(int runs, unsigned *out, int *hangs)
{
	struct dojo_err err = { 0 };
	int n = 0;

	*hangs = 0;
	while (n < runs) {
		unsigned ms;
		int rc = sandbox_vm_time_cold_boot(NULL, &ms, &err);

		if (!rc)
			out[n++] = ms;
		else if (rc == -ETIMEDOUT)
			(*hangs)++;
		else {
			fprintf(stderr, "bench_vm: cold boot: %s\n", err.msg);
			return -1;
		}
	}
	return 0;
}

struct first {
	uint64_t t0, t_first;
};

static int on_first(const struct sandbox_msg *m, void *ctx)
{
	struct first *x = ctx;

	(void)m;
	if (!x->t_first)
		x->t_first = dojo_now_ms();
	return 0;
}

/* Wait (up to 5 s) until a spare qemu waits, so a timed run finds one. */
static int spare_waits(void)
{
	for (int i = 0; i < 500; i++) {
		if (sandbox_vm_spares_ready())
			return 0;
		usleep(10000);
	}
	fprintf(stderr, "bench_vm: no spare qemu after 5 s\n");
	return -1;
}

/* Restores, each with a fresh qemu (spares off) or a spare started ahead (spares on). */
static int restores(int runs, int spare, unsigned *to_agent, unsigned *whole)
{
	static const char junk[] = "not an object";
	struct sandbox_job job = { .exercise = "no-such-exercise", .key = 1, .obj = junk,
				   .obj_len = sizeof(junk) };
	struct sandbox_opts o = { .kind = SANDBOX_VM };

	for (int i = 0; i < runs; i++) {
		struct first x;
		struct sandbox_stats st;
		struct dojo_err err = { 0 };
		int rc;

		if (spare && spare_waits())
			return -1;
		x = (struct first){ .t0 = dojo_now_ms() };
		rc = sandbox_run(&job, &o, on_first, &x, &st, &err);
		if (rc || !x.t_first || st.spare != spare) {
			fprintf(stderr, "bench_vm: restore: %d %s (spare %d)\n", rc, err.msg, st.spare);
			return -1;
		}
		to_agent[i] = (unsigned)(x.t_first - x.t0);
		whole[i] = (unsigned)(dojo_now_ms() - x.t0);
	}
	return 0;
}

/* What a spare takes off a run: qemu started until it waits for the migration stream. */
static int qemu_starts(int runs, unsigned *out)
{
	struct dojo_err err = { 0 };

	for (int i = 0; i < runs; i++) {
		if (sandbox_vm_time_qemu_start(NULL, &out[i], &err)) {
			fprintf(stderr, "bench_vm: qemu start: %s\n", err.msg);
			return -1;
		}
	}
	return 0;
}

/* When each phase's event arrived, from the start of pipeline_run(). */
enum { PH_STARTING, PH_LOADED, PH_ATTACHED, PH_WORKLOAD, PH_VERDICT, PH_N };
static const char *const ph_names[PH_N] = { "compiled (starting)", "loaded", "attached",
					    "workload_done", "verdict" };
struct phases {
	uint64_t t0;
	unsigned at[PH_N];
};

static int on_event(const struct pipeline_event *ev, void *ctx)
{
	static const enum pipeline_event_kind kinds[PH_N] = {
		PIPELINE_EV_STARTING, PIPELINE_EV_LOADED, PIPELINE_EV_ATTACHED,
		PIPELINE_EV_WORKLOAD_DONE, PIPELINE_EV_VERDICT,
	};
	struct phases *p = ctx;

	for (int i = 0; i < PH_N; i++)
		if (ev->kind == kinds[i] && !p->at[i])
			p->at[i] = (unsigned)(dojo_now_ms() - p->t0);
	return 0;
}

static unsigned ph_runs[PH_N][256];

static int end_to_end(enum sandbox_kind kind, const struct exercise *ex, int runs, int spare,
		      unsigned *out)
{
	for (int i = 0; i < runs; i++) {
		if (spare && spare_waits())
			return -1;
		struct pipeline_req req = { .exercise = ex->id, .source = ex->solution,
					    .source_len = strlen(ex->solution) };
		struct pipeline_result res;
		struct dojo_err err = { 0 };
		uint64_t t0 = dojo_now_ms();
		struct phases ph = { .t0 = t0 };

		req.sandbox.kind = kind;
		if (pipeline_run(&req, on_event, &ph, &res, &err) || res.verdict != GRADE_CORRECT) {
			fprintf(stderr, "bench_vm: %s run: %s (verdict %s)\n", sandbox_kind_name(kind), err.msg, grade_verdict_name(res.verdict));
			return -1;
		}
		out[i] = res.verdict_ms;   /* what the learner waits for; teardown comes after */
		for (int k = 0; k < PH_N && i < 256; k++)
			ph_runs[k][i] = ph.at[k];
	}
	return 0;
}

static void report_phases(int runs)
{
	char what[64];

	if (runs > 256)
		runs = 256;
	for (int k = 0; k < PH_N; k++) {
		snprintf(what, sizeof(what), "  event '%s' at", ph_names[k]);
		report(what, ph_runs[k], runs);
	}
}

/* Restores, then end-to-end runs, each on a fresh or a spare qemu. */
static int vm_series(const struct exercise *ex, int runs, int spare, unsigned *a, unsigned *b)
{
	char what[64];

	if (restores(runs, spare, a, b))
		return -1;
	snprintf(what, sizeof(what), "restore, %s qemu -> agent answers", spare ? "spare" : "fresh");
	report(what, a, runs);
	report("  -> guest gone (whole run)", b, runs);
	if (end_to_end(SANDBOX_VM, ex, runs, spare, a))
		return -1;
	snprintf(what, sizeof(what), "end to end, vm, %s qemu", spare ? "spare" : "fresh");
	report(what, a, runs);
	report_phases(runs);
	return 0;
}

struct load {
	const struct exercise *ex;
	uint64_t until;
	unsigned ok, lost;
};

/* Keeps the verdict's message, so a lost run says why. */
static int keep_verdict_message(const struct pipeline_event *ev, void *ctx)
{
	if (ev->kind == PIPELINE_EV_VERDICT && ev->u.verdict.message)
		snprintf(ctx, 256, "%s", ev->u.verdict.message);
	return 0;
}

static void *load_thread(void *arg)
{
	struct load *l = arg;

	while (dojo_now_ms() < l->until) {
		struct pipeline_req req = { .exercise = l->ex->id, .source = l->ex->solution,
					    .source_len = strlen(l->ex->solution) };
		struct pipeline_result res;
		struct dojo_err err = { 0 };
		char why[256] = "";

		req.sandbox.kind = SANDBOX_VM;
		if (pipeline_run(&req, keep_verdict_message, why, &res, &err) == 0 && res.verdict == GRADE_CORRECT) {
			l->ok++;
		} else {
			l->lost++;
			fprintf(stderr, "bench_vm: lost a run: %s%s(%s)\n", err.msg, why, grade_verdict_name(res.verdict));
		}
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 20;
	int secs = argc > 2 ? atoi(argv[2]) : 120;
	long nthreads = argc > 3 ? atol(argv[3]) : sysconf(_SC_NPROCESSORS_ONLN);
	int cold = argc > 4 ? atoi(argv[4]) : runs;
	const struct exercise *ex = exercise_find("process-name");
	unsigned *a = calloc((size_t)runs, sizeof(unsigned)), *b = calloc((size_t)runs, sizeof(unsigned));
	struct load loads[64] = { 0 };
	pthread_t th[64];
	unsigned ok = 0, lost = 0;
	int hangs;

	if (runs < 1 || secs < 0 || nthreads < 1 || nthreads > 64 || cold < 0 || cold > runs || !ex || !a || !b) {
		fprintf(stderr, "usage: bench_vm [runs>=1] [seconds>=0] [threads 1-64] [cold 0-runs]\n");
		return 3;
	}
	/* build the snapshot first, outside every figure */
	if (restores(1, 0, a, b))
		return 1;
	if (cold) {
		if (cold_boots(cold, a, &hangs))
			return 1;
		report("cold boot -> agent READY", a, cold);
		printf("%-36s %d hung of %d (deadline %u ms, retried)\n", "", hangs, cold + hangs, DOJO_VM_BOOT_TIMEOUT_MS);
	}
	if (qemu_starts(runs, a))
		return 1;
	report("qemu start -> monitor ready", a, runs);
	if (vm_series(ex, runs, 0, a, b))
		return 1;
	/* what a long-lived process (the server) does: a spare qemu per guest slot */
	if (sandbox_vm_spares((unsigned)nthreads) || restores(1, 0, a, b))   /* the first starts them */
		return 1;
	if (vm_series(ex, runs, 1, a, b))
		return 1;
	if (end_to_end(SANDBOX_HOST, ex, runs, 0, a))
		return 1;
	report("end to end, host (compile..verdict)", a, runs);
	report_phases(runs);
	if (!secs) {
		sandbox_vm_spares(0);
		return 0;
	}

	for (long i = 0; i < nthreads; i++) {
		loads[i].ex = ex;
		loads[i].until = dojo_now_ms() + (uint64_t)secs * 1000u;
		if (pthread_create(&th[i], NULL, load_thread, &loads[i]))
			return 1;
	}
	for (long i = 0; i < nthreads; i++) {
		pthread_join(th[i], NULL);
		ok += loads[i].ok;
		lost += loads[i].lost;
	}
	printf("%-36s %.0f runs/min with %ld guests at once over %d s (%u CORRECT, %u lost)\n",
	       "sustained, vm, spares (compile..verdict)", ok * 60.0 / secs, nthreads, secs, ok, lost);
	sandbox_vm_spares(0);
	return lost ? 1 : 0;
}
