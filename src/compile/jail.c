/* jail.c: the bubblewrap command line clang runs under, and what it needs to see.
 *
 * The jail shows clang's binary, exactly the shared libraries the dynamic loader resolves for it
 * (asked once per process with `ld.so --list`, the loader named in clang's PT_INTERP), the include
 * directory and the PCH, all read-only, plus an empty tmpfs /tmp.  There is no /usr/include, /etc,
 * /proc, /dev, home or network, and clang runs as uid 65534 without capabilities in fresh
 * namespaces.  The libraries are found through LD_LIBRARY_PATH because without /proc the loader
 * cannot expand clang's $ORIGIN RUNPATH. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "internal.h"
#include "zygote.h"

#define CLANG_PATH "/usr/lib/llvm-19/bin/clang"

static const char *const bwrap_paths[] = { "/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap" };

static struct {
	pthread_mutex_t lock;
	bool ready;
	const char *bwrap;
	char *ld_path;     /* LD_LIBRARY_PATH inside the jail: the libraries' directories */
	char **libs;       /* paths to bind, as the loader will look them up */
	size_t nlibs;
} cache = { .lock = PTHREAD_MUTEX_INITIALIZER };

/* Lexically normalize an absolute path ("/a/bin/../lib/x" -> "/a/lib/x") into @out. */
static int normalize(const char *in, char *out, size_t outsz)
{
	size_t o = 0;
	const char *s = in;

	if (*in != '/' || strlen(in) >= outsz)
		return -EINVAL;
	while (*s) {
		const char *e;
		size_t l;

		while (*s == '/')
			s++;
		e = s + strcspn(s, "/");
		l = (size_t)(e - s);
		if (l == 0 || (l == 1 && s[0] == '.')) {
			/* skip */
		} else if (l == 2 && s[0] == '.' && s[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else {
			out[o++] = '/';
			memcpy(out + o, s, l);
			o += l;
		}
		s = e;
	}
	if (!o)
		out[o++] = '/';
	out[o] = 0;
	return 0;
}

/* The PT_INTERP of the ELF at @path into @out. */
static int read_interp(const char *path, char *out, size_t outsz)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret = -ENOEXEC;

	if (fd < 0)
		return -errno;
	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64)
		goto out;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		if (pread(fd, &ph, sizeof(ph), (off_t)(eh.e_phoff + (Elf64_Off)i * eh.e_phentsize)) != sizeof(ph))
			break;
		if (ph.p_type != PT_INTERP)
			continue;
		if (ph.p_filesz == 0 || ph.p_filesz > outsz ||
		    pread(fd, out, ph.p_filesz, (off_t)ph.p_offset) != (ssize_t)ph.p_filesz)
			break;
		out[ph.p_filesz - 1] = 0;
		ret = 0;
		break;
	}
out:
	close(fd);
	return ret;
}

static int add_lib(const char *raw, struct dojo_err *err)
{
	char norm[PATH_MAX], dir[PATH_MAX], **nl, *slash;
	size_t dl;

	if (normalize(raw, norm, sizeof(norm)))
		return dojo_err_set(err, -EINVAL, "odd library path from the dynamic loader: %s", raw);
	for (size_t i = 0; i < cache.nlibs; i++)
		if (!strcmp(cache.libs[i], norm))
			return 0;
	nl = realloc(cache.libs, sizeof(*nl) * (cache.nlibs + 1));
	if (!nl)
		return -ENOMEM;
	cache.libs = nl;
	if (!(nl[cache.nlibs] = strdup(norm)))
		return -ENOMEM;
	cache.nlibs++;
	strcpy(dir, norm);
	slash = strrchr(dir, '/');
	*(slash == dir ? slash + 1 : slash) = 0;
	/* Append the directory to LD_LIBRARY_PATH unless it is there already. */
	dl = strlen(dir);
	for (const char *p = cache.ld_path; p && *p;) {
		size_t l = strcspn(p, ":");

		if (l == dl && !strncmp(p, dir, dl))
			return 0;
		p += l + (p[l] == ':');
	}
	{
		size_t old = cache.ld_path ? strlen(cache.ld_path) : 0;
		char *np = realloc(cache.ld_path, old + dl + 2);

		if (!np)
			return -ENOMEM;
		if (old)
			np[old++] = ':';
		memcpy(np + old, dir, dl + 1);
		cache.ld_path = np;
	}
	return 0;
}

/* Ask clang's dynamic loader which libraries it would load ("name => path (addr)" lines). */
static int discover_libs(struct dojo_err *err)
{
	char interp[PATH_MAX], *line, *save = NULL;
	char *argv[] = { interp, "--list", CLANG_PATH, NULL };
	char *envp[] = { NULL };
	struct compile_proc p = { .out_max = 1 << 20, .err_max = 4096, .timeout_ms = 10000 };
	int ret;

	ret = read_interp(CLANG_PATH, interp, sizeof(interp));
	if (ret)
		return dojo_err_set(err, ret, "cannot read the ELF interpreter of %s: %s", CLANG_PATH, strerror(-ret));
	ret = add_lib(interp, err);
	if (ret)
		return ret;
	ret = compile_proc_run(argv, envp, &p, err);
	if (ret)
		goto out;
	if (p.timed_out || !WIFEXITED(p.wstatus) || WEXITSTATUS(p.wstatus) || !p.out.len) {
		ret = dojo_err_set(err, -ENOEXEC, "'%s --list %s' failed: %s", interp, CLANG_PATH,
				   p.err.len ? (char *)p.err.data : "no output");
		goto out;
	}
	for (line = strtok_r((char *)p.out.data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *arrow = strstr(line, " => "), *path, *end;

		path = arrow ? arrow + 4 : line + strspn(line, " \t");
		if (arrow && !strncmp(path, "not found", 9)) {
			ret = dojo_err_set(err, -ENOENT, "clang-19 cannot run: a library is missing (%s); reinstall it with 'apt-get install --reinstall clang-19 libclang-cpp19 libllvm19'", line + strspn(line, " \t"));
			goto out;
		}
		if (*path != '/')
			continue;  /* linux-vdso.so.1 and the like */
		end = strstr(path, " (");
		if (end)
			*end = 0;
		ret = add_lib(path, err);
		if (ret)
			goto out;
	}
out:
	compile_proc_free(&p);
	return ret;
}

static int jail_init(struct dojo_err *err)
{
	int ret = 0;

	pthread_mutex_lock(&cache.lock);
	if (cache.ready)
		goto out;
	if (access(CLANG_PATH, X_OK)) {
		ret = dojo_err_set(err, -ENOENT, "clang-19 is not installed (%s is missing): apt-get install clang-19", CLANG_PATH);
		goto out;
	}
	for (size_t i = 0; i < sizeof(bwrap_paths) / sizeof(bwrap_paths[0]) && !cache.bwrap; i++)
		if (!access(bwrap_paths[i], X_OK))
			cache.bwrap = bwrap_paths[i];
	if (!cache.bwrap) {
		ret = dojo_err_set(err, -ENOENT, "bubblewrap is not installed (no bwrap in /usr/bin): apt-get install bubblewrap");
		goto out;
	}
	ret = discover_libs(err);
	if (ret) {
		/* Start over on the next call. */
		for (size_t i = 0; i < cache.nlibs; i++)
			free(cache.libs[i]);
		free(cache.libs);
		free(cache.ld_path);
		cache.libs = NULL;
		cache.ld_path = NULL;
		cache.nlibs = 0;
		cache.bwrap = NULL;
		goto out;
	}
	cache.ready = true;
out:
	pthread_mutex_unlock(&cache.lock);
	return ret;
}

const char *compile_jail_clang(void)
{
	return access(CLANG_PATH, X_OK) ? NULL : CLANG_PATH;
}

int compile_jail_argv(const struct dojo_paths *paths, const char *pch, const char *preload,
		      const char *prelude, const char *const clang_args[], char ***argv, struct dojo_err *err)
{
	static const char *const head[] = {
		"--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534",
		"--disable-userns", "--cap-drop", "ALL", "--die-with-parent", "--new-session",
		"--clearenv", "--tmpfs", "/tmp", "--chdir", "/tmp",
	};
	size_t nargs = 0, n = 0, max;
	const char **v;
	int ret;

	*argv = NULL;
	ret = jail_init(err);
	if (ret)
		return ret;
	while (clang_args[nargs])
		nargs++;
	max = 1 + sizeof(head) / sizeof(head[0]) + 3 + 3 + 3 * cache.nlibs + 6 + 13 + 1 + 1 + nargs + 1;
	v = calloc(max, sizeof(*v));
	if (!v)
		return -ENOMEM;
	v[n++] = cache.bwrap;
	for (size_t i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		v[n++] = head[i];
	v[n++] = "--setenv";
	v[n++] = "LD_LIBRARY_PATH";
	v[n++] = cache.ld_path;
	v[n++] = "--ro-bind";
	v[n++] = CLANG_PATH;
	v[n++] = CLANG_PATH;
	for (size_t i = 0; i < cache.nlibs; i++) {
		v[n++] = "--ro-bind";
		v[n++] = cache.libs[i];
		v[n++] = cache.libs[i];
	}
	v[n++] = "--ro-bind";
	v[n++] = paths->include_dir;
	v[n++] = COMPILE_JAIL_INC;
	if (pch) {
		v[n++] = "--ro-bind";
		v[n++] = pch;
		v[n++] = COMPILE_JAIL_PCH;
	}
	if (preload) {
		/* The resident compiler: its compiles share this jail, so nothing in it is writable. */
		v[n++] = "--ro-bind";
		v[n++] = preload;
		v[n++] = ZYGOTE_PRELOAD;
		if (prelude) {
			v[n++] = "--ro-bind";
			v[n++] = prelude;
			v[n++] = ZYGOTE_PRELUDE;
		}
		v[n++] = "--remount-ro";
		v[n++] = "/tmp";
		v[n++] = "--remount-ro";
		v[n++] = "/";
		v[n++] = "--setenv";
		v[n++] = "LD_PRELOAD";
		v[n++] = ZYGOTE_PRELOAD;
	}
	v[n++] = "--";
	v[n++] = CLANG_PATH;
	for (size_t i = 0; i < nargs; i++)
		v[n++] = clang_args[i];
	v[n] = NULL;
	*argv = (char **)v;
	return 0;
}
