/* server.h: `bpfdojo serve`, the HTTP API over the run driver (see docs/server.md).
 *
 * The server parses requests, runs each submission through the same pipeline as the CLI and
 * streams its events as server-sent events; it also serves the catalogue, compile-only checks,
 * the web app's static files, /healthz and /metrics.  Its configuration comes from flags and a
 * key = value file (server_config_*); only the caller (the CLI's main) prints and exits. */
#ifndef DOJO_SERVER_H
#define DOJO_SERVER_H

#include <limits.h>
#include <stdint.h>
#include "core/err.h"
#include "core/limits.h"
#include "sandbox/sandbox.h"

/* An address allow-list: "127.0.0.0/8,::1,10.1.2.3". */
struct server_cidr {
	int family;           /* AF_INET or AF_INET6 */
	uint8_t addr[16];
	unsigned prefix;      /* bits that must match */
};

struct server_addrs {
	struct server_cidr cidr[DOJO_SERVER_MAX_ALLOW];
	unsigned n;
};

struct server_config {
	char host[256];               /* address to listen on (numeric), default 127.0.0.1 */
	unsigned port;                /* default 8080; 0 picks a free port (see server_port) */
	enum sandbox_kind sandbox;    /* default SANDBOX_VM */
	unsigned runs;                /* runs at once; 0: one per core (vm), 1 (host) */
	unsigned play_runs;           /* slots playground runs may hold at once; 0: a quarter
				       * of runs, at least 1 (docs/server.md, "The playground") */
	unsigned queue_max;           /* runs waiting for a slot, past it 503 */
	unsigned compiles;            /* compile-only checks at once; 0: one per core */
	unsigned rate_per_min;        /* API requests per client per minute (token refill) */
	unsigned rate_burst;          /* bucket size */
	unsigned max_connections, max_per_ip;
	unsigned idle_timeout_s;      /* a connection without traffic is closed */
	unsigned request_timeout_ms;  /* the whole request (headers to last body byte) */
	unsigned run_timeout_ms;      /* a run's wall clock; 0: DOJO_RUN_TIMEOUT_MS */
	unsigned shutdown_ms;         /* how long in-flight runs may finish on SIGTERM */
	int spares;                   /* vm: qemus started ahead; -1: as many as runs */
	char web_dir[PATH_MAX];       /* static files, "" for none */
	char log_path[PATH_MAX];      /* request log, "" for stderr */
	struct server_addrs proxies;  /* whose X-Forwarded-For is believed (default none) */
	struct server_addrs metrics;  /* who may read /metrics (default loopback) */
	int allow_host_on_network;    /* --dangerously-allow-host-sandbox-on-network */
	char user[64];                /* started as root: the user it becomes once the sandbox
				       * broker is forked (default DOJO_SERVER_USER) */
};

/* Fill @cfg with the safe defaults: 127.0.0.1:8080, the vm sandbox, the limits.h values. */
void server_config_defaults(struct server_config *cfg);

/* Apply one setting, as written in the config file ("runs", "12") or as a flag without its
 * dashes.  0, or -EINVAL with @err naming the key and what it takes. */
int server_config_set(struct server_config *cfg, const char *key, const char *value,
		      struct dojo_err *err);

/* Read a config file of "key = value" lines ('#' starts a comment; keys as the flags).
 * 0, or a negative errno with @err naming the file and line. */
int server_config_load(struct server_config *cfg, const char *path, struct dojo_err *err);

/* The refusals that depend on several settings: host sandbox on a non-loopback address
 * (unless allow_host_on_network), ranges.  0 or -EINVAL with @err saying what to change. */
int server_config_check(const struct server_config *cfg, struct dojo_err *err);

/* Whether @host (a numeric address) is a loopback address. */
int server_addr_is_loopback(const char *host);

/* Parse an allow-list "a/n, b, ..." (IPv4 or IPv6, commas or spaces between entries, at most
 * DOJO_SERVER_MAX_ALLOW) into @out, replacing it.  0, or -EINVAL with @err (may be NULL)
 * naming the entry. */
int server_addrs_parse(struct server_addrs *out, const char *list, struct dojo_err *err);

struct sockaddr;

/* Who a client is, as text in @out: the peer's address, unless the peer is one of @proxies;
 * then X-Forwarded-For (@xff, may be NULL) is read from the right, skipping addresses of
 * @proxies, and the first other address is the client (one a client wrote further left
 * cannot win).  An entry that is not an address stops the walk at the last address vouched
 * for.  IPv4-mapped IPv6 peers are shown as IPv4. */
void server_client_addr(const struct server_addrs *proxies, const struct sockaddr *peer,
			const char *xff, char out[64]);

struct server;

/* Prepare the compiler and the sandbox (vm: build the snapshot if needed, start the spares),
 * render the catalogue, open the log and listen.  Returns NULL with @err filled (port in use,
 * sandbox missing, web directory unreadable).  Threads are started: block the signals the
 * caller wants to wait for before calling. */
struct server *server_new(const struct server_config *cfg, struct dojo_err *err);

/* The port listened on (useful with port 0). */
unsigned server_port(const struct server *s);

/* Reopen the log file (SIGHUP), for log rotation.  0 or a negative errno. */
int server_reopen_log(struct server *s);

/* Graceful stop: stop accepting connections and runs (new requests get 503), let in-flight
 * runs finish for cfg->shutdown_ms, then cancel the rest, and wait until every run's sandbox
 * is gone.  Idempotent. */
void server_shutdown(struct server *s);

/* Stop (server_shutdown() first if not done) and free.  Accepts NULL. */
void server_free(struct server *s);

#endif
