/* test_server_unit.c: the server's contracts that need no socket (server.h): settings from
 * flags and files, the refusals that span settings, allow-lists, who a client is behind
 * proxies, the run queue's playground lane and the /api/play body.  Table-driven; loads
 * nothing, needs no root. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <pthread.h>
#include <time.h>
#include "harness.h"
#include "server/internal.h"
#include "server/server.h"

static void test_settings(void)
{
	static const struct {
		const char *key, *value;
		int ok;
		const char *why;
	} rows[] = {
		{ "listen", "127.0.0.1:8080", 1, "address and port" },
		{ "listen", "[::1]:9000", 1, "IPv6 in brackets" },
		{ "listen", ":9000", 1, "port only keeps the address" },
		{ "listen", "9000", 1, "a bare port" },
		{ "listen", "localhost:80", 0, "names are not resolved" },
		{ "listen", "127.0.0.1:70000", 0, "port out of range" },
		{ "listen", "127.0.0.1:", 0, "no port" },
		{ "sandbox", "vm", 1, "vm" },
		{ "sandbox", "host", 1, "host" },
		{ "sandbox", "default", 0, "the server names its sandbox" },
		{ "sandbox", "cloud", 0, "unknown sandbox" },
		{ "runs", "2", 1, "runs" },
		{ "runs", "0", 0, "no runs at all" },
		{ "runs", "-1", 0, "negative" },
		{ "runs", "2x", 0, "trailing junk" },
		{ "runs", "100000", 0, "past DOJO_SERVER_MAX_RUNS" },
		{ "queue", "0", 1, "no waiting line" },
		{ "rate", "60", 1, "rate" },
		{ "spares", "17", 0, "past the spares cap" },
		{ "trusted-proxies", "10.0.0.0/8, fd00::/8", 1, "CIDR list" },
		{ "trusted-proxies", "10.0.0.0/33", 0, "prefix too long" },
		{ "metrics-allow", "not-an-address", 0, "garbage in a list" },
		{ "dangerously-allow-host-sandbox-on-network", "yes", 1, "the dangerous switch" },
		{ "dangerously-allow-host-sandbox-on-network", "maybe", 0, "a switch takes yes or no" },
		{ "frobnicate", "1", 0, "unknown key" },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct server_config cfg;
		struct dojo_err err = { 0 };
		int rc;

		server_config_defaults(&cfg);
		rc = server_config_set(&cfg, rows[i].key, rows[i].value, &err);
		CHECK((rc == 0) == rows[i].ok, "%s = %s (%s): rc %d", rows[i].key, rows[i].value,
		      rows[i].why, rc);
		if (!rows[i].ok)
			CHECK(rc == -EINVAL && err.msg[0], "%s: refused with a sentence", rows[i].why);
	}
}

static void test_defaults_and_checks(void)
{
	struct server_config cfg;
	struct dojo_err err = { 0 };

	server_config_defaults(&cfg);
	CHECK_STR(cfg.host, "127.0.0.1", "listens on loopback by default");
	CHECK_INT(cfg.sandbox, SANDBOX_VM, "the vm sandbox by default");
	CHECK_INT(server_config_check(&cfg, &err), 0, "defaults pass the checks");

	CHECK_INT(server_config_set(&cfg, "sandbox", "host", NULL), 0, "host");
	CHECK_INT(server_config_check(&cfg, &err), 0, "host mode on loopback is allowed");
	CHECK_INT(server_config_set(&cfg, "listen", "0.0.0.0:8080", NULL), 0, "any address");
	CHECK_INT(server_config_check(&cfg, &err), -EINVAL, "host mode on a network address is refused");
	CHECK(strstr(err.msg, "dangerously") != NULL, "the refusal names the flag: %s", err.msg);
	CHECK_INT(server_config_set(&cfg, "dangerously-allow-host-sandbox-on-network", "", NULL), 0, "switch");
	CHECK_INT(server_config_check(&cfg, &err), 0, "unless forced by the dangerous flag");

	server_config_defaults(&cfg);
	server_config_set(&cfg, "max-connections", "10", NULL);
	server_config_set(&cfg, "max-per-ip", "20", NULL);
	CHECK_INT(server_config_check(&cfg, &err), -EINVAL, "per-ip cap above the total cap");
}

static void test_loopback(void)
{
	static const struct { const char *host; int lo; } rows[] = {
		{ "127.0.0.1", 1 }, { "127.1.2.3", 1 }, { "::1", 1 }, { "0.0.0.0", 0 },
		{ "::", 0 }, { "10.0.0.1", 0 }, { "128.0.0.1", 0 }, { "nonsense", 0 },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		CHECK(server_addr_is_loopback(rows[i].host) == rows[i].lo, "loopback(%s)", rows[i].host);
}

static void test_config_file(void)
{
	char path[] = "/tmp/test_server_unit.XXXXXX";
	int fd = mkstemp(path);
	struct server_config cfg;
	struct dojo_err err = { 0 };
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	CHECK(f != NULL, "temporary file");
	if (!f)
		return;
	fputs("# a comment\n\nlisten = 127.0.0.1:9123\n  runs=3  \nweb = a dir with spaces\n"
	      "trusted-proxies = 127.0.0.1, ::1\n", f);
	fclose(f);
	server_config_defaults(&cfg);
	CHECK_INT(server_config_load(&cfg, path, &err), 0, "a good file loads");
	CHECK_INT(cfg.port, 9123, "listen from the file");
	CHECK_INT(cfg.runs, 3, "spaces around '=' and at the ends");
	CHECK_STR(cfg.web_dir, "a dir with spaces", "a value with spaces");
	CHECK_INT(cfg.proxies.n, 2, "a list from the file");

	f = fopen(path, "w");
	fputs("runs = 2\nno equals sign here\n", f);
	fclose(f);
	CHECK_INT(server_config_load(&cfg, path, &err), -EINVAL, "a line without '='");
	CHECK(strstr(err.msg, ":2:") != NULL, "the error names the line: %s", err.msg);
	f = fopen(path, "w");
	fputs("runs = many\n", f);
	fclose(f);
	CHECK_INT(server_config_load(&cfg, path, &err), -EINVAL, "a bad value");
	CHECK(strstr(err.msg, ":1:") && strstr(err.msg, "runs takes"), "names the line and key: %s",
	      err.msg);
	unlink(path);
	CHECK(server_config_load(&cfg, path, &err) < 0, "a missing file");
}

static void test_client_addr(void)
{
	static const struct {
		const char *proxies, *peer, *xff, *want, *why;
	} rows[] = {
		{ "", "10.1.1.1", "1.2.3.4", "10.1.1.1", "no proxies: the header is ignored" },
		{ "127.0.0.1", "10.1.1.1", "1.2.3.4", "10.1.1.1", "the peer is not a proxy: ignored" },
		{ "127.0.0.1", "127.0.0.1", NULL, "127.0.0.1", "a proxy without the header" },
		{ "127.0.0.1", "127.0.0.1", "1.2.3.4", "1.2.3.4", "the client behind a proxy" },
		{ "127.0.0.1", "127.0.0.1", " 1.2.3.4 ", "1.2.3.4", "spaces around" },
		{ "127.0.0.1", "127.0.0.1", "9.9.9.9, 1.2.3.4", "1.2.3.4", "a spoofed entry on the left loses" },
		{ "127.0.0.1,10.0.0.0/8", "127.0.0.1", "1.2.3.4, 10.0.0.7", "1.2.3.4", "a chain of proxies is skipped" },
		{ "127.0.0.1", "127.0.0.1", "1.2.3.4, junk", "127.0.0.1", "garbage stops at the last vouched address" },
		{ "127.0.0.1", "127.0.0.1", "junk, 1.2.3.4", "1.2.3.4", "garbage further left does not matter" },
		{ "127.0.0.1", "127.0.0.1", "2001:db8::1", "2001:db8::1", "an IPv6 client" },
		{ "127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1", "only proxies: the last one" },
		{ "::1", "::1", "1.2.3.4", "1.2.3.4", "an IPv6 proxy" },
		{ "127.0.0.1", "::ffff:127.0.0.1", "1.2.3.4", "1.2.3.4", "a v4-mapped peer is IPv4" },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct server_addrs proxies;
		struct sockaddr_storage ss = { 0 };
		char out[64];

		CHECK_INT(server_addrs_parse(&proxies, rows[i].proxies, NULL), 0, rows[i].why);
		if (strchr(rows[i].peer, ':')) {
			struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;

			a->sin6_family = AF_INET6;
			inet_pton(AF_INET6, rows[i].peer, &a->sin6_addr);
		} else {
			struct sockaddr_in *a = (struct sockaddr_in *)&ss;

			a->sin_family = AF_INET;
			inet_pton(AF_INET, rows[i].peer, &a->sin_addr);
		}
		server_client_addr(&proxies, (struct sockaddr *)&ss, rows[i].xff, out);
		CHECK_STR(out, rows[i].want, rows[i].why);
	}
}

/* ---- the run queue's lanes: items that run until the test lets them go ---- */
struct fake {
	struct runq_item item;   /* first */
	char name[8];
	int started, release;
};
static pthread_mutex_t fake_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t fake_cond = PTHREAD_COND_INITIALIZER;
static char fake_order[64];

static void fake_run(struct runq_item *it)
{
	struct fake *f = (struct fake *)it;

	pthread_mutex_lock(&fake_lock);
	f->started = 1;
	strncat(fake_order, f->name, sizeof(fake_order) - strlen(fake_order) - 1);
	pthread_cond_broadcast(&fake_cond);
	while (!f->release)
		pthread_cond_wait(&fake_cond, &fake_lock);
	pthread_mutex_unlock(&fake_lock);
}

/* Wait at most 2 s for @f to start: 1 when it did. */
static int fake_started(struct fake *f, unsigned ms)
{
	struct timespec until;
	int started;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&fake_lock);
	while (!f->started && pthread_cond_timedwait(&fake_cond, &fake_lock, &until) == 0)
		;
	started = f->started;
	pthread_mutex_unlock(&fake_lock);
	return started;
}

static void fake_release(struct fake *f)
{
	pthread_mutex_lock(&fake_lock);
	f->release = 1;
	pthread_cond_broadcast(&fake_cond);
	pthread_mutex_unlock(&fake_lock);
}

static void fake_init(struct fake *f, const char *name, int play)
{
	memset(f, 0, sizeof(*f));
	snprintf(f->name, sizeof(f->name), "%s", name);
	f->item.run = fake_run;
	f->item.play = play;
}

static void test_runq_lanes(void)
{
	struct dojo_err err = { 0 };
	struct fake p1, p2, p3, e1, e2;
	unsigned pos, waiting, running;
	struct runq *q;

	/* two slots, playground runs hold at most one */
	fake_order[0] = 0;
	q = runq_new(2, 1, 8, &err);
	CHECK(q != NULL, "runq_new: %s", err.msg);
	if (!q)
		return;
	fake_init(&p1, "P1", 1);
	fake_init(&p2, "P2", 1);
	fake_init(&p3, "P3", 1);
	fake_init(&e1, "E1", 0);
	fake_init(&e2, "E2", 0);
	CHECK_INT(runq_submit(q, &p1.item, &pos), 0, "submit P1");
	CHECK(fake_started(&p1, 2000), "the first playground run starts");
	CHECK_INT(runq_submit(q, &p2.item, &pos), 0, "submit P2");
	CHECK_INT(runq_submit(q, &p3.item, &pos), 0, "submit P3");
	CHECK(!fake_started(&p2, 200), "a second playground run waits although a slot is free");
	runq_play_counts(q, &waiting, &running);
	CHECK(waiting == 2 && running == 1, "play counts: %u waiting, %u running", waiting, running);
	CHECK_INT(runq_submit(q, &e1.item, &pos), 0, "submit E1");
	CHECK_INT(pos, 0, "an exercise run takes the slot the playground may not");
	CHECK(fake_started(&e1, 2000), "the exercise run starts at once");
	CHECK_INT(runq_submit(q, &e2.item, &pos), 0, "submit E2");
	CHECK_INT(pos, 1, "E2 is first in line, ahead of the waiting playground runs");
	fake_release(&p1);
	CHECK(fake_started(&e2, 2000), "the freed slot goes to the waiting exercise run");
	CHECK(!fake_started(&p2, 200), "not to the playground run that waited longer");
	fake_release(&e1);
	CHECK(fake_started(&p2, 2000), "then the playground run goes");
	CHECK(!fake_started(&p3, 200), "one at a time");
	fake_release(&e2);
	fake_release(&p2);
	CHECK(fake_started(&p3, 2000), "the last one goes too");
	fake_release(&p3);
	CHECK(runq_wait_idle(q, 2000), "idle at the end");
	CHECK_STR(fake_order, "P1E1E2P2P3", "start order");
	runq_counts(q, &waiting, &running);
	CHECK(waiting == 0 && running == 0, "nothing left: %u waiting, %u running", waiting, running);
	runq_close(q, 1);
	runq_free(q);

	/* one slot: a playground run never makes an exercise run wait more than the run it holds */
	fake_order[0] = 0;
	q = runq_new(1, 4, 8, &err);
	if (!q)
		return;
	fake_init(&p1, "P1", 1);
	fake_init(&p2, "P2", 1);
	fake_init(&e1, "E1", 0);
	CHECK_INT(runq_submit(q, &p1.item, &pos), 0, "one slot: submit P1");
	CHECK(fake_started(&p1, 2000), "one slot: P1 runs");
	CHECK_INT(runq_submit(q, &p2.item, &pos), 0, "one slot: submit P2");
	CHECK_INT(runq_submit(q, &e1.item, &pos), 0, "one slot: submit E1");
	fake_release(&p1);
	CHECK(fake_started(&e1, 2000), "one slot: the exercise run goes next");
	CHECK(!p2.started, "one slot: before the playground run that came first");
	fake_release(&e1);
	CHECK(fake_started(&p2, 2000), "one slot: then P2");
	fake_release(&p2);
	CHECK(runq_wait_idle(q, 2000), "one slot: idle");
	CHECK_STR(fake_order, "P1E1P2", "one slot: start order");
	runq_close(q, 1);
	runq_free(q);

	/* the line is bounded across both lanes */
	q = runq_new(1, 1, 1, &err);
	if (!q)
		return;
	fake_init(&p1, "P1", 1);
	fake_init(&p2, "P2", 1);
	fake_init(&e1, "E1", 0);
	CHECK_INT(runq_submit(q, &p1.item, &pos), 0, "bounded: P1");
	CHECK(fake_started(&p1, 2000), "bounded: P1 runs");
	CHECK_INT(runq_submit(q, &p2.item, &pos), 0, "bounded: P2 waits");
	CHECK_INT(runq_submit(q, &e1.item, &pos), -EBUSY, "bounded: the line is full for E1 too");
	CHECK_INT(runq_withdraw(q, &p2.item), 1, "bounded: P2 withdrawn");
	fake_release(&p1);
	CHECK(runq_wait_idle(q, 2000), "bounded: idle");
	runq_close(q, 1);
	runq_free(q);
}

/* ---- POST /api/play's body ---- */
static void test_play_body(void)
{
	static const struct {
		const char *body;
		int rc;
		const char *cmd;
		unsigned seconds;
		const char *why;
		int xlated;
	} rows[] = {
		{ "{\"source\":\"int x;\",\"run\":\"cat /etc/hostname\",\"seconds\":3}", 0,
		  "cat /etc/hostname", 3, "all three", 0 },
		{ "{\"source\":\"int x;\"}", 0, "true", 0, "only the source: defaults", 0 },
		{ "{\"source\":\"int x;\",\"run\":\"\"}", 0, "true", 0, "an empty command runs nothing", 0 },
		{ "{\"source\":\"\"}", -EINVAL, NULL, 0, "an empty source", 0 },
		{ "{\"run\":\"ls\"}", -EINVAL, NULL, 0, "no source", 0 },
		{ "{\"source\":42}", -EINVAL, NULL, 0, "a source that is not a string", 0 },
		{ "{\"source\":\"x\",\"seconds\":0}", -ERANGE, NULL, 0, "zero seconds", 0 },
		{ "{\"source\":\"x\",\"seconds\":11}", -ERANGE, NULL, 0, "past the maximum", 0 },
		{ "{\"source\":\"x\",\"seconds\":\"2\"}", -ERANGE, NULL, 0, "seconds as a string", 0 },
		{ "{\"source\":\"x\",\"sekonds\":2}", -EINVAL, NULL, 0, "an unknown field", 0 },
		{ "{\"source\":\"x\",\"source\":\"y\"}", -EINVAL, NULL, 0, "a duplicate field", 0 },
		{ "{\"source\":\"a\\u0000b\"}", -EINVAL, NULL, 0, "a NUL in the source", 0 },
		{ "[\"x\"]", -EINVAL, NULL, 0, "not an object", 0 },
		{ "{\"source\": \"x\"", -EINVAL, NULL, 0, "cut short", 0 },
		{ "", -EINVAL, NULL, 0, "empty", 0 },
		{ "{\"source\":\"x\",\"xlated\":true}", 0, "true", 0, "the instructions asked for", 1 },
		{ "{\"source\":\"x\",\"xlated\":false}", 0, "true", 0, "xlated false", 0 },
		{ "{\"source\":\"x\",\"xlated\":\"yes\"}", -EINVAL, NULL, 0, "xlated as a string", 0 },
		{ "{\"source\":\"x\",\"xlated\":1}", -EINVAL, NULL, 0, "xlated as a number", 0 },
	};
	char big[DOJO_PLAY_MAX_CMD + 64];

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct runner_job job;
		char msg[256] = "";
		json_t *root;
		int rc = playreq_parse(rows[i].body, strlen(rows[i].body), &root, &job, msg,
				       sizeof(msg));

		CHECK(rc == rows[i].rc, "%s: rc %d, want %d (%s)", rows[i].why, rc, rows[i].rc, msg);
		if (rc)
			CHECK(msg[0], "%s: refused with a sentence", rows[i].why);
		else
			CHECK(!strcmp(job.play_cmd, rows[i].cmd) && job.play_seconds == rows[i].seconds &&
			      job.src && job.len && !job.exercise && job.xlated == rows[i].xlated,
			      "%s: the job", rows[i].why);
		if (rc && strstr(rows[i].body, "xlated"))
			CHECK(strstr(msg, "xlated") != NULL, "%s: the sentence names the field: %s",
			      rows[i].why, msg);
		json_decref(root);
	}
	/* a command past DOJO_PLAY_MAX_CMD */
	{
		struct runner_job job;
		char msg[256] = "";
		json_t *root;
		int n = snprintf(big, sizeof(big), "{\"source\":\"x\",\"run\":\"");

		memset(big + n, 'a', DOJO_PLAY_MAX_CMD + 1);
		snprintf(big + n + DOJO_PLAY_MAX_CMD + 1, sizeof(big) - (size_t)n - DOJO_PLAY_MAX_CMD - 1,
			 "\"}");
		CHECK_INT(playreq_parse(big, strlen(big), &root, &job, msg, sizeof(msg)), -E2BIG,
			  "a command too long");
		CHECK(strstr(msg, "run") != NULL, "the sentence names the field: %s", msg);
		json_decref(root);
	}
}

int main(void)
{
	test_settings();
	test_defaults_and_checks();
	test_loopback();
	test_config_file();
	test_client_addr();
	test_runq_lanes();
	test_play_body();
	return harness_done("server_unit");
}
