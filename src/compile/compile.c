/* compile.c: the clang driver: checks a learner's source, runs clang-19 in the jail (jail.c,
 * proc.c) with the precompiled header, and turns the outcome into a struct compile_result.
 * Also builds that precompiled header, with the very same flags.  See compile.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "compile.h"
#include "internal.h"
#include "zygote.h"
#include "core/utf8.h"

#define DEFAULT_FILENAME "prog.bpf.c"

/* Every clang run (PCH build and compiles) starts with these: a PCH is only accepted by a compile
 * with the same target, defines and include paths. */
#define CLANG_FLAGS \
	"-target", "bpf", "-O2", "-g", "-D__TARGET_ARCH_x86", "-nostdinc", "-I" COMPILE_JAIL_INC, \
	"-fno-color-diagnostics", "-fno-caret-diagnostics", "-fmessage-length=0", "-ferror-limit=20"

/* -fno-crash-diagnostics: a crashing clang would write the learner's preprocessed source to /tmp. */
const char *const compile_clang_args[] = {
	CLANG_FLAGS, "-fno-crash-diagnostics", "-include-pch", COMPILE_JAIL_PCH, "-c", "-x", "c", "-", "-o", "-", NULL
};
/* The resident compiler's clang (zygote.c): its main file is the prelude, which includes the
 * source; the prefix map names that main file "-" in the debug info, as a compile from stdin. */
const char *const compile_zygote_args[] = {
	CLANG_FLAGS, "-fno-crash-diagnostics", "-fdebug-prefix-map=" ZYGOTE_DIR "/=",
	"-c", "-x", "c", ZYGOTE_PRELUDE, "-o", "-", NULL
};
static const char *const pch_args[] = {
	CLANG_FLAGS, "-x", "c-header", "-", "-o", "-", NULL
};

/* What the PCH holds: the big, declaration-only headers, and dojo_compat.h (what a PCH needs to
 * give the BTF a plain compile gives).  Not dojo.h: it defines a map and a
 * global, which would then land in every object, even one that never includes it. */
#define PCH_HEADERS \
	"#include \"vmlinux.h\"\n" \
	"#include <bpf/bpf_helpers.h>\n" \
	"#include <bpf/bpf_tracing.h>\n" \
	"#include <bpf/bpf_core_read.h>\n" \
	"#include <bpf/bpf_endian.h>\n" \
	"#include \"dojo_compat.h\"\n"
static const char pch_source[] = PCH_HEADERS;
/* The zygote's prelude: the same headers, parsed once before it forks, then the compile's source. */
static const char zygote_prelude[] = PCH_HEADERS "#include \"" ZYGOTE_SOURCE "\"\n";

void compile_sanitize_filename(const char *name, char out[DOJO_MAX_FILENAME])
{
	const char *base = name ? strrchr(name, '/') : NULL;
	size_t o = 0;

	base = base ? base + 1 : name;
	for (; base && *base && o < DOJO_MAX_FILENAME - 1; base++) {
		char c = *base;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			  c == '.' || c == '_' || c == '-';

		out[o++] = ok ? c : '_';
	}
	out[o] = 0;
	if (!o || !strcmp(out, ".") || !strcmp(out, ".."))
		strcpy(out, DEFAULT_FILENAME);
}

/* Line and column (1-based, in bytes) of offset @off in @src. */
static void position(const char *src, size_t off, size_t *line, size_t *col)
{
	const char *nl = NULL;

	*line = 1;
	for (size_t i = 0; i < off; i++)
		if (src[i] == '\n') {
			(*line)++;
			nl = src + i;
		}
	*col = (size_t)(src + off - (nl ? nl + 1 : src)) + 1;
}

/* The checks made before clang: 0, or -EINVAL/-E2BIG with a sentence for the learner. */
static int check_source(const char *src, size_t len, const char *name, struct dojo_err *err)
{
	size_t i = 0, line, col;
	bool blank = true;

	if (len > DOJO_MAX_SOURCE_BYTES)
		return dojo_err_set(err, -E2BIG, "%s is %zu bytes; the limit is %u bytes. Split helpers out or remove unused code.",
				    name, len, DOJO_MAX_SOURCE_BYTES);
	while (i < len) {
		size_t l;

		if (src[i] == 0) {
			position(src, i, &line, &col);
			return dojo_err_set(err, -EINVAL, "%s:%zu:%zu contains a NUL byte; remove it (it usually comes from pasting binary data).",
					    name, line, col);
		}
		l = utf8_seq_len((const unsigned char *)src + i, len - i);
		if (!l) {
			position(src, i, &line, &col);
			return dojo_err_set(err, -EINVAL, "%s:%zu:%zu is not valid UTF-8; save the file as UTF-8.",
					    name, line, col);
		}
		if (!strchr(" \t\r\n\f\v", src[i]))
			blank = false;
		i += l;
	}
	if (blank)
		return dojo_err_set(err, -EINVAL, "%s is empty; write at least one function marked with SEC(\"...\"), e.g. SEC(\"tracepoint/syscalls/sys_enter_execve\").",
				    name);
	if (!memmem(src, len, "SEC(", 4) && !memmem(src, len, "section(", 8))
		return dojo_err_set(err, -EINVAL, "%s has no SEC(\"...\"): put each eBPF program in a section that says where it attaches, e.g. SEC(\"tracepoint/syscalls/sys_enter_execve\") before the function.",
				    name);
	return 0;
}

/* Append a diagnostic without location (clang crashed, object too big). */
static void add_diag(struct compile_result *res, const char *file, const char *msg)
{
	struct compile_diag *v;

	if (res->ndiags >= DOJO_MAX_DIAGS)
		return;
	v = realloc(res->diags, (res->ndiags + 1) * sizeof(*v));
	if (!v)
		return;
	res->diags = v;
	v += res->ndiags++;
	memset(v, 0, sizeof(*v));
	snprintf(v->file, sizeof(v->file), "%s", file);
	v->severity = COMPILE_ERROR;
	snprintf(v->message, sizeof(v->message), "%s", msg);
}

/* A PCH that no longer matches its headers (or is damaged) is an operator's problem. */
bool compile_pch_is_stale(const char *text)
{
	static const char *const marks[] = {
		"has been modified since the precompiled header", "malformed or corrupted",
		"precompiled header", "PCH file", "AST file",
	};

	if (!text || !strstr(text, COMPILE_JAIL_PCH))
		return false;
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (strstr(text, marks[i]))
			return true;
	return false;
}

int compile_check_installed(const struct dojo_paths *paths, bool need_pch, struct dojo_err *err)
{
	char vmlinux[PATH_MAX + 16];

	snprintf(vmlinux, sizeof(vmlinux), "%s/vmlinux.h", paths->include_dir);
	if (access(vmlinux, R_OK))
		return dojo_err_set(err, -ENOENT, "%s is missing: run make (it assembles the include directory)", vmlinux);
	if (need_pch && access(paths->pch, R_OK))
		return dojo_err_set(err, -ENOENT, "the precompiled header %s is missing: run make", paths->pch);
	return 0;
}

int compile_input_init(struct compile_input *in, const char *src, size_t len,
		       const struct compile_opts *opts, struct compile_result *res, struct dojo_err *err)
{
	static const struct compile_opts defaults;
	char prefix[DOJO_MAX_FILENAME + 32];
	size_t plen;
	int ret;

	memset(in, 0, sizeof(*in));
	memset(res, 0, sizeof(*res));
	dojo_err_clear(err);
	if (!opts)
		opts = &defaults;
	compile_sanitize_filename(opts->filename ? opts->filename : DEFAULT_FILENAME, in->name);
	in->timeout_ms = opts->timeout_ms ? opts->timeout_ms : DOJO_COMPILE_TIMEOUT_MS;

	if (!src && len)
		return dojo_err_set(err, -EINVAL, "compile_bpf: NULL source");
	if (check_source(src ? src : "", len, in->name, err)) {
		res->status = COMPILE_REJECTED;
		return 1;
	}
	in->paths = opts->paths;
	if (!in->paths) {
		ret = dojo_paths_init(&in->own_paths, err);
		if (ret)
			return ret;
		in->paths = &in->own_paths;
	}
	/* #line makes clang name the learner's file and count lines from their first line. */
	plen = (size_t)snprintf(prefix, sizeof(prefix), "#line 1 \"%s\"\n", in->name);
	in->text = malloc(plen + len);
	if (!in->text)
		return -ENOMEM;
	memcpy(in->text, prefix, plen);
	if (len)
		memcpy(in->text + plen, src, len);
	in->len = plen + len;
	return 0;
}

void compile_input_free(struct compile_input *in)
{
	free(in->text);
	in->text = NULL;
}

int compile_result_fill(struct compile_result *res, struct compile_proc *p, const struct compile_input *in,
			struct dojo_err *err)
{
	const char *name = in->name;
	int ret;

	res->elapsed_ms = p->elapsed_ms;
	if (p->timed_out) {
		res->status = COMPILE_TIMEOUT;
		dojo_err_set(err, -ETIMEDOUT, "%s: clang did not finish within %u ms and was stopped; look for very large unrolled loops or macro expansions.",
			     name, p->timeout_ms);
		return 0;
	}
	if (p->err.len && compile_pch_is_stale((char *)p->err.data)) {
		ret = dojo_err_set(err, -ESTALE, "the precompiled header %s does not match the headers in %s: run make",
				   in->paths->pch, in->paths->include_dir);
		goto fail;
	}
	res->raw_stderr = (char *)buf_take(&p->err, NULL);
	ret = compile_parse_diags(res->raw_stderr, res->raw_stderr ? strlen(res->raw_stderr) : 0, name,
				  &res->diags, &res->ndiags);
	if (ret)
		goto fail;
	res->status = COMPILE_FAILED;
	if (p->out_overflow) {
		dojo_err_set(err, -E2BIG, "%s: the compiled object is larger than %u bytes; make the program smaller.",
			     name, DOJO_MAX_OBJECT_BYTES);
		add_diag(res, name, err ? err->msg : "the compiled object is too large");
	} else if (WIFSIGNALED(p->wstatus)) {
		dojo_err_set(err, -ECANCELED, "%s: clang crashed (signal %d) or ran out of memory while compiling this program; simplify the code around the last change.",
			     name, WTERMSIG(p->wstatus));
		add_diag(res, name, err ? err->msg : "clang crashed");
	} else if (WIFEXITED(p->wstatus) && WEXITSTATUS(p->wstatus) == 0) {
		if (p->out.len >= 4 && !memcmp(p->out.data, "\177ELF", 4)) {
			res->status = COMPILE_OK;
			res->obj = buf_take(&p->out, &res->obj_len);
		} else {
			dojo_err_set(err, -EPROTO, "%s: clang reported success but produced no object", name);
			add_diag(res, name, err ? err->msg : "no object");
		}
	} else if (!res->ndiags) {
		/* e.g. a failure of the jail itself: keep its words. */
		add_diag(res, "", res->raw_stderr && *res->raw_stderr ? res->raw_stderr : "clang failed without a message");
	}
	return 0;
fail:
	compile_result_free(res);
	return ret;
}

int compile_bpf(const char *src, size_t len, const struct compile_opts *opts,
		struct compile_result *res, struct dojo_err *err)
{
	char *envp[] = { NULL }, **argv = NULL;
	struct compile_input in;
	struct compile_proc p = { 0 };
	int ret;

	ret = compile_input_init(&in, src, len, opts, res, err);
	if (ret)
		goto out;
	/* here, not in compile_input_init(): a resident compiler checked once, at its start, and
	 * its jail holds the files since (a server that dropped its privileges may not reach them) */
	ret = compile_check_installed(in.paths, true, err);
	if (ret)
		goto out;
	ret = compile_jail_argv(in.paths, in.paths->pch, NULL, NULL, compile_clang_args, &argv, err);
	if (ret)
		goto out;
	p.in = in.text;
	p.in_len = in.len;
	p.out_max = DOJO_MAX_OBJECT_BYTES;
	p.err_max = DOJO_MAX_DIAG_BYTES;
	p.timeout_ms = in.timeout_ms;
	p.mem_max = DOJO_COMPILE_MAX_MEMORY;
	ret = compile_proc_run(argv, envp, &p, err);
	if (!ret)
		ret = compile_result_fill(res, &p, &in, err);
out:
	free(argv);
	compile_input_free(&in);
	compile_proc_free(&p);
	if (ret > 0)
		ret = 0;  /* rejected before clang: res says so */
	else if (ret < 0)
		compile_result_free(res);
	return ret;
}

void compile_result_free(struct compile_result *res)
{
	if (!res)
		return;
	free(res->obj);
	free(res->diags);
	free(res->raw_stderr);
	memset(res, 0, sizeof(*res));
}

int compile_build_pch(const struct dojo_paths *paths, const char *out_path, struct dojo_err *err)
{
	char tmp[PATH_MAX + 8], *envp[] = { NULL }, **argv = NULL;
	struct compile_proc p = {
		.in = pch_source, .in_len = sizeof(pch_source) - 1,
		.out_max = DOJO_MAX_PCH_BYTES, .err_max = DOJO_MAX_DIAG_BYTES,
		.timeout_ms = DOJO_PCH_TIMEOUT_MS, .mem_max = 4 * DOJO_COMPILE_MAX_MEMORY,
	};
	bool short_write;
	FILE *f;
	int ret;

	ret = compile_check_installed(paths, false, err);
	if (ret)
		return ret;
	ret = compile_jail_argv(paths, NULL, NULL, NULL, pch_args, &argv, err);
	if (ret)
		return ret;
	ret = compile_proc_run(argv, envp, &p, err);
	free(argv);
	if (ret)
		goto out;
	if (p.timed_out || p.out_overflow || !WIFEXITED(p.wstatus) || WEXITSTATUS(p.wstatus) || !p.out.len) {
		const char *first = p.err.len ? (char *)p.err.data : "";

		ret = dojo_err_set(err, -EIO, "building the PCH failed (%s): %.300s",
				   p.timed_out ? "timeout" : p.out_overflow ? "too big" : "clang failed", first);
		goto out;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", out_path);
	f = fopen(tmp, "wbe");
	if (!f) {
		ret = dojo_err_set(err, -errno, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	short_write = fwrite(p.out.data, 1, p.out.len, f) != p.out.len;
	if (fclose(f) || short_write) {
		ret = dojo_err_set(err, -EIO, "writing %s failed", tmp);
		remove(tmp);
		goto out;
	}
	if (rename(tmp, out_path)) {
		ret = dojo_err_set(err, -errno, "rename %s: %s", tmp, strerror(errno));
		remove(tmp);
	}
out:
	compile_proc_free(&p);
	return ret;
}

int compile_write_prelude(const char *out_path, struct dojo_err *err)
{
	FILE *f = fopen(out_path, "we");
	bool short_write;

	if (!f)
		return dojo_err_set(err, -errno, "%s: %s", out_path, strerror(errno));
	short_write = fwrite(zygote_prelude, 1, sizeof(zygote_prelude) - 1, f) != sizeof(zygote_prelude) - 1;
	if (fclose(f) || short_write)
		return dojo_err_set(err, -EIO, "writing %s failed", out_path);
	return 0;
}
