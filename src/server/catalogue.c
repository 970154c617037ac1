/* catalogue.c: the exercises as the API serves them, rendered once at start-up: the list
 * (GET /api/exercises) and each exercise (GET /api/exercises/<id>) with its lesson turned
 * into HTML by cmark (raw HTML in the Markdown is dropped: cmark's safe default), its starter,
 * the hook it attaches to and the kind of answer it wants.  The reference solution and the
 * wrong program are never put in: nothing here can leak them. */
#include <cmark.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "core/jsonx.h"
#include "exercises/exercise.h"
#include "internal.h"

struct catalogue {
	char *list;
	char **one;      /* exercise_count() serialized objects */
	size_t n;
};

/* The first SEC("...") of the starter that names a hook (not the license or a map). */
static json_t *starter_hook(const char *src)
{
	const char *p = src;

	while ((p = strstr(p, "SEC(\""))) {
		const char *name = p + 5, *end = strchr(name, '"');

		if (!end)
			break;
		p = end;
		if ((size_t)(end - name) == 7 && !strncmp(name, "license", 7))
			continue;
		if (end - name >= 1 && name[0] == '.')
			continue;
		return jsonx_string(name, (size_t)(end - name));
	}
	return json_null();
}

static json_t *summary(const struct exercise *ex)
{
	return json_pack("{s:s, s:s, s:i, s:i, s:s, s:s, s:o, s:b}", "id", ex->id, "chapter",
			 ex->chapter, "chapter_no", ex->chapter_no, "no", ex->no, "title",
			 ex->title, "answer_kind", ex->kind == ANSWER_NUM ? "number" : "string",
			 "hook", starter_hook(ex->starter), "host", ex->vm_only == NULL);
}

/* the hints, in order, as Markdown strings: the browser shows one more after each wrong answer */
static json_t *hints_json(const struct exercise *ex)
{
	json_t *a = json_array();

	for (int i = 0; a && i < ex->nhints; i++)
		json_array_append_new(a, jsonx_str(ex->hints[i]));
	return a ? a : json_null();
}

/* The lesson as HTML.  Its images (SVG diagrams next to lesson.md) are named relative to the
 * lesson; the web app ships each beside the exercise's page, so they are given that absolute
 * address, which holds wherever the HTML is shown. */
static char *lesson_html(const struct exercise *ex)
{
	int opts = CMARK_OPT_DEFAULT | CMARK_OPT_SMART;
	cmark_node *doc = cmark_parse_document(ex->lesson_md, strlen(ex->lesson_md), opts);
	cmark_iter *it = doc ? cmark_iter_new(doc) : NULL;
	char *html = NULL;
	cmark_event_type ev;

	if (!it) {
		cmark_node_free(doc);
		return NULL;
	}
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		const char *url = cmark_node_get_url(node);
		char abs[PATH_MAX];

		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_IMAGE ||
		    !url || !*url || url[0] == '/' || strchr(url, ':'))
			continue;
		if (snprintf(abs, sizeof(abs), "/ex/%s/%s", ex->id, url) < (int)sizeof(abs))
			cmark_node_set_url(node, abs);
	}
	cmark_iter_free(it);
	html = cmark_render_html(doc, opts);
	cmark_node_free(doc);
	return html;
}

static char *detail(const struct exercise *ex)
{
	char *html = lesson_html(ex);
	json_t *o = summary(ex);
	char *text = NULL;

	if (html && o) {
		json_object_set_new(o, "lesson_html", jsonx_str(html));
		json_object_set_new(o, "starter", jsonx_str(ex->starter));
		json_object_set_new(o, "expects", jsonx_str(ex->expects));
		json_object_set_new(o, "hints", hints_json(ex));
		text = json_dumps(o, JSON_COMPACT);
	}
	free(html);
	json_decref(o);
	return text;
}

struct catalogue *catalogue_new(struct dojo_err *err)
{
	struct catalogue *c = calloc(1, sizeof(*c));
	json_t *list = json_array(), *top;

	if (!c || !list || !(c->one = calloc(exercise_count() + 1, sizeof(char *))))
		goto nomem;
	c->n = exercise_count();
	for (size_t i = 0; i < c->n; i++) {
		const struct exercise *ex = exercise_at(i);

		if (json_array_append_new(list, summary(ex)) || !(c->one[i] = detail(ex)))
			goto nomem;
	}
	top = json_pack("{s:o}", "exercises", list);   /* "o" takes list, even on failure */
	list = NULL;
	c->list = top ? json_dumps(top, JSON_COMPACT) : NULL;
	json_decref(top);
	if (!c->list)
		goto nomem;
	return c;
nomem:
	json_decref(list);
	catalogue_free(c);
	dojo_err_set(err, -ENOMEM, "out of memory rendering the catalogue");
	return NULL;
}

void catalogue_free(struct catalogue *c)
{
	if (!c)
		return;
	for (size_t i = 0; c->one && i < c->n; i++)
		free(c->one[i]);
	free(c->one);
	free(c->list);
	free(c);
}

const char *catalogue_list(const struct catalogue *c)
{
	return c->list;
}

const char *catalogue_get(const struct catalogue *c, const char *id)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(exercise_at(i)->id, id))
			return c->one[i];
	return NULL;
}
