/* log.c: the request log: one line per request (time, client, route, status, verdict, ms),
 * to stderr or a file that SIGHUP reopens for rotation.  The learner's source never goes here:
 * callers pass only what the line format names. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "internal.h"

struct srv_log {
	pthread_mutex_t lock;
	char path[PATH_MAX];    /* "" for stderr */
	int fd;
};

static int open_path(const char *path)
{
	return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
}

struct srv_log *srvlog_open(const char *path, const char *owner, struct dojo_err *err)
{
	struct passwd *pw = owner && *owner && geteuid() == 0 ? getpwnam(owner) : NULL;
	struct srv_log *l = calloc(1, sizeof(*l));

	if (!l) {
		dojo_err_set(err, -ENOMEM, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&l->lock, NULL);
	l->fd = STDERR_FILENO;
	if (path && *path) {
		snprintf(l->path, sizeof(l->path), "%s", path);
		l->fd = open_path(path);
		/* the server drops root after this: the file becomes its user's, so that SIGHUP can
		 * reopen it after a rotation (logrotate's copytruncate, or create ... <user>) without
		 * that user owning the folder */
		if (l->fd < 0 || (pw && fchown(l->fd, pw->pw_uid, pw->pw_gid) < 0)) {
			dojo_err_set(err, -errno, "cannot open the log %s: %s", path, strerror(errno));
			if (l->fd >= 0)
				close(l->fd);
			free(l);
			return NULL;
		}
	}
	return l;
}

int srvlog_reopen(struct srv_log *l)
{
	int fd, old;

	if (!l->path[0])
		return 0;
	fd = open_path(l->path);
	if (fd < 0)
		return -errno;   /* keep writing to the old file rather than nowhere */
	pthread_mutex_lock(&l->lock);
	old = l->fd;
	l->fd = fd;
	pthread_mutex_unlock(&l->lock);
	close(old);
	return 0;
}

void srvlog_line(struct srv_log *l, const char *fmt, ...)
{
	char line[1024];
	struct timespec ts;
	struct tm tm;
	va_list ap;
	int n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = (int)strftime(line, sizeof(line), "%Y-%m-%dT%H:%M:%S", &tm);
	n += snprintf(line + n, sizeof(line) - (size_t)n, ".%03ldZ ", ts.tv_nsec / 1000000);
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	pthread_mutex_lock(&l->lock);
	/* one write per line: lines from several threads never interleave */
	if (write(l->fd, line, (size_t)n) < 0) {
		/* nowhere to say it: the log is the place we would report to */
	}
	pthread_mutex_unlock(&l->lock);
}

void srvlog_close(struct srv_log *l)
{
	if (!l)
		return;
	if (l->fd != STDERR_FILENO)
		close(l->fd);
	pthread_mutex_destroy(&l->lock);
	free(l);
}
