/* main.c: the `bpfdojo` command: list, start, lesson, hint, run, check.
 *
 * A thin layer over the library parts: it parses arguments, reads files, calls
 * pipeline_run() and prints its events (render.c).  Only this file decides exit codes:
 * 0 correct (or a clean check), 1 wrong or missing answer, 2 compile or load failure,
 * 3 usage or system error. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/limits.h"
#include "exercises/exercise.h"
#include "pipeline/pipeline.h"
#include "cli.h"
#include "doctor.h"
#include "remote.h"
#include "serve.h"
#include "progress.h"
#include "render.h"



static const char usage_text[] =
	"usage: bpfdojo <command> [options]\n"
	"\n"
	"  list [--json] [--server URL]  the exercises, by chapter ([x]: solved)\n"
	"  start <exercise> [--force]    write <exercise>.bpf.c (the starter) and print the lesson\n"
	"  lesson <exercise>             print the lesson\n"
	"  hint <exercise>               show the exercise's next hint (one more each time)\n"
	"  run <exercise> <file.bpf.c>   compile, load, run the workload and grade the answer\n"
	"  check <file.bpf.c>            compile only and print the diagnostics\n"
	"  play <file.bpf.c> [--run CMD] [--seconds N] [--xlated]\n"
	"                                any program, every program attached, CMD run by the\n"
	"                                guest's shell: its events, printk lines and maps (micro-VM)\n"
	"  doctor [--quick]              check that everything a run needs is here, and how to fix it\n"
	"  serve [--listen ADDR:PORT]    the HTTP server (see docs/server.md; serve --help)\n"
	"\n"
	"options of run and check:\n"
	"  --sandbox vm|host   where the program runs: vm (the default) a throwaway micro-VM per\n"
	"                      run; host this machine's kernel, needs root, for a trusted single user\n"
	"  --json              print the events as JSON lines\n"
	"  --raw-log           print the verifier's whole log when it rejects the program\n"
	"  --explain           when the verifier rejects the program, also show what it saw: the\n"
	"                      path it walked to the rejection, line by line, with its registers;\n"
	"                      when it accepts it, each program's instructions as the kernel runs\n"
	"                      them (xlated, and the JITed bytes), under each source line\n"
	"  --verbose           print libbpf's messages too\n"
	"  --timeout MS        wall-clock limit of the run (default 10000)\n"
	"  --key HEX           use this key instead of a fresh random one (for testing)\n"
	"  --server URL        run on a bpfdojo server (default: $BPFDOJO_SERVER, when set and\n"
	"                      no --sandbox is given); list takes it too\n"
	"\n"
	"Progress (solved exercises, hints seen) is kept in $XDG_STATE_HOME/bpfdojo/progress\n"
	"(default ~/.local/state/bpfdojo/); a wrong or missing answer shows the next hint.\n"
	"\n"
	"exit status: 0 correct, 1 wrong or no answer, 2 compile or load failure, 3 usage or system error\n";

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "bpfdojo: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nRun `bpfdojo help` for usage.\n");
	return EXIT_USAGE;
}

static const struct exercise *find_or_complain(const char *id)
{
	const struct exercise *ex = exercise_find(id);

	if (!ex)
		fprintf(stderr, "bpfdojo: unknown exercise '%s'; `bpfdojo list` shows them\n", id);
	return ex;
}

/* The catalogue as the server serves it, for the local registry too: one printer for both. */
static json_t *local_catalogue(void)
{
	json_t *list = json_array();

	for (size_t i = 0; list && i < exercise_count(); i++) {
		const struct exercise *ex = exercise_at(i);

		json_array_append_new(list, json_pack("{s:s, s:s, s:i, s:s, s:i, s:s, s:i, s:b}",
						      "id", ex->id, "chapter", ex->chapter,
						      "chapter_no", ex->chapter_no, "title", ex->title,
						      "no", ex->no, "dir", ex->dir, "hints", ex->nhints,
						      "host", ex->vm_only == NULL));
	}
	return list;
}

/* --server URL, or $BPFDOJO_SERVER; NULL for a local run. */
const char *cli_server_url(const char *flag)
{
	const char *env = getenv("BPFDOJO_SERVER");

	if (flag)
		return flag;
	return env && *env ? env : NULL;
}

static int cmd_list(int argc, char **argv)
{
	const char *chapter = NULL, *server = NULL;
	struct dojo_err err = { 0 };
	struct progress *pr;
	json_t *list, *ex;
	int json = 0, ret = 0;
	size_t i;

	for (int a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--json"))
			json = 1;
		else if (!strcmp(argv[a], "--server") && a + 1 < argc)
			server = argv[++a];
		else
			return usage_error("%s", "usage: bpfdojo list [--json] [--server URL]");
	}
	server = cli_server_url(server);
	list = server ? remote_list(server, &err) : local_catalogue();
	if (!list) {
		fprintf(stderr, "bpfdojo: %s\n", err.msg[0] ? err.msg : "out of memory");
		return EXIT_USAGE;
	}
	pr = progress_load();   /* solved marks are this machine's, whoever serves the list */
	json_array_foreach(list, i, ex) {
		const char *id = json_string_value(json_object_get(ex, "id")) ?: "";
		const char *ch = json_string_value(json_object_get(ex, "chapter")) ?: "";
		json_t *host = json_object_get(ex, "host");

		if (json) {
			json_object_set_new(ex, "solved", json_boolean(progress_solved(pr, id)));
			continue;
		}
		if (!chapter || strcmp(chapter, ch)) {
			chapter = ch;
			printf("%s%d. %s\n", i ? "\n" : "",
			       (int)json_integer_value(json_object_get(ex, "chapter_no")), chapter);
		}
		printf("  [%c] %-22s %s%s\n", progress_solved(pr, id) ? 'x' : ' ', id,
		       json_string_value(json_object_get(ex, "title")) ?: "",
		       json_is_false(host) ? " (VM only)" : "");
	}
	if (json && (json_dumpf(list, stdout, JSON_INDENT(1)) || putchar('\n') == EOF)) {
		fprintf(stderr, "bpfdojo: cannot write the list\n");
		ret = EXIT_USAGE;
	}
	progress_free(pr);
	json_decref(list);
	return ret;
}

/* Print @ex's next hint and remember it was shown; after the last, say so and show it again. */
static void show_next_hint(const struct exercise *ex, FILE *out)
{
	struct progress *pr = progress_load();
	int shown = progress_hints_shown(pr, ex->id), k = shown < ex->nhints ? shown : ex->nhints - 1;

	fprintf(out, "Hint %d of %d: %s\n", k + 1, ex->nhints, ex->hints[k]);
	if (k + 1 < ex->nhints)
		fprintf(out, "(`bpfdojo hint %s` shows the next one.)\n", ex->id);
	else if (shown >= ex->nhints)
		fprintf(out, "(That was the last hint; `bpfdojo lesson %s` has the whole lesson.)\n",
			ex->id);
	if (pr && shown < ex->nhints && progress_set_hints_shown(pr, ex->id, shown + 1) == 0)
		(void)progress_save(pr);   /* progress is a convenience: a read-only home is fine */
	progress_free(pr);
}

static int cmd_hint(int argc, char **argv)
{
	const struct exercise *ex;

	if (argc < 2)
		return usage_error("%s", "hint needs an exercise id");
	if (!(ex = find_or_complain(argv[1])))
		return EXIT_USAGE;
	show_next_hint(ex, stdout);
	return 0;
}

/* After a graded run: a solve is remembered; a wrong or missing answer earns the next hint. */
static void after_verdict(const struct exercise *ex, enum grade_verdict v, int json)
{
	struct progress *pr;

	if (v == GRADE_CORRECT) {
		if ((pr = progress_load()) && progress_set_solved(pr, ex->id) == 0)
			(void)progress_save(pr);
		progress_free(pr);
	} else if ((v == GRADE_WRONG || v == GRADE_NO_SUBMIT) && !json) {
		putchar('\n');
		show_next_hint(ex, stdout);
	}
}


/* The exit code of a verdict named @name ("OK" is a clean check). */
int cli_verdict_exit_code(const char *name)
{
	if (!strcmp(name, "OK"))
		return 0;
	for (int v = GRADE_CORRECT; v <= GRADE_OK; v++)
		if (!strcmp(grade_verdict_name(v), name))
			return cli_exit_code(v);
	return EXIT_USAGE;
}

static int write_new_file(const char *path, const char *text, int force)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (force ? O_TRUNC : O_EXCL), 0644);
	size_t len = strlen(text);
	ssize_t n;

	if (fd < 0) {
		if (errno == EEXIST)
			fprintf(stderr, "bpfdojo: %s already exists; use --force to overwrite it\n", path);
		else
			fprintf(stderr, "bpfdojo: cannot create %s: %s\n", path, strerror(errno));
		return -1;
	}
	n = write(fd, text, len);
	if (close(fd) || n != (ssize_t)len) {
		fprintf(stderr, "bpfdojo: cannot write %s\n", path);
		return -1;
	}
	return 0;
}

/* The lesson's Markdown, with each diagram (an image alone on its line, an SVG the web page
 * draws) told in one line: a terminal cannot show it. */
static void print_lesson(FILE *out, const struct exercise *ex)
{
	const char *p = ex->lesson_md;

	while (*p) {
		size_t len = strcspn(p, "\n");
		const char *close = len > 4 ? memchr(p, ']', len) : NULL;

		if (!strncmp(p, "![", 2) && close && close[1] == '(' && p[len - 1] == ')')
			fprintf(out, "[diagram: %.*s; the lesson's web page shows it, at /ex/%s/]\n",
				(int)(close - p - 2), p + 2, ex->id);
		else
			fprintf(out, "%.*s\n", (int)len, p);
		p += len + (p[len] == '\n');
	}
}

static int cmd_start(int argc, char **argv)
{
	const struct exercise *ex;
	char path[128];
	int force = argc > 2 && !strcmp(argv[2], "--force");

	if (argc < 2)
		return usage_error("%s", "start needs an exercise id");
	ex = find_or_complain(argv[1]);
	if (!ex)
		return EXIT_USAGE;
	snprintf(path, sizeof(path), "%s.bpf.c", ex->id);
	if (write_new_file(path, ex->starter, force))
		return EXIT_USAGE;
	print_lesson(stdout, ex);
	printf("\n---\nWrote %s. When it is ready: bpfdojo run %s %s\n", path, ex->id, path);
	return 0;
}

static int cmd_lesson(int argc, char **argv)
{
	const struct exercise *ex;

	if (argc < 2)
		return usage_error("%s", "lesson needs an exercise id");
	ex = find_or_complain(argv[1]);
	if (!ex)
		return EXIT_USAGE;
	print_lesson(stdout, ex);
	return 0;
}

/* Read at most one byte more than the source limit, so the compiler can say "too big". */
char *cli_read_source(const char *path, size_t *len)
{
	size_t cap = DOJO_MAX_SOURCE_BYTES + 1, n = 0;
	char *buf = malloc(cap + 1);
	FILE *f = fopen(path, "re");

	if (!f || !buf) {
		fprintf(stderr, "bpfdojo: cannot read %s: %s\n", path, strerror(errno));
		if (f)
			fclose(f);
		free(buf);
		return NULL;
	}
	n = fread(buf, 1, cap, f);
	if (ferror(f)) {
		fprintf(stderr, "bpfdojo: cannot read %s\n", path);
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[n] = 0;
	*len = n;
	return buf;
}

const char *cli_base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The exit status of a verdict: the CLI's own business (a server maps verdicts to nothing:
 * HTTP statuses are about requests). */
int cli_exit_code(enum grade_verdict v)
{
	switch (v) {
	case GRADE_CORRECT:
	case GRADE_OK:
		return 0;
	case GRADE_WRONG:
	case GRADE_NO_SUBMIT:
	case GRADE_MULTIPLE_SUBMITS:
	case GRADE_TIMEOUT:
		return 1;
	case GRADE_COMPILE_ERROR:
	case GRADE_LOAD_ERROR:
		return 2;
	default:
		return 3;
	}
}

/* A pipeline_event_cb: the event's one JSON form, to the renderer (text or JSON lines). */
int cli_on_event(const struct pipeline_event *ev, void *ctx)
{
	json_t *j = pipeline_event_json(ev);
	int rc = j ? render_event(j, ctx) : 0;

	json_decref(j);
	return rc;
}

static int cmd_run(int argc, char **argv, int compile_only)
{
	static const struct option opts[] = {
		{ "sandbox", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "raw-log", no_argument, NULL, 'r' },
		{ "explain", no_argument, NULL, 'e' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "timeout", required_argument, NULL, 't' },
		{ "key", required_argument, NULL, 'k' },
		{ "server", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	struct pipeline_req req = { 0 };
	struct pipeline_result res;
	struct render r = { .out = stdout };
	struct dojo_err err = { 0 };
	const struct exercise *ex = NULL;
	const char *server = NULL;
	char *end, *src, verdict[32];
	int c, rc, local_only = 0;

	req.sandbox.kind = SANDBOX_DEFAULT;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'S': server = optarg; break;
		case 's':
			local_only = 1;
			if (sandbox_kind_parse(optarg, &req.sandbox.kind))
				return usage_error("--sandbox takes host or vm, not '%s'", optarg);
			break;
		case 'j': r.json = 1; break;
		case 'r': r.raw_log = 1; break;
		case 'e': r.explain = 1; req.sandbox.xlated = 1; break;
		case 'v': r.verbose = 1; break;
		case 't':
			local_only = 1;
			req.sandbox.timeout_ms = (unsigned)strtoul(optarg, &end, 10);
			if (*end || !req.sandbox.timeout_ms || req.sandbox.timeout_ms > 600000)
				return usage_error("--timeout takes milliseconds (1..600000), not '%s'", optarg);
			break;
		case 'k':
			local_only = 1;
			errno = 0;
			req.key = strtoull(optarg, &end, 16);
			if (*end || errno || !req.key)
				return usage_error("--key takes a non-zero hexadecimal number, not '%s'", optarg);
			break;
		default:
			return usage_error("%s", "unknown option");
		}
	}
	if (argc - optind != (compile_only ? 1 : 2))
		return usage_error("%s", compile_only ? "usage: bpfdojo check <file.bpf.c>" :
				   "usage: bpfdojo run <exercise> <file.bpf.c>");
	if (server && local_only)
		return usage_error("%s", "--sandbox, --timeout and --key are for local runs; the "
				   "server decides those for --server");
	if (!server && !local_only)
		server = cli_server_url(NULL);
	/* a server knows its own exercises (and says so when one is unknown) */
	if (!compile_only && !server && !(ex = find_or_complain(argv[optind])))
		return EXIT_USAGE;
	if (ex && ex->vm_only && req.sandbox.kind == SANDBOX_HOST) {
		fprintf(stderr, "bpfdojo: %s runs only in the micro-VM (--sandbox vm): %s\n", ex->id,
			ex->vm_only);
		return EXIT_USAGE;
	}
	if (!compile_only && !server && req.sandbox.kind == SANDBOX_HOST)
		fputs("bpfdojo: --sandbox host runs your program in this machine's own kernel, "
		      "separated from it only by namespaces; use it only for your own code on your "
		      "own machine.\n", stderr);
	/* Said before the compile, not after it: a user could not load the program anyway. */
	if (!compile_only && req.sandbox.kind == SANDBOX_HOST && geteuid() != 0) {
		fputs("bpfdojo: host mode needs root: run as root, or use --sandbox vm\n", stderr);
		return EXIT_USAGE;
	}
	req.exercise = compile_only ? NULL : argv[optind];
	src = cli_read_source(argv[argc - 1], &req.source_len);
	if (!src)
		return EXIT_USAGE;
	req.source = src;
	req.filename = cli_base_name(argv[argc - 1]);
	req.compile_only = compile_only;
	r.source = src;
	r.source_len = req.source_len;
	r.color = !r.json && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	req.diag_color = r.color;

	if (server) {
		rc = compile_only ? remote_check(server, req.filename, src, req.source_len,
						 render_event, &r, verdict, &err) :
			remote_run(server, req.exercise, req.filename, src, req.source_len,
				   render_event, &r, verdict, &err);
		free(src);
		if (rc) {
			fprintf(stderr, "bpfdojo: %s\n", err.msg);
			return EXIT_USAGE;
		}
		/* progress is kept here for a server's runs too, when this CLI knows the exercise */
		for (int v = GRADE_CORRECT; v <= GRADE_OK && !compile_only; v++)
			if (!strcmp(grade_verdict_name(v), verdict) && (ex = exercise_find(req.exercise)))
				after_verdict(ex, (enum grade_verdict)v, r.json);
		return cli_verdict_exit_code(verdict);
	}
	rc = pipeline_run(&req, cli_on_event, &r, &res, &err);
	free(src);
	if (rc) {
		fprintf(stderr, "bpfdojo: %s\n", err.msg);
		return EXIT_USAGE;
	}
	if (ex)
		after_verdict(ex, res.verdict, r.json);
	return cli_exit_code(res.verdict);
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "help";

	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		fputs(usage_text, stdout);
		return argc > 1 ? 0 : EXIT_USAGE;
	}
	if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
		puts("bpfdojo 0.1");
		return 0;
	}
	if (!strcmp(cmd, "list"))
		return cmd_list(argc - 1, argv + 1);
	if (!strcmp(cmd, "hint"))
		return cmd_hint(argc - 1, argv + 1);
	if (!strcmp(cmd, "start"))
		return cmd_start(argc - 1, argv + 1);
	if (!strcmp(cmd, "lesson"))
		return cmd_lesson(argc - 1, argv + 1);
	if (!strcmp(cmd, "run"))
		return cmd_run(argc - 1, argv + 1, 0);
	if (!strcmp(cmd, "check"))
		return cmd_run(argc - 1, argv + 1, 1);
	if (!strcmp(cmd, "play"))
		return cli_play(argc - 1, argv + 1);
	if (!strcmp(cmd, "serve"))
		return cli_serve(argc - 1, argv + 1);
	if (!strcmp(cmd, "doctor"))
		return cli_doctor(argc - 1, argv + 1);
	return usage_error("unknown command '%s'", cmd);
}
