/* serve.c: `bpfdojo serve`: settings from --config FILE and flags (flags win), then the
 * server, then waiting for signals: SIGHUP reopens the log, SIGTERM or SIGINT stops
 * gracefully (see server_shutdown()).  Flags are the config file's keys with two dashes. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "server/server.h"
#include "serve.h"

static const char serve_usage[] =
	"usage: bpfdojo serve [--config FILE] [--listen ADDR:PORT] [--sandbox vm|host] [--runs N]\n"
	"                     [--web DIR] [--log FILE] [--queue N] [--rate PER_MIN] [--burst N]\n"
	"                     [--trusted-proxies LIST] [--metrics-allow LIST] ...\n"
	"Every setting is described in docs/server.md.\n";

static int serve_error(const char *msg)
{
	fprintf(stderr, "bpfdojo serve: %s\n", msg);
	return 3;
}

/* Flags that take no value. */
static int is_switch(const char *key)
{
	return !strcmp(key, "dangerously-allow-host-sandbox-on-network");
}

int cli_serve(int argc, char **argv)
{
	struct server_config cfg;
	struct dojo_err err = { 0 };
	struct server *s;
	sigset_t set;
	int i, sig;

	server_config_defaults(&cfg);
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--config") && i + 1 < argc &&
		    server_config_load(&cfg, argv[i + 1], &err))
			return serve_error(err.msg);
	for (i = 1; i < argc; i++) {
		char key[64];
		const char *arg = argv[i], *eq, *value;

		if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			fputs(serve_usage, stdout);
			return 0;
		}
		if (strncmp(arg, "--", 2) || strlen(arg) >= sizeof(key) + 2) {
			fputs(serve_usage, stderr);
			return 3;
		}
		eq = strchr(arg, '=');
		snprintf(key, sizeof(key), "%.*s", (int)(eq ? eq - arg - 2 : (long)strlen(arg) - 2),
			 arg + 2);
		if (eq)
			value = eq + 1;
		else if (is_switch(key))
			value = "yes";
		else if (i + 1 < argc)
			value = argv[++i];
		else
			return serve_error("a flag lacks its value; see bpfdojo serve --help");
		if (!strcmp(key, "config"))
			continue;
		if (server_config_set(&cfg, key, value, &err))
			return serve_error(err.msg);
	}
	if (server_config_check(&cfg, &err))
		return serve_error(err.msg);

	/* every thread the server starts inherits this mask; only this one takes the signals */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	s = server_new(&cfg, &err);
	if (!s)
		return serve_error(err.msg);
	fprintf(stderr, "bpfdojo serve: listening on http://%s%s%s:%u (sandbox %s)\n",
		strchr(cfg.host, ':') ? "[" : "", cfg.host, strchr(cfg.host, ':') ? "]" : "",
		server_port(s), sandbox_kind_name(cfg.sandbox));
	if (cfg.sandbox == SANDBOX_HOST)
		fputs("bpfdojo serve: --sandbox host loads every submitted program into this "
		      "machine's own kernel: for a trusted group only.\n", stderr);
	for (;;) {
		if (sigwait(&set, &sig))
			continue;
		if (sig == SIGHUP) {
			if (server_reopen_log(s))
				fprintf(stderr, "bpfdojo serve: cannot reopen the log: %s\n",
					strerror(errno));
			continue;
		}
		break;
	}
	fprintf(stderr, "bpfdojo serve: stopping (signal %d)\n", sig);
	server_free(s);
	fprintf(stderr, "bpfdojo serve: stopped\n");
	return 0;
}
