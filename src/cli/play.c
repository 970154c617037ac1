/* play.c: `bpfdojo play FILE.bpf.c [--run CMD] [--seconds N] [--json] [--server URL]`: any
 * libbpf-style program, every program in it attached, CMD run by the guest's shell (busybox)
 * in a fresh micro-VM, here or on a server (POST /api/play, remote.c); prints what happened
 * as it happens (render.c, the same either way), then every map's contents. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/limits.h"
#include "cli.h"
#include "remote.h"
#include "render.h"

static int play_usage(const char *why)
{
	fprintf(stderr, "bpfdojo: %s\nusage: bpfdojo play <file.bpf.c> [--run 'SHELL COMMAND'] "
		"[--seconds 1..%u] [--xlated] [--json] [--verbose] [--server URL]\n", why,
		DOJO_PLAY_MAX_SECONDS);
	return EXIT_USAGE;
}

int cli_play(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "run", required_argument, NULL, 'r' },
		{ "seconds", required_argument, NULL, 'n' },
		{ "sandbox", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "server", required_argument, NULL, 'S' },
		{ "xlated", no_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 },
	};
	struct pipeline_req req = { .play_cmd = "true", .sandbox.kind = SANDBOX_VM };
	struct pipeline_result res;
	struct render r = { .out = stdout };
	struct dojo_err err = { 0 };
	const char *server = NULL;
	char *end, *src, outcome[32];
	int c, rc, sandbox_given = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (strlen(optarg) > DOJO_PLAY_MAX_CMD)
				return play_usage("the --run command is too long");
			req.play_cmd = optarg;
			break;
		case 'n':
			req.play_seconds = (unsigned)strtoul(optarg, &end, 10);
			if (*end || !req.play_seconds || req.play_seconds > DOJO_PLAY_MAX_SECONDS)
				return play_usage("--seconds takes a number of seconds, 1 to the maximum");
			break;
		case 'S': server = optarg; break;
		case 's':
			sandbox_given = 1;
			if (sandbox_kind_parse(optarg, &req.sandbox.kind))
				return play_usage("--sandbox takes vm");
			if (req.sandbox.kind == SANDBOX_HOST)
				return play_usage("the playground runs any program: in the micro-VM only (--sandbox vm)");
			break;
		case 'j': r.json = 1; break;
		case 'v': r.verbose = 1; break;
		case 'x': req.sandbox.xlated = 1; break;
		default:
			return play_usage("unknown option");
		}
	}
	if (argc - optind != 1)
		return play_usage("play takes one file");
	if (server && sandbox_given)
		return play_usage("--sandbox is the server's to decide with --server");
	if (!sandbox_given)
		server = cli_server_url(server);
	src = cli_read_source(argv[optind], &req.source_len);
	if (!src)
		return EXIT_USAGE;
	req.source = src;
	req.filename = cli_base_name(argv[optind]);
	r.source = src;
	r.source_len = req.source_len;
	r.color = !r.json && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	req.diag_color = r.color;
	if (server) {
		rc = remote_play(server, req.filename, src, req.source_len, req.play_cmd,
				 req.play_seconds, req.sandbox.xlated, render_event, &r, outcome, &err);
		free(src);
		if (rc) {
			fprintf(stderr, "bpfdojo: %s\n", err.msg);
			return EXIT_USAGE;
		}
		return cli_verdict_exit_code(outcome);
	}
	rc = pipeline_run(&req, cli_on_event, &r, &res, &err);
	free(src);
	if (rc) {
		fprintf(stderr, "bpfdojo: %s\n", err.msg);
		return EXIT_USAGE;
	}
	return cli_exit_code(res.verdict);
}
