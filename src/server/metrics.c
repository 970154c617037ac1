/* metrics.c: the server's counters in Prometheus text format (version 0.0.4): per-phase
 * duration histograms by kind of run (exercise, play), verdicts per exercise, playground
 * outcomes, refused requests by reason, responses by status class; the gauges (queue depth,
 * runs in flight, connections) are read when rendered. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "exercises/exercise.h"
#include "internal.h"

static const unsigned bucket_ms[] = { 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000 };
#define NBUCKETS (sizeof(bucket_ms) / sizeof(bucket_ms[0]))
#define NVERDICTS (GRADE_RUN_ERROR + 1)

static const char *const phase_names[PHASE_COUNT] = {
	[PHASE_QUEUE] = "queue", [PHASE_COMPILE] = "compile", [PHASE_RUN] = "run",
	[PHASE_VERDICT] = "verdict", [PHASE_TOTAL] = "total",
};
static const char *const kind_names[KIND_COUNT] = {
	[KIND_EXERCISE] = "exercise", [KIND_PLAY] = "play",
};
static const char *const refusal_names[REFUSE_COUNT] = {
	[REFUSE_RATE] = "rate_limited", [REFUSE_BUSY_CLIENT] = "run_in_flight",
	[REFUSE_QUEUE_FULL] = "queue_full", [REFUSE_COMPILE_BUSY] = "compile_busy",
	[REFUSE_BODY] = "body_too_large", [REFUSE_TIMEOUT] = "request_timeout",
	[REFUSE_FORBIDDEN] = "forbidden", [REFUSE_DRAINING] = "shutting_down",
	[REFUSE_PLAY_HOST] = "play_host_sandbox", [REFUSE_BAD_REQUEST] = "bad_request",
};

struct histogram {
	unsigned long long buckets[NBUCKETS];   /* not cumulative; summed when rendered */
	unsigned long long count, sum_ms;
};

struct metrics {
	pthread_mutex_t lock;
	struct histogram phase[KIND_COUNT][PHASE_COUNT];
	unsigned long long play[GRADE_OK + 1];  /* playground outcomes */
	unsigned long long refused[REFUSE_COUNT];
	unsigned long long status[6];           /* 1xx..5xx */
	unsigned long long *verdicts;           /* exercise_count() x NVERDICTS */
};

struct metrics *metrics_new(void)
{
	struct metrics *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->verdicts = calloc(exercise_count() * NVERDICTS + 1, sizeof(*m->verdicts));
	if (!m->verdicts) {
		free(m);
		return NULL;
	}
	pthread_mutex_init(&m->lock, NULL);
	return m;
}

void metrics_free(struct metrics *m)
{
	if (!m)
		return;
	pthread_mutex_destroy(&m->lock);
	free(m->verdicts);
	free(m);
}

void metrics_refused(struct metrics *m, enum refusal r)
{
	pthread_mutex_lock(&m->lock);
	m->refused[r]++;
	pthread_mutex_unlock(&m->lock);
}

void metrics_phase(struct metrics *m, enum run_kind k, enum phase p, unsigned ms)
{
	struct histogram *h = &m->phase[k][p];
	size_t i = 0;

	while (i < NBUCKETS && ms > bucket_ms[i])
		i++;
	pthread_mutex_lock(&m->lock);
	if (i < NBUCKETS)
		h->buckets[i]++;
	h->count++;
	h->sum_ms += ms;
	pthread_mutex_unlock(&m->lock);
}

void metrics_verdict(struct metrics *m, const char *exercise, enum grade_verdict v)
{
	for (size_t i = 0; i < exercise_count(); i++) {
		if (strcmp(exercise_at(i)->id, exercise) || (unsigned)v >= NVERDICTS)
			continue;
		pthread_mutex_lock(&m->lock);
		m->verdicts[i * NVERDICTS + v]++;
		pthread_mutex_unlock(&m->lock);
		return;
	}
}

void metrics_play(struct metrics *m, enum grade_verdict v)
{
	if ((unsigned)v > GRADE_OK)
		return;
	pthread_mutex_lock(&m->lock);
	m->play[v]++;
	pthread_mutex_unlock(&m->lock);
}

void metrics_request(struct metrics *m, unsigned status)
{
	unsigned cls = status / 100;

	pthread_mutex_lock(&m->lock);
	m->status[cls < 6 ? cls : 0]++;
	pthread_mutex_unlock(&m->lock);
}

static int render_locked(struct metrics *m, struct buf *o)
{
	int rc = 0;

	rc |= buf_adds(o, "# HELP bpfdojo_phase_duration_seconds Time spent in each phase of a run.\n"
		       "# TYPE bpfdojo_phase_duration_seconds histogram\n");
	for (int k = 0; k < KIND_COUNT; k++)
		for (int p = 0; p < PHASE_COUNT; p++) {
			const struct histogram *h = &m->phase[k][p];
			const char *kn = kind_names[k], *pn = phase_names[p];
			unsigned long long cum = 0;

			for (size_t i = 0; i < NBUCKETS; i++) {
				cum += h->buckets[i];
				rc |= buf_addf(o, "bpfdojo_phase_duration_seconds_bucket{kind=\"%s\","
					       "phase=\"%s\",le=\"%g\"} %llu\n", kn, pn,
					       bucket_ms[i] / 1000.0, cum);
			}
			rc |= buf_addf(o, "bpfdojo_phase_duration_seconds_bucket{kind=\"%s\",phase=\"%s\","
				       "le=\"+Inf\"} %llu\n"
				       "bpfdojo_phase_duration_seconds_sum{kind=\"%s\",phase=\"%s\"} %.3f\n"
				       "bpfdojo_phase_duration_seconds_count{kind=\"%s\",phase=\"%s\"} %llu\n",
				       kn, pn, h->count, kn, pn, h->sum_ms / 1000.0, kn, pn, h->count);
		}
	rc |= buf_adds(o, "# HELP bpfdojo_verdicts_total Verdicts, by exercise.\n"
		       "# TYPE bpfdojo_verdicts_total counter\n");
	for (size_t i = 0; i < exercise_count(); i++)
		for (int v = 0; v < NVERDICTS; v++)
			rc |= buf_addf(o, "bpfdojo_verdicts_total{exercise=\"%s\",verdict=\"%s\"} %llu\n",
				       exercise_at(i)->id, grade_verdict_name(v),
				       m->verdicts[i * NVERDICTS + (size_t)v]);
	rc |= buf_adds(o, "# HELP bpfdojo_play_runs_total Playground runs, by outcome.\n"
		       "# TYPE bpfdojo_play_runs_total counter\n");
	for (int v = 0; v <= GRADE_OK; v++)
		if (v == GRADE_OK || v == GRADE_COMPILE_ERROR || v == GRADE_LOAD_ERROR ||
		    v == GRADE_RUN_ERROR)
			rc |= buf_addf(o, "bpfdojo_play_runs_total{outcome=\"%s\"} %llu\n",
				       grade_verdict_name(v), m->play[v]);
	rc |= buf_adds(o, "# HELP bpfdojo_refused_total Requests refused, by reason.\n"
		       "# TYPE bpfdojo_refused_total counter\n");
	for (int r = 0; r < REFUSE_COUNT; r++)
		rc |= buf_addf(o, "bpfdojo_refused_total{reason=\"%s\"} %llu\n", refusal_names[r],
			       m->refused[r]);
	rc |= buf_adds(o, "# HELP bpfdojo_responses_total Responses, by status class.\n"
		       "# TYPE bpfdojo_responses_total counter\n");
	for (int c = 1; c < 6; c++)
		rc |= buf_addf(o, "bpfdojo_responses_total{class=\"%dxx\"} %llu\n", c, m->status[c]);
	return rc;
}

int metrics_render(struct metrics *m, struct buf *o, const struct metrics_gauges *g)
{
	int rc;

	pthread_mutex_lock(&m->lock);
	rc = render_locked(m, o);
	pthread_mutex_unlock(&m->lock);
	rc |= buf_addf(o, "# HELP bpfdojo_queue_depth Runs waiting for a slot.\n"
		       "# TYPE bpfdojo_queue_depth gauge\nbpfdojo_queue_depth %u\n"
		       "# HELP bpfdojo_runs_in_flight Runs holding a slot.\n"
		       "# TYPE bpfdojo_runs_in_flight gauge\nbpfdojo_runs_in_flight %u\n"
		       "# HELP bpfdojo_play_queue_depth Playground runs waiting for a slot.\n"
		       "# TYPE bpfdojo_play_queue_depth gauge\nbpfdojo_play_queue_depth %u\n"
		       "# HELP bpfdojo_play_runs_in_flight Playground runs holding a slot.\n"
		       "# TYPE bpfdojo_play_runs_in_flight gauge\nbpfdojo_play_runs_in_flight %u\n"
		       "# HELP bpfdojo_connections Open HTTP connections.\n"
		       "# TYPE bpfdojo_connections gauge\nbpfdojo_connections %u\n",
		       g->queue_depth, g->in_flight, g->play_waiting, g->play_in_flight,
		       g->connections);
	return rc ? -E2BIG : 0;
}
