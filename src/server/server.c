/* server.c: the server's life: start (compiler and sandbox ready, catalogue rendered, log
 * open, listening), and a graceful stop: refuse new work, close the line, give in-flight runs
 * their deadline, cancel the rest, and return only when no run's sandbox is left. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/clock.h"
#include "core/paths.h"
#include "internal.h"


/* Without --web, a checkout serves the web app it built: <build>/web (what `make` writes), when
 * it holds an index.html; an installed binary without one serves the API alone. */
static void default_web_dir(struct server_config *cfg)
{
	struct dojo_paths p;
	struct dojo_err ignored = { 0 };
	char dir[sizeof(cfg->web_dir)], index[sizeof(cfg->web_dir) + 16];

	if (cfg->web_dir[0] || dojo_paths_init(&p, &ignored))
		return;
	if (snprintf(dir, sizeof(dir), "%s/web", p.root) >= (int)sizeof(dir))
		return;
	snprintf(index, sizeof(index), "%s/index.html", dir);
	if (access(index, R_OK) == 0)
		snprintf(cfg->web_dir, sizeof(cfg->web_dir), "%s", dir);
}

struct server *server_new(const struct server_config *cfg, struct dojo_err *err)
{
	struct server *s = calloc(1, sizeof(*s));
	struct runner_opts ro = { 0 };
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	if (!s) {
		dojo_err_set(err, -ENOMEM, "out of memory");
		return NULL;
	}
	s->cfg = *cfg;
	if (ncpu < 1)
		ncpu = 1;
	if (!s->cfg.runs)
		s->cfg.runs = s->cfg.sandbox == SANDBOX_HOST ? 1 : (unsigned)ncpu;
	s->compiles_max = s->cfg.compiles ? s->cfg.compiles : (unsigned)ncpu;
	pthread_mutex_init(&s->compile_lock, NULL);
	pthread_cond_init(&s->compile_cond, NULL);
	pthread_mutex_init(&s->streams_lock, NULL);
	pthread_cond_init(&s->streams_cond, NULL);
	if (server_config_check(&s->cfg, err))
		goto fail;
	s->log = srvlog_open(s->cfg.log_path, s->cfg.user, err);
	if (!s->log)
		goto fail;
	ro.sandbox = s->cfg.sandbox;
	ro.run_timeout_ms = s->cfg.run_timeout_ms;
	ro.spares = s->cfg.spares < 0 ? (int)s->cfg.runs : s->cfg.spares;
	if (runner_init(&ro, err))
		goto fail;
	s->metrics = metrics_new();
	s->fair = fair_new(s->cfg.rate_per_min, s->cfg.rate_burst);
	if (!s->metrics || !s->fair) {
		dojo_err_set(err, -ENOMEM, "out of memory");
		goto fail;
	}
	if (!(s->cat = catalogue_new(err)))
		goto fail;
	default_web_dir(&s->cfg);
	if (s->cfg.web_dir[0] && !(s->web = webroot_open(s->cfg.web_dir, err)))
		goto fail;
	/* everything that needs root is open: from here the server is an ordinary user */
	if (runner_drop_privileges(s->cfg.user, err))
		goto fail;
	if (!s->cfg.play_runs)
		s->cfg.play_runs = s->cfg.runs / 4 ? s->cfg.runs / 4 : 1;
	if (!(s->runq = runq_new(s->cfg.runs, s->cfg.play_runs, s->cfg.queue_max, err)))
		goto fail;
	if (http_start(s, err))
		goto fail;
	return s;
fail:
	server_free(s);
	return NULL;
}

unsigned server_port(const struct server *s)
{
	return s->port;
}

int server_reopen_log(struct server *s)
{
	return srvlog_reopen(s->log);
}

/* Wait until every stream's reader has handed its last bytes to MHD, at most @ms. */
static void wait_streams(struct server *s, unsigned ms)
{
	unsigned t0 = srv_now_ms();

	pthread_mutex_lock(&s->streams_lock);
	while (s->nstreams && srv_now_ms() - t0 < ms) {
		struct timespec until;

		dojo_abstime(CLOCK_REALTIME, 50, &until);
		pthread_cond_timedwait(&s->streams_cond, &s->streams_lock, &until);
	}
	pthread_mutex_unlock(&s->streams_lock);
}

void server_shutdown(struct server *s)
{
	if (!s || s->shut)
		return;
	s->shut = 1;
	s->draining = 1;
	http_quiesce(s);
	if (s->runq) {
		stream_end_queued(runq_close(s->runq, 1));
		if (!runq_wait_idle(s->runq, s->cfg.shutdown_ms ? s->cfg.shutdown_ms : 1)) {
			srvlog_line(s->log, "shutdown: cancelling the runs still in flight after %u ms",
				    s->cfg.shutdown_ms);
			stream_cancel_all(s);
			runq_wait_idle(s->runq, 0);
		}
	}
	/* the streams' last events reach their clients, then the connections close */
	wait_streams(s, 2000);
	http_stop(s);
	runq_free(s->runq);
	s->runq = NULL;
	runner_fini();
}

void server_free(struct server *s)
{
	if (!s)
		return;
	server_shutdown(s);
	catalogue_free(s->cat);
	webroot_close(s->web);
	fair_free(s->fair);
	metrics_free(s->metrics);
	srvlog_close(s->log);
	pthread_cond_destroy(&s->compile_cond);
	pthread_mutex_destroy(&s->compile_lock);
	pthread_cond_destroy(&s->streams_cond);
	pthread_mutex_destroy(&s->streams_lock);
	free(s);
}
