/* render_play.c: the playground's events as terminal text (render.c hands them here): output
 * and printk lines as they come, records with their type, then each map as a small table. */
#include <string.h>
#include "render.h"

static const char *s_(json_t *ev, const char *key)
{
	const char *s = json_string_value(json_object_get(ev, key));

	return s ? s : "";
}

static long long n_(json_t *ev, const char *key)
{
	return json_integer_value(json_object_get(ev, key));
}

static void map_table(struct render *r, json_t *ev)
{
	json_t *items = json_object_get(ev, "items"), *it;
	size_t i;

	fprintf(r->out, "  map       %s (%s, %s -> %s): %lld entr%s\n", s_(ev, "map"), s_(ev, "type"),
		s_(ev, "key_type"), s_(ev, "value_type"), n_(ev, "entries"),
		n_(ev, "entries") == 1 ? "y" : "ies");
	json_array_foreach(items, i, it) {
		json_t *cpus = json_object_get(it, "cpus");

		fprintf(r->out, "            %s: %s", s_(it, "key"), s_(it, "value"));
		if (cpus) {
			json_t *v;
			size_t c;

			fputs("   (per CPU:", r->out);
			json_array_foreach(cpus, c, v)
				fprintf(r->out, " %s", json_string_value(v) ?: "");
			fputs(")", r->out);
		}
		fputc('\n', r->out);
	}
	if (n_(ev, "left_out"))
		fprintf(r->out, "            ... %lld more not shown\n", n_(ev, "left_out"));
}

int render_play_event(struct render *r, json_t *ev, const char *e)
{
	if (!strcmp(e, "output")) {
		const char *t = s_(ev, "text");
		size_t len = strlen(t);

		fprintf(r->out, "  %-9s %.*s%s", s_(ev, "stream"), (int)len, t,
			len && t[len - 1] == '\n' ? "" : "\n");
	} else if (!strcmp(e, "printk")) {
		fprintf(r->out, "  printk    %s", s_(ev, "message"));
		if (*s_(ev, "comm"))
			fprintf(r->out, "   (%s, pid %lld)", s_(ev, "comm"), n_(ev, "pid"));
		fputc('\n', r->out);
	} else if (!strcmp(e, "record")) {
		fprintf(r->out, "  event     %s: %s   (%s, %lld bytes)\n", s_(ev, "map"),
			s_(ev, "value"), s_(ev, "type"), n_(ev, "size"));
	} else if (!strcmp(e, "map")) {
		map_table(r, ev);
	} else if (!strcmp(e, "stats")) {
		fprintf(r->out, "  stats     %s: ran %lld times, %lld ns\n", s_(ev, "program"),
			n_(ev, "run_cnt"), n_(ev, "run_time_ns"));
	} else if (!strcmp(e, "dropped") && !strcmp(s_(ev, "what"), "lost")) {
		fprintf(r->out, "  dropped   %lld perf samples lost by the kernel (its buffer was full)\n",
			n_(ev, "count"));
	} else if (!strcmp(e, "dropped")) {
		fprintf(r->out, "  dropped   %lld %s (%lld bytes) over the playground's caps\n",
			n_(ev, "count"), s_(ev, "what"), n_(ev, "bytes"));
	} else if (!strcmp(e, "ring")) {
		fprintf(r->out, "  buffer    %s (%s, %lld bytes): %lld records shown, %lld over the caps",
			s_(ev, "map"), s_(ev, "type"), n_(ev, "size"), n_(ev, "records"),
			n_(ev, "dropped"));
		if (json_object_get(ev, "pending"))
			fprintf(r->out, ", %lld bytes pending (consumer %lld, producer %lld)",
				n_(ev, "pending"), n_(ev, "consumer_pos"), n_(ev, "producer_pos"));
		else
			fprintf(r->out, ", %lld lost", n_(ev, "lost"));
		fputc('\n', r->out);
	} else {
		return 0;
	}
	return 1;
}
