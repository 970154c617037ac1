/* static.c: the web app's files, from one directory (--web DIR).
 *
 * Every file is opened with openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS) relative to the
 * directory, so no path ("..", an encoded "%2e%2e" that MHD decoded, an absolute symlink, a
 * symlink to "..") resolves outside it: the kernel checks each step, not a string compare.
 * Hidden names (".git", ".env") and anything but a regular file are 404; a directory serves
 * its index.html or nothing (no listing).  ETag is size and mtime (If-None-Match gives 304);
 * HTML is revalidated each time, the rest cached an hour.  With Accept-Encoding: gzip a
 * precompressed FILE.gz next to FILE is sent, or a text file is compressed on the fly. */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <zlib.h>
#include "internal.h"

struct webroot {
	int dirfd;
};

static const struct {
	const char *ext, *type;
	int text;       /* worth compressing */
} types[] = {
	{ "html", "text/html; charset=utf-8", 1 },
	{ "css", "text/css; charset=utf-8", 1 },
	{ "js", "text/javascript; charset=utf-8", 1 },
	{ "mjs", "text/javascript; charset=utf-8", 1 },
	{ "json", "application/json", 1 },
	{ "map", "application/json", 1 },
	{ "svg", "image/svg+xml", 1 },
	{ "txt", "text/plain; charset=utf-8", 1 },
	{ "md", "text/markdown; charset=utf-8", 1 },
	{ "wasm", "application/wasm", 1 },
	{ "png", "image/png", 0 },
	{ "jpg", "image/jpeg", 0 },
	{ "jpeg", "image/jpeg", 0 },
	{ "gif", "image/gif", 0 },
	{ "ico", "image/x-icon", 0 },
	{ "webp", "image/webp", 0 },
	{ "woff2", "font/woff2", 0 },
	{ "woff", "font/woff", 0 },
};

struct webroot *webroot_open(const char *dir, struct dojo_err *err)
{
	struct webroot *w = calloc(1, sizeof(*w));

	if (!w) {
		dojo_err_set(err, -ENOMEM, "out of memory");
		return NULL;
	}
	w->dirfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (w->dirfd < 0) {
		dojo_err_set(err, -errno, "--web %s: %s", dir, strerror(errno));
		free(w);
		return NULL;
	}
	return w;
}

void webroot_close(struct webroot *w)
{
	if (!w)
		return;
	close(w->dirfd);
	free(w);
}

static int open_beneath(int dirfd, const char *rel)
{
	struct open_how how = {
		.flags = O_RDONLY | O_CLOEXEC,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
	};

	return (int)syscall(SYS_openat2, dirfd, rel, &how, sizeof(how));
}

/* 1 when @path is something we are willing to look up: no empty, ".", ".." or hidden
 * segment, no backslash, not too long. */
static int path_ok(const char *path)
{
	const char *seg = path;

	if (strlen(path) >= PATH_MAX - 16 || strchr(path, '\\'))
		return 0;
	while (*seg) {
		size_t n = strcspn(seg, "/");

		if (n && seg[0] == '.')
			return 0;
		seg += n;
		seg += *seg == '/';
	}
	return 1;
}

static const char *type_of(const char *path, int *text)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');

	*text = 0;
	if (dot && (!slash || dot > slash))
		for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (!strcasecmp(dot + 1, types[i].ext)) {
				*text = types[i].text;
				return types[i].type;
			}
	return "application/octet-stream";
}

static int accepts_gzip(struct MHD_Connection *c)
{
	const char *ae = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Encoding");

	while (ae && *ae) {
		size_t n;
		const char *q;

		ae += strspn(ae, " \t,");
		n = strcspn(ae, ",");
		if (n >= 4 && !strncasecmp(ae, "gzip", 4) && (n == 4 || ae[4] == ';' || ae[4] == ' ')) {
			q = memchr(ae, '=', n);
			/* "gzip;q=0" (or 0.0, 0.000) refuses it */
			return !q || strtod(q + 1, NULL) > 0;
		}
		ae += n;
	}
	return 0;
}

/* Read a whole small file and gzip it.  NULL on failure. */
static void *gzip_fd(int fd, size_t size, size_t *out_len)
{
	unsigned char *in = malloc(size ? size : 1), *out = NULL;
	z_stream z = { 0 };
	size_t got = 0, cap;

	while (in && got < size) {
		ssize_t n = read(fd, in + got, size - got);

		if (n <= 0)
			goto fail;
		got += (size_t)n;
	}
	if (!in || deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		goto fail;
	cap = deflateBound(&z, size);
	out = malloc(cap);
	if (!out) {
		deflateEnd(&z);
		goto fail;
	}
	z.next_in = in;
	z.avail_in = (uInt)size;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&z);
		goto fail;
	}
	*out_len = z.total_out;
	deflateEnd(&z);
	free(in);
	return out;
fail:
	free(in);
	free(out);
	return NULL;
}

static void add_headers(struct MHD_Response *r, const char *type, const char *etag, int html,
			int gz, int varies)
{
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, etag);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
				html ? "no-cache" : "public, max-age=3600");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	if (gz)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	if (varies)
		MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
}

static unsigned queue(struct MHD_Connection *c, unsigned status, struct MHD_Response *r)
{
	if (!r)
		return http_error(c, 500, "internal", "out of memory");
	MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return status;
}

/* Open @rel, a regular file: fd and *st, or -1 (not found or not a file). */
static int open_file(struct webroot *w, const char *rel, struct stat *st)
{
	int fd = open_beneath(w->dirfd, rel);

	if (fd < 0)
		return -1;
	if (fstat(fd, st) || !S_ISREG(st->st_mode) || st->st_size > DOJO_SERVER_MAX_STATIC_BYTES) {
		close(fd);
		return -1;
	}
	return fd;
}

unsigned webroot_serve(struct webroot *w, struct MHD_Connection *c, const char *url)
{
	char rel[PATH_MAX], gzrel[PATH_MAX + 3], etag[80];
	const char *inm, *type;
	struct stat st, gst;
	int fd, gfd = -1, text, html, gz;

	if (!path_ok(url))
		return http_error(c, 404, "not_found", "no such file");
	snprintf(rel, sizeof(rel), "%s", url + strspn(url, "/"));
	if (!rel[0] || rel[strlen(rel) - 1] == '/')
		strcat(rel, "index.html");
	fd = open_file(w, rel, &st);
	if (fd < 0) {
		/* a directory without the slash: its index, never a listing */
		struct stat dst;
		int dfd = open_beneath(w->dirfd, rel);
		int isdir = dfd >= 0 && !fstat(dfd, &dst) && S_ISDIR(dst.st_mode);

		if (dfd >= 0)
			close(dfd);
		if (!isdir || strlen(rel) + 12 >= sizeof(rel))
			return http_error(c, 404, "not_found", "no such file");
		strcat(rel, "/index.html");
		fd = open_file(w, rel, &st);
		if (fd < 0)
			return http_error(c, 404, "not_found", "no such file");
	}
	type = type_of(rel, &text);
	html = !strncmp(type, "text/html", 9);
	gz = accepts_gzip(c);
	if (gz) {
		snprintf(gzrel, sizeof(gzrel), "%s.gz", rel);
		gfd = open_file(w, gzrel, &gst);
		if (gfd >= 0 && gst.st_mtim.tv_sec < st.st_mtim.tv_sec) {
			close(gfd);   /* older than the file: stale, ignore it */
			gfd = -1;
		}
	}
	if (gfd < 0 && (!text || st.st_size < 512 || st.st_size > DOJO_SERVER_MAX_GZIP_BYTES))
		gz = 0;
	snprintf(etag, sizeof(etag), "\"%llx-%llx%s\"", (unsigned long long)st.st_size,
		 (unsigned long long)st.st_mtim.tv_sec * 1000000000ull +
		 (unsigned long long)st.st_mtim.tv_nsec, gz ? "-gz" : "");
	inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
	if (inm && (strstr(inm, etag) || !strcmp(inm, "*"))) {
		struct MHD_Response *r = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);

		close(fd);
		if (gfd >= 0)
			close(gfd);
		if (r) {
			MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, etag);
			MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
						html ? "no-cache" : "public, max-age=3600");
		}
		return queue(c, 304, r);
	}
	if (gfd >= 0) {
		struct MHD_Response *r = MHD_create_response_from_fd((uint64_t)gst.st_size, gfd);

		close(fd);
		if (r)
			add_headers(r, type, etag, html, 1, 1);
		else
			close(gfd);
		return queue(c, 200, r);
	}
	if (gz) {
		size_t len = 0;
		void *body = gzip_fd(fd, (size_t)st.st_size, &len);
		struct MHD_Response *r;

		close(fd);
		if (!body)
			return http_error(c, 500, "internal", "cannot read the file");
		r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
		if (r)
			add_headers(r, type, etag, html, 1, 1);
		else
			free(body);
		return queue(c, 200, r);
	}
	{
		struct MHD_Response *r = MHD_create_response_from_fd((uint64_t)st.st_size, fd);

		if (r)
			add_headers(r, type, etag, html, 0, text);
		else
			close(fd);
		return queue(c, 200, r);
	}
}
