/* progress.c: the progress file, one line per exercise: "<id> solved=<0|1> hints=<n>".
 *
 * Read once per command, written back whole (to a temporary file renamed over the old one, so
 * a crash never leaves half a file).  Unknown lines are dropped; nothing here is trusted
 * beyond its limits: ids are checked for length and charset, numbers clamped. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/limits.h"
#include "progress.h"

#define PROGRESS_MAX_ENTRIES 256
#define PROGRESS_MAX_ID      63

struct entry {
	char id[PROGRESS_MAX_ID + 1];
	int solved, hints;
};

struct progress {
	struct entry e[PROGRESS_MAX_ENTRIES];
	size_t n;
};

/* $XDG_STATE_HOME/bpfdojo (an absolute XDG_STATE_HOME only, as the spec says), else
 * $HOME/.local/state/bpfdojo; -ENOENT when neither is set */
static int state_dir(char *out, size_t cap)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	int n;

	if (xdg && xdg[0] == '/')
		n = snprintf(out, cap, "%s/bpfdojo", xdg);
	else if (home && home[0] == '/')
		n = snprintf(out, cap, "%s/.local/state/bpfdojo", home);
	else
		return -ENOENT;
	return n < 0 || (size_t)n >= cap ? -ENAMETOOLONG : 0;
}

static int valid_id(const char *id)
{
	size_t n = strlen(id);

	if (n == 0 || n > PROGRESS_MAX_ID)
		return 0;
	return strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

static struct entry *find(const struct progress *p, const char *id)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->e[i].id, id))
			return (struct entry *)&p->e[i];
	return NULL;
}

static struct entry *find_or_add(struct progress *p, const char *id, int *err)
{
	struct entry *e = find(p, id);

	*err = 0;
	if (e)
		return e;
	if (!valid_id(id) || p->n >= PROGRESS_MAX_ENTRIES) {
		*err = valid_id(id) ? -E2BIG : -EINVAL;
		return NULL;
	}
	e = &p->e[p->n++];
	memset(e, 0, sizeof(*e));
	memcpy(e->id, id, strlen(id) + 1);
	return e;
}

static void parse_line(struct progress *p, char *line)
{
	char id[PROGRESS_MAX_ID + 2];
	int solved, hints, err;
	struct entry *e;

	if (sscanf(line, "%64s solved=%d hints=%d", id, &solved, &hints) != 3 ||
	    strlen(id) > PROGRESS_MAX_ID || !(e = find_or_add(p, id, &err)))
		return;
	e->solved = solved != 0;
	e->hints = hints < 0 ? 0 : hints > 99 ? 99 : hints;
}

struct progress *progress_load(void)
{
	struct progress *p = calloc(1, sizeof(*p));
	char path[PATH_MAX], *buf, *line, *save;
	size_t n;
	FILE *f;

	if (!p || state_dir(path, sizeof(path) - 10))
		return p;
	strcat(path, "/progress");
	if (!(f = fopen(path, "re")))
		return p;
	buf = malloc(DOJO_MAX_PROGRESS_BYTES + 1);
	n = buf ? fread(buf, 1, DOJO_MAX_PROGRESS_BYTES, f) : 0;
	fclose(f);
	if (!buf)
		return p;
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		parse_line(p, line);
	free(buf);
	return p;
}

void progress_free(struct progress *p)
{
	free(p);
}

int progress_solved(const struct progress *p, const char *id)
{
	const struct entry *e = p ? find(p, id) : NULL;

	return e && e->solved;
}

int progress_hints_shown(const struct progress *p, const char *id)
{
	const struct entry *e = p ? find(p, id) : NULL;

	return e ? e->hints : 0;
}

int progress_set_solved(struct progress *p, const char *id)
{
	int err;
	struct entry *e = p ? find_or_add(p, id, &err) : NULL;

	if (!e)
		return p ? err : -EINVAL;
	e->solved = 1;
	return 0;
}

int progress_set_hints_shown(struct progress *p, const char *id, int n)
{
	int err;
	struct entry *e = p ? find_or_add(p, id, &err) : NULL;

	if (!e)
		return p ? err : -EINVAL;
	e->hints = n < 0 ? 0 : n > 99 ? 99 : n;
	return 0;
}

/* mkdir -p of @dir (0700: progress is nobody else's business) */
static int make_dirs(char *dir)
{
	for (char *s = dir + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			*s = '/';
			return -errno;
		}
		*s = '/';
	}
	return mkdir(dir, 0700) < 0 && errno != EEXIST ? -errno : 0;
}

int progress_save(const struct progress *p)
{
	char dir[PATH_MAX], path[PATH_MAX + 16], tmp[PATH_MAX + 32];
	FILE *f;
	int ret, fd;

	if (!p)
		return -EINVAL;
	if ((ret = state_dir(dir, sizeof(dir))) || (ret = make_dirs(dir)))
		return ret;
	snprintf(path, sizeof(path), "%s/progress", dir);
	snprintf(tmp, sizeof(tmp), "%s/.progress.XXXXXX", dir);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0)
		return -errno;
	if (!(f = fdopen(fd, "w"))) {
		ret = -errno;
		close(fd);
		unlink(tmp);
		return ret;
	}
	for (size_t i = 0; i < p->n; i++)
		fprintf(f, "%s solved=%d hints=%d\n", p->e[i].id, p->e[i].solved, p->e[i].hints);
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		ret = -errno;
		unlink(tmp);
		return ret;
	}
	return 0;
}
