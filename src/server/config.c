/* config.c: the server's settings: safe defaults, one setter used by both the flags and the
 * `key = value` config file, and the checks that span several settings (the host sandbox is
 * refused on a network address unless a flag that says it is dangerous is given). */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

void server_config_defaults(struct server_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->host, sizeof(cfg->host), "127.0.0.1");
	cfg->port = 8080;
	cfg->sandbox = SANDBOX_VM;
	cfg->queue_max = DOJO_SERVER_QUEUE_MAX;
	cfg->rate_per_min = DOJO_SERVER_RATE_PER_MIN;
	cfg->rate_burst = DOJO_SERVER_RATE_BURST;
	cfg->max_connections = DOJO_SERVER_MAX_CONNECTIONS;
	cfg->max_per_ip = DOJO_SERVER_MAX_PER_IP_CONNS;
	cfg->idle_timeout_s = DOJO_SERVER_IDLE_TIMEOUT_S;
	cfg->request_timeout_ms = DOJO_SERVER_REQUEST_TIMEOUT_MS;
	cfg->shutdown_ms = DOJO_SERVER_SHUTDOWN_MS;
	cfg->spares = -1;
	snprintf(cfg->user, sizeof(cfg->user), "%s", DOJO_SERVER_USER);
	server_addrs_parse(&cfg->metrics, "127.0.0.0/8,::1", NULL);
}

/* "[v6]:port", "host:port", ":port" or "port" */
static int parse_listen(struct server_config *cfg, const char *v)
{
	const char *colon = strrchr(v, ':'), *digits;
	char host[256] = "";
	unsigned long port;
	char *end;

	if (v[0] == '[') {
		const char *close = strchr(v, ']');

		if (!close || close[1] != ':' || (size_t)(close - v - 1) >= sizeof(host))
			return -EINVAL;
		memcpy(host, v + 1, (size_t)(close - v - 1));
		colon = close + 1;
	} else if (colon) {
		if ((size_t)(colon - v) >= sizeof(host))
			return -EINVAL;
		memcpy(host, v, (size_t)(colon - v));
	}
	digits = colon ? colon + 1 : v;
	port = strtoul(digits, &end, 10);
	if (!*digits || *digits == '-' || *end || port > 65535)
		return -EINVAL;
	if (host[0]) {
		struct server_addrs one;

		if (server_addrs_parse(&one, host, NULL) || one.n != 1)
			return -EINVAL;
		snprintf(cfg->host, sizeof(cfg->host), "%s", host);
	}
	cfg->port = (unsigned)port;
	return 0;
}

static int parse_uint(const char *v, unsigned min, unsigned max, unsigned *out)
{
	char *end;
	unsigned long n;

	if (!*v || *v == '-')
		return -EINVAL;
	n = strtoul(v, &end, 10);
	if (*end || n < min || n > max)
		return -EINVAL;
	*out = (unsigned)n;
	return 0;
}

static int parse_bool(const char *v, int *out)
{
	if (!strcmp(v, "1") || !strcmp(v, "yes") || !strcmp(v, "true") || !*v)
		*out = 1;
	else if (!strcmp(v, "0") || !strcmp(v, "no") || !strcmp(v, "false"))
		*out = 0;
	else
		return -EINVAL;
	return 0;
}

#define UINT_KEY(name, field, min, max) \
	{ name, offsetof(struct server_config, field), min, max }

static const struct {
	const char *key;
	size_t off;
	unsigned min, max;
} uint_keys[] = {
	UINT_KEY("runs", runs, 1, DOJO_SERVER_MAX_RUNS),
	UINT_KEY("play-runs", play_runs, 1, DOJO_SERVER_MAX_RUNS),
	UINT_KEY("queue", queue_max, 0, 10000),
	UINT_KEY("compiles", compiles, 1, DOJO_SERVER_MAX_RUNS),
	UINT_KEY("rate", rate_per_min, 1, 1000000),
	UINT_KEY("burst", rate_burst, 1, 100000),
	UINT_KEY("max-connections", max_connections, 4, 10000),
	UINT_KEY("max-per-ip", max_per_ip, 1, 10000),
	UINT_KEY("idle-timeout", idle_timeout_s, 1, 3600),
	UINT_KEY("request-timeout", request_timeout_ms, 100, 600000),
	UINT_KEY("run-timeout", run_timeout_ms, 100, 600000),
	UINT_KEY("shutdown-timeout", shutdown_ms, 0, 600000),
};

int server_config_set(struct server_config *cfg, const char *key, const char *v,
		      struct dojo_err *err)
{
	for (size_t i = 0; i < sizeof(uint_keys) / sizeof(uint_keys[0]); i++) {
		if (strcmp(key, uint_keys[i].key))
			continue;
		if (parse_uint(v, uint_keys[i].min, uint_keys[i].max,
			       (unsigned *)((char *)cfg + uint_keys[i].off)))
			return dojo_err_set(err, -EINVAL, "%s takes a number from %u to %u, not '%s'",
					    key, uint_keys[i].min, uint_keys[i].max, v);
		return 0;
	}
	if (!strcmp(key, "listen")) {
		if (parse_listen(cfg, v))
			return dojo_err_set(err, -EINVAL, "listen takes ADDRESS:PORT with a numeric "
					    "address (127.0.0.1:8080, [::1]:8080), not '%s'", v);
	} else if (!strcmp(key, "sandbox")) {
		if (sandbox_kind_parse(v, &cfg->sandbox) || cfg->sandbox == SANDBOX_DEFAULT)
			return dojo_err_set(err, -EINVAL, "sandbox takes vm or host, not '%s'", v);
	} else if (!strcmp(key, "user")) {
		if (!*v || strlen(v) >= sizeof(cfg->user) || !strcmp(v, "root"))
			return dojo_err_set(err, -EINVAL, "user takes the name of an unprivileged user "
					    "(not root), not '%s'", v);
		snprintf(cfg->user, sizeof(cfg->user), "%s", v);
	} else if (!strcmp(key, "spares")) {
		unsigned n;

		if (parse_uint(v, 0, 16, &n))
			return dojo_err_set(err, -EINVAL, "spares takes 0 to 16, not '%s'", v);
		cfg->spares = (int)n;
	} else if (!strcmp(key, "web")) {
		if (strlen(v) >= sizeof(cfg->web_dir))
			return dojo_err_set(err, -ENAMETOOLONG, "web: the path is too long");
		snprintf(cfg->web_dir, sizeof(cfg->web_dir), "%s", v);
	} else if (!strcmp(key, "log")) {
		if (strlen(v) >= sizeof(cfg->log_path))
			return dojo_err_set(err, -ENAMETOOLONG, "log: the path is too long");
		snprintf(cfg->log_path, sizeof(cfg->log_path), "%s", v);
	} else if (!strcmp(key, "trusted-proxies")) {
		return server_addrs_parse(&cfg->proxies, v, err);
	} else if (!strcmp(key, "metrics-allow")) {
		return server_addrs_parse(&cfg->metrics, v, err);
	} else if (!strcmp(key, "dangerously-allow-host-sandbox-on-network")) {
		if (parse_bool(v, &cfg->allow_host_on_network))
			return dojo_err_set(err, -EINVAL, "%s takes yes or no, not '%s'", key, v);
	} else {
		return dojo_err_set(err, -EINVAL, "unknown setting '%s' (see docs/server.md)", key);
	}
	return 0;
}

static char *trim(char *s)
{
	char *e;

	s += strspn(s, " \t");
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		*--e = 0;
	return s;
}

int server_config_load(struct server_config *cfg, const char *path, struct dojo_err *err)
{
	FILE *f = fopen(path, "re");
	char line[PATH_MAX + 128];
	unsigned lineno = 0;
	long total = 0;
	int rc = 0;

	if (!f)
		return dojo_err_set(err, -errno, "cannot read the config file %s: %s", path,
				    strerror(errno));
	while (!rc && fgets(line, sizeof(line), f)) {
		char *k, *v, *eq;

		lineno++;
		total += (long)strlen(line);
		if (total > (long)DOJO_SERVER_MAX_CONFIG_BYTES) {
			rc = dojo_err_set(err, -E2BIG, "%s: larger than %u bytes", path,
					  DOJO_SERVER_MAX_CONFIG_BYTES);
			break;
		}
		k = trim(line);
		if (!*k || *k == '#')
			continue;
		eq = strchr(k, '=');
		if (!eq) {
			rc = dojo_err_set(err, -EINVAL, "%s:%u: expected 'key = value'", path, lineno);
			break;
		}
		*eq = 0;
		v = trim(eq + 1);
		k = trim(k);
		if (server_config_set(cfg, k, v, err)) {
			char msg[DOJO_MAX_MESSAGE];

			snprintf(msg, sizeof(msg), "%s", err ? err->msg : "");
			rc = dojo_err_set(err, -EINVAL, "%s:%u: %s", path, lineno, msg);
		}
	}
	fclose(f);
	return rc;
}

int server_config_check(const struct server_config *cfg, struct dojo_err *err)
{
	if (cfg->sandbox == SANDBOX_HOST && !server_addr_is_loopback(cfg->host) &&
	    !cfg->allow_host_on_network)
		return dojo_err_set(err, -EINVAL, "--sandbox host loads every learner's program into "
				    "this machine's own kernel; it is refused on %s, which is not a "
				    "loopback address. Use --sandbox vm, listen on 127.0.0.1, or (for a "
				    "lab you fully trust) add --dangerously-allow-host-sandbox-on-network",
				    cfg->host);
	if (cfg->max_per_ip > cfg->max_connections)
		return dojo_err_set(err, -EINVAL, "max-per-ip (%u) cannot exceed max-connections (%u)",
				    cfg->max_per_ip, cfg->max_connections);
	return 0;
}
