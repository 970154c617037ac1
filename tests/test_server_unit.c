/* test_server_unit.c: the server's contracts that need no socket (server.h): settings from
 * flags and files, the refusals that span settings, allow-lists, and who a client is behind
 * proxies.  Table-driven; loads nothing, needs no root. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "harness.h"
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

int main(void)
{
	test_settings();
	test_defaults_and_checks();
	test_loopback();
	test_config_file();
	test_client_addr();
	return harness_done("server_unit");
}
