/* webgen.c: the web app's static pages, made at build time from the exercise registry: the
 * home page (chapters and exercises), one page per exercise (the lesson rendered by cmark
 * with its code highlighted here, the starter, and how to submit without JavaScript) and the
 * Playground's page (its editor and results are built by web/src/play.js).  The
 * browser code (web/src) enhances these pages; it never has to render Markdown.  A lesson's
 * images are SVG diagrams next to its lesson.md, drawn inline and copied beside the page.
 * Usage: webgen OUTDIR (run from the project's root: the exercises' folders are read) */
#include <cmark.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "exercises/exercise.h"
#include "core/limits.h"
#include "highlight.h"

static void head(FILE *out, const char *title, const char *page, const char *id)
{
	fputs("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
	      out);
	webgen_escape(out, title, strlen(title));
	fputs(" · bpfdojo</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n"
	      /* the theme before the first paint: no flash of the other one */
	      "<script>try{var t=localStorage.getItem('bpfdojo.theme');"
	      "if(t)document.documentElement.dataset.theme=t}catch(e){}</script>\n"
	      "</head>\n", out);
	fprintf(out, "<body data-page=\"%s\"%s%s%s>\n", page, id ? " data-id=\"" : "", id ? id : "",
		id ? "\"" : "");
	fprintf(out, "<header class=\"top\"><a class=\"brand\" href=\"/\">bpfdojo</a>"
		"<nav class=\"site\" aria-label=\"Site\"><a href=\"/play/\"%s>Playground</a></nav>"
		"<nav class=\"tools\" id=\"tools\"></nav></header>\n",
		!strcmp(page, "play") ? " aria-current=\"page\"" : "");
}

static void tail(FILE *out)
{
	fputs("<script type=\"module\" src=\"/app.js\"></script>\n</body></html>\n", out);
}

/* a code block as highlighted HTML (C unless its info string names another language) */
static char *code_html(const char *code, const char *info)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	int is_c = !*info || !strcmp(info, "c");

	if (!m)
		return NULL;
	fprintf(m, "<pre class=\"code\"><code class=\"language-%s\">", *info ? info : "c");
	if (is_c)
		webgen_highlight_c(m, code, strlen(code));
	else
		webgen_escape(m, code, strlen(code));
	fputs("</code></pre>\n", m);
	fclose(m);
	return buf;
}

/* A diagram: the image @name of the lesson in @ex_dir, copied to @out_dir (so its address
 * works) and returned as a <figure> holding the SVG itself, inline, so that it draws with the
 * page's colours (currentColor and the theme's CSS variables, web/style.css).  Only a plain
 * file name ending in .svg, starting with <svg, is a diagram.  NULL, said on stderr, when
 * not. */
static char *diagram_html(const char *ex_dir, const char *out_dir, const char *name,
			  const char *alt)
{
	char path[4096];
	size_t n = strlen(name), len = 0;
	char *svg = NULL, *html = NULL, *start;
	FILE *in, *out;

	if (n < 5 || strcmp(name + n - 4, ".svg") || strchr(name, '/') || name[0] == '.') {
		fprintf(stderr, "webgen: %s: image '%s': a lesson's image is an .svg file next to its "
			"lesson.md\n", ex_dir, name);
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/%s", ex_dir, name);
	if (!(in = fopen(path, "r"))) {
		fprintf(stderr, "webgen: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	if ((svg = malloc(DOJO_MAX_DIAGRAM_BYTES + 1)))
		len = fread(svg, 1, DOJO_MAX_DIAGRAM_BYTES + 1, in);
	fclose(in);
	if (!svg || len > DOJO_MAX_DIAGRAM_BYTES || !(svg[len] = 0, start = strstr(svg, "<svg")) ||
	    !strstr(start, "</svg>")) {
		fprintf(stderr, "webgen: %s: not an SVG of at most %u bytes\n", path, DOJO_MAX_DIAGRAM_BYTES);
		free(svg);
		return NULL;
	}
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", out_dir, name) >= sizeof(path))
		errno = ENAMETOOLONG, out = NULL;
	else
		out = fopen(path, "w");
	if (!out || fwrite(svg, 1, len, out) != len || fclose(out)) {
		fprintf(stderr, "webgen: %s: %s\n", path, strerror(errno));
		free(svg);
		return NULL;
	}
	size_t cap = strlen(start) + 4 * strlen(alt) + strlen(name) + 128;
	FILE *h = (html = malloc(cap)) ? fmemopen(html, cap, "w") : NULL;

	if (h) {
		fputs("<figure class=\"diagram\">", h);
		fputs(start, h);
		fprintf(h, "<figcaption><a href=\"%s\">", name);
		webgen_escape(h, alt, strlen(alt));
		fputs("</a></figcaption></figure>\n", h);
		fputc(0, h);
	}
	if (!h || fclose(h)) {
		free(html);
		html = NULL;
	}
	free(svg);
	return html;
}

/* Each image of the lesson, alone in its paragraph, becomes its diagram (diagram_html()).
 * 0, or -1 (said on stderr) when an image is missing or stands inside a sentence. */
static int lesson_diagrams(cmark_node *doc, const char *ex_dir, const char *out_dir)
{
	cmark_node *imgs[DOJO_MAX_DIAGRAMS];
	size_t n = 0;
	cmark_iter *it = cmark_iter_new(doc);
	int failed = 0;

	for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		cmark_node *node = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_IMAGE)
			continue;
		if (n == DOJO_MAX_DIAGRAMS) {
			fprintf(stderr, "webgen: %s: more than %u images\n", ex_dir, DOJO_MAX_DIAGRAMS);
			failed = 1;
			break;
		}
		imgs[n++] = node;
	}
	cmark_iter_free(it);
	for (size_t i = 0; !failed && i < n; i++) {
		cmark_node *para = cmark_node_parent(imgs[i]), *alt = cmark_node_first_child(imgs[i]);
		const char *url = cmark_node_get_url(imgs[i]);
		const char *text = alt ? cmark_node_get_literal(alt) : NULL;
		char *h;
		cmark_node *repl;

		if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH ||
		    cmark_node_first_child(para) != imgs[i] || cmark_node_last_child(para) != imgs[i]) {
			fprintf(stderr, "webgen: %s: image '%s' must be a paragraph of its own\n", ex_dir,
				url ? url : "");
			return -1;
		}
		h = diagram_html(ex_dir, out_dir, url ? url : "", text ? text : "diagram");
		repl = h ? cmark_node_new(CMARK_NODE_HTML_BLOCK) : NULL;
		failed = !repl || !cmark_node_set_literal(repl, h) || !cmark_node_replace(para, repl);
		free(h);
		if (failed)
			cmark_node_free(repl);
		else
			cmark_node_free(para);
	}
	return failed ? -1 : 0;
}

/* The lesson as HTML: cmark's tree, with each code block replaced by highlighted HTML, each
 * image by its diagram (copied from @ex_dir to @out_dir) and the Markdown's own raw HTML
 * turned into text (rendered unsafe only because of our blocks). */
static char *lesson_html(const char *md, const char *ex_dir, const char *out_dir)
{
	cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_SMART);
	cmark_iter *it;
	cmark_node **todo = NULL;
	size_t n = 0, cap = 0;
	char *html = NULL;
	int failed = 0;

	if (!doc)
		return NULL;
	it = cmark_iter_new(doc);
	for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);

		if (ev != CMARK_EVENT_ENTER || (t != CMARK_NODE_CODE_BLOCK &&
						t != CMARK_NODE_HTML_BLOCK && t != CMARK_NODE_HTML_INLINE))
			continue;
		if (n == cap) {
			cmark_node **more = realloc(todo, (cap = cap ? 2 * cap : 16) * sizeof(*todo));

			if (!more) {
				failed = 1;
				break;
			}
			todo = more;
		}
		todo[n++] = node;
	}
	cmark_iter_free(it);
	for (size_t i = 0; !failed && i < n; i++) {
		cmark_node *node = todo[i], *repl;
		cmark_node_type t = cmark_node_get_type(node);
		const char *lit = cmark_node_get_literal(node);
		char *h;

		if (t == CMARK_NODE_CODE_BLOCK) {
			const char *info = cmark_node_get_fence_info(node);

			h = code_html(lit ? lit : "", info ? info : "");
			repl = cmark_node_new(CMARK_NODE_HTML_BLOCK);
			failed = !h || !repl || !cmark_node_set_literal(repl, h);
			free(h);
		} else {
			/* the author's raw HTML is shown as text, as the server's safe rendering drops it */
			repl = cmark_node_new(t == CMARK_NODE_HTML_INLINE ? CMARK_NODE_TEXT
								     : CMARK_NODE_PARAGRAPH);
			if (repl && t == CMARK_NODE_HTML_BLOCK) {
				cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);

				failed = !text || !cmark_node_set_literal(text, lit ? lit : "") ||
					 !cmark_node_append_child(repl, text);
			} else if (repl) {
				failed = !cmark_node_set_literal(repl, lit ? lit : "");
			}
		}
		if (failed || !repl || !cmark_node_replace(node, repl)) {
			failed = 1;
			cmark_node_free(repl);
			break;
		}
		cmark_node_free(node);
	}
	/* last: the author's raw HTML is text by now, our diagrams' is not */
	if (!failed && !lesson_diagrams(doc, ex_dir, out_dir))
		html = cmark_render_html(doc, CMARK_OPT_UNSAFE | CMARK_OPT_SMART);
	free(todo);
	cmark_node_free(doc);
	return html;
}

static FILE *create(const char *dir, const char *sub, const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s%s%s", dir, sub ? "/" : "", sub ? sub : "");
	if (mkdir(path, 0755) && errno != EEXIST) {
		fprintf(stderr, "webgen: mkdir %s: %s\n", path, strerror(errno));
		return NULL;
	}
	snprintf(path, sizeof(path), "%s%s%s/%s", dir, sub ? "/" : "", sub ? sub : "", name);
	FILE *f = fopen(path, "w");

	if (!f)
		fprintf(stderr, "webgen: %s: %s\n", path, strerror(errno));
	return f;
}

static void ex_link(FILE *out, const struct exercise *ex)
{
	fprintf(out, "<a href=\"/ex/%s/\">%d.%d ", ex->id, ex->chapter_no, ex->no);
	webgen_escape(out, ex->title, strlen(ex->title));
	fputs("</a>", out);
}

static int home(const char *dir)
{
	FILE *out = create(dir, NULL, "index.html");
	int chapter = 0;

	if (!out)
		return -1;
	head(out, "Learn eBPF by doing", "home", NULL);
	fputs("<main class=\"home\" id=\"main\">\n<h1>Learn eBPF by doing</h1>\n"
	      "<p class=\"lead\">Each exercise hides a secret in the kernel. Write a BPF program "
	      "that finds it and submits it; it runs in a throwaway micro-VM.</p>\n"
	      "<p id=\"next\" class=\"next\"></p>\n"
	      "<p class=\"play-link\">Or try anything in the <a href=\"/play/\">Playground</a>: "
	      "any program, any shell command, every event, printk line and map shown.</p>\n", out);
	for (size_t i = 0; i < exercise_count(); i++) {
		const struct exercise *ex = exercise_at(i);

		if (ex->chapter_no != chapter) {
			if (chapter)
				fputs("</ol></section>\n", out);
			chapter = ex->chapter_no;
			fprintf(out, "<section class=\"chapter\"><h2>%d. ", chapter);
			webgen_escape(out, ex->chapter, strlen(ex->chapter));
			fputs("</h2><ol class=\"exercises\">\n", out);
		}
		fprintf(out, "<li data-id=\"%s\"><span class=\"mark\" aria-hidden=\"true\"></span>",
			ex->id);
		ex_link(out, ex);
		fputs("</li>\n", out);
	}
	if (chapter)
		fputs("</ol></section>\n", out);
	fputs("<section class=\"progress-io\" id=\"progress-io\"></section>\n</main>\n", out);
	tail(out);
	return fclose(out) ? -1 : 0;
}

static int page(const char *dir, size_t i)
{
	const struct exercise *ex = exercise_at(i);
	const struct exercise *next = i + 1 < exercise_count() ? exercise_at(i + 1) : NULL;
	char sub[256], out_dir[4096];
	char *html, *data;
	json_t *hints = json_array(), *o;
	FILE *out;

	snprintf(sub, sizeof(sub), "ex/%s", ex->id);
	snprintf(out_dir, sizeof(out_dir), "%s/%s", dir, sub);
	if (mkdir(out_dir, 0755) && errno != EEXIST) {
		fprintf(stderr, "webgen: mkdir %s: %s\n", out_dir, strerror(errno));
		json_decref(hints);
		return -1;
	}
	html = lesson_html(ex->lesson_md, ex->dir, out_dir);
	if (!html || !hints || !(out = create(dir, sub, "index.html"))) {
		free(html);
		json_decref(hints);
		return -1;
	}
	/* each hint as HTML (cmark's safe rendering: the Markdown's raw HTML is dropped) */
	for (int h = 0; h < ex->nhints; h++) {
		char *hh = cmark_markdown_to_html(ex->hints[h], strlen(ex->hints[h]),
						  CMARK_OPT_DEFAULT | CMARK_OPT_SMART);

		json_array_append_new(hints, json_string(hh ? hh : ""));
		free(hh);
	}
	o = json_pack("{s:s, s:s, s:s, s:o, s:s?, s:s}", "id", ex->id, "title", ex->title,
		      "expects", ex->expects, "hints", hints, "next", next ? next->id : NULL,
		      "starter", ex->starter);
	data = o ? json_dumps(o, JSON_COMPACT | JSON_ESCAPE_SLASH) : NULL;
	json_decref(o);
	head(out, ex->title, "exercise", ex->id);
	fputs("<main class=\"ex\" id=\"main\">\n"
	      "<div class=\"tabs\" role=\"tablist\" aria-label=\"Panes\" hidden>"
	      "<button role=\"tab\" data-pane=\"lesson\">Lesson</button>"
	      "<button role=\"tab\" data-pane=\"work\">Code</button>"
	      "<button role=\"tab\" data-pane=\"results\">Results</button></div>\n"
	      "<article class=\"pane lesson\" id=\"lesson\" tabindex=\"-1\">\n", out);
	fprintf(out, "<p class=\"crumb\">Chapter %d · ", ex->chapter_no);
	webgen_escape(out, ex->chapter, strlen(ex->chapter));
	fputs("</p>\n", out);
	fputs(html, out);
	fputs("<p class=\"expects\"><strong>Submit:</strong> ", out);
	webgen_escape(out, ex->expects, strlen(ex->expects));
	fputs("</p>\n<div id=\"hints\" class=\"hints\" aria-live=\"polite\"></div>\n", out);
	if (next) {
		fputs("<p class=\"next-ex\">Next: ", out);
		ex_link(out, next);
		fputs("</p>\n", out);
	}
	fputs("</article>\n<section class=\"pane work\" id=\"work\" aria-label=\"Your program\">\n"
	      "<div class=\"toolbar\" id=\"toolbar\"></div>\n<div class=\"editor\" id=\"editor\">"
	      "<pre class=\"code starter\"><code class=\"language-c\">", out);
	webgen_highlight_c(out, ex->starter, strlen(ex->starter));
	fputs("</code></pre></div>\n<noscript><div class=\"nojs\"><h2>Submit without the web "
	      "editor</h2>\n<p>Save the program above as <code>", out);
	fprintf(out, "%s.bpf.c</code>, then run it with the CLI:</p>\n<pre class=\"code\"><code>"
		"bpfdojo start %s          # writes the starter as %s.bpf.c\n"
		"bpfdojo run %s %s.bpf.c\n"
		"bpfdojo run %s %s.bpf.c --server http://127.0.0.1:8080</code></pre>\n"
		"<p>or send it to this server with curl (the answer streams back as "
		"server-sent events):</p>\n<pre class=\"code\"><code>curl -N --data-binary @%s.bpf.c "
		"http://127.0.0.1:8080/api/run/%s</code></pre></div></noscript>\n",
		ex->id, ex->id, ex->id, ex->id, ex->id, ex->id, ex->id, ex->id, ex->id);
	fputs("<section class=\"pane results\" id=\"results\" aria-label=\"Results\" "
	      "aria-live=\"polite\"></section>\n</section>\n</main>\n", out);
	fprintf(out, "<script type=\"application/json\" id=\"exdata\">%s</script>\n",
		data ? data : "{}");
	tail(out);
	free(html);
	int bad = !data;

	free(data);
	return fclose(out) || bad ? -1 : 0;
}

/* The Playground: the panes' frames; without JavaScript, how to do the same with the CLI. */
static int playground(const char *dir)
{
	FILE *out = create(dir, "play", "index.html");

	if (!out)
		return -1;
	head(out, "Playground", "play", NULL);
	fputs("<main class=\"play\" id=\"main\">\n"
	      "<div class=\"tabs\" role=\"tablist\" aria-label=\"Panes\" hidden>"
	      "<button role=\"tab\" data-pane=\"work\">Program</button>"
	      "<button role=\"tab\" data-pane=\"results\">Results</button></div>\n"
	      "<section class=\"pane work\" id=\"work\" aria-label=\"Your program\">\n"
	      "<h1 class=\"visually-hidden\">Playground</h1>\n"
	      "<div class=\"toolbar\" id=\"toolbar\"></div>\n<div class=\"editor\" id=\"editor\">"
	      "</div>\n<div class=\"workload\" id=\"workload\"></div>\n"
	      "<noscript><div class=\"nojs\"><h2>The playground without JavaScript</h2>\n"
	      "<p>Run any BPF program against a shell command in a throwaway micro-VM with the "
	      "CLI:</p>\n<pre class=\"code\"><code>bpfdojo play prog.bpf.c --run 'cat /etc/hostname' "
	      "--seconds 2</code></pre></div></noscript>\n</section>\n"
	      "<section class=\"pane results\" id=\"results\" aria-label=\"Results\" "
	      "aria-live=\"polite\"></section>\n</main>\n", out);
	tail(out);
	return fclose(out) ? -1 : 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: webgen OUTDIR\n");
		return 2;
	}
	if (mkdir(argv[1], 0755) && errno != EEXIST) {
		fprintf(stderr, "webgen: mkdir %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	char ex_dir[4096];

	snprintf(ex_dir, sizeof(ex_dir), "%s/ex", argv[1]);
	if ((mkdir(ex_dir, 0755) && errno != EEXIST) || home(argv[1]) || playground(argv[1]))
		return 1;
	for (size_t i = 0; i < exercise_count(); i++)
		if (page(argv[1], i)) {
			fprintf(stderr, "webgen: the page of %s failed\n", exercise_at(i)->id);
			return 1;
		}
	return 0;
}
