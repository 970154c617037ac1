/* play.c: `bpfdojo play FILE.bpf.c [--run CMD] [--seconds N] [--json]`: any libbpf-style
 * program, every program in it attached, CMD run by the guest's shell (busybox) in a fresh
 * micro-VM; prints what happened as it happens (render.c), then every map's contents. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/limits.h"
#include "cli.h"
#include "render.h"

static int play_usage(const char *why)
{
	fprintf(stderr, "bpfdojo: %s\nusage: bpfdojo play <file.bpf.c> [--run 'SHELL COMMAND'] "
		"[--seconds 1..%u] [--json] [--verbose]\n", why, DOJO_PLAY_MAX_SECONDS);
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
		{ NULL, 0, NULL, 0 },
	};
	struct pipeline_req req = { .play_cmd = "true", .sandbox.kind = SANDBOX_VM };
	struct pipeline_result res;
	struct render r = { .out = stdout };
	struct dojo_err err = { 0 };
	char *end, *src;
	int c, rc;

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
		case 's':
			if (sandbox_kind_parse(optarg, &req.sandbox.kind))
				return play_usage("--sandbox takes vm");
			if (req.sandbox.kind == SANDBOX_HOST)
				return play_usage("the playground runs any program: in the micro-VM only (--sandbox vm)");
			break;
		case 'j': r.json = 1; break;
		case 'v': r.verbose = 1; break;
		default:
			return play_usage("unknown option");
		}
	}
	if (argc - optind != 1)
		return play_usage("play takes one file");
	src = cli_read_source(argv[optind], &req.source_len);
	if (!src)
		return EXIT_USAGE;
	req.source = src;
	req.filename = cli_base_name(argv[optind]);
	r.source = src;
	r.source_len = req.source_len;
	r.color = !r.json && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	req.diag_color = r.color;
	rc = pipeline_run(&req, cli_on_event, &r, &res, &err);
	free(src);
	if (rc) {
		fprintf(stderr, "bpfdojo: %s\n", err.msg);
		return EXIT_USAGE;
	}
	return cli_exit_code(res.verdict);
}
