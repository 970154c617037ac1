/* workload.c: running the small child programs that exercises' workloads are made of.
 *
 * A child is bpfdojo-child (ctx->child_exe, a tiny freestanding program) or else the agent
 * binary (ctx->self_exe), exec'd through a symlink named after the program we want the
 * kernel to see (comm = the link's name), told what to do by DOJO_CHILD.  The child gets a
 * clean environment and a copy of argv on its own stack, so a learner's program that reads
 * argv from user memory at execve() entry finds every page present. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "workload.h"

#define WORKLOAD_MAX_ARGS     16
#define WORKLOAD_MAX_ARGBYTES 1024

/* "exit:<n>" / "sleep:<ms>": the number after the prefix, -1 when malformed or > max */
static long spec_number(const char *spec, const char *prefix, long max)
{
	size_t n = strlen(prefix);
	char *end;
	long v;

	if (strncmp(spec, prefix, n) != 0 || spec[n] < '0' || spec[n] > '9')
		return -1;
	errno = 0;
	v = strtol(spec + n, &end, 10);
	if (errno || *end || v < 0 || v > max)
		return -1;
	return v;
}

int workload_child_main(const char *spec)
{
	long v;

	if (!spec)
		return 127;
	if ((v = spec_number(spec, "exit:", 255)) >= 0)
		return (int)v;
	if ((v = spec_number(spec, "sleep:", 60000)) >= 0) {
		struct timespec ts = { .tv_sec = v / 1000, .tv_nsec = (v % 1000) * 1000000L };

		while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
		return 0;
	}
	return 127;
}

static int valid_name(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	return n > 0 && n < NAME_MAX && !strchr(name, '/') && strcmp(name, ".") && strcmp(name, "..");
}

/* (Re)create run_dir/bin/<name> -> child_exe (or self_exe); the link's path goes to @path. */
static int make_link(const struct workload_ctx *ctx, const char *name, char *path, size_t cap)
{
	int n = snprintf(path, cap, "%s/bin", ctx->run_dir);

	if (n < 0 || (size_t)n >= cap)
		return -ENAMETOOLONG;
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return -errno;
	n = snprintf(path, cap, "%s/bin/%s", ctx->run_dir, name);
	if (n < 0 || (size_t)n >= cap)
		return -ENAMETOOLONG;
	if (unlink(path) < 0 && errno != ENOENT)
		return -errno;
	if (symlink(ctx->child_exe ? ctx->child_exe : ctx->self_exe, path) < 0)
		return -errno;
	return 0;
}

/* In the child: copy argv onto this stack (fresh, present pages), reset signals, exec. */
static void __attribute__((noreturn)) child_exec(const char *path, char *const argv[],
						 size_t argc, char *env)
{
	char bytes[WORKLOAD_MAX_ARGBYTES];
	char *args[WORKLOAD_MAX_ARGS + 1];
	char *envp[] = { env, NULL };
	size_t off = 0;
	sigset_t none;

	for (size_t i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]) + 1;

		memcpy(bytes + off, argv[i], n);   /* sizes checked by the parent */
		args[i] = bytes + off;
		off += n;
	}
	args[argc] = NULL;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	execve(path, args, envp);
	_exit(127);
}

/* vfork: the workload process is a copy of the agent, which holds the kernel's parsed BTF;
 * fork() would copy its page tables for every child only for exec to throw them away
 * (measurable under TCG).  The child only copies argv onto its own frame and execs. */
static pid_t __attribute__((noinline)) spawn_child(const char *path, char *const argv[],
						   size_t argc, char *env)
{
	pid_t child = vfork();

	if (child == 0)
		child_exec(path, argv, argc, env);
	return child;
}

/* Number of arguments in @argv, or -E2BIG past the limits child_exec() copies. */
static ssize_t count_args(char *const argv[])
{
	size_t argc = 0, bytes = 0;

	for (; argv[argc]; argc++) {
		if (argc >= WORKLOAD_MAX_ARGS)
			return -E2BIG;
		bytes += strlen(argv[argc]) + 1;
	}
	return bytes > WORKLOAD_MAX_ARGBYTES ? -E2BIG : (ssize_t)argc;
}

int workload_spawn(const struct workload_ctx *ctx, const char *name, char *const argv[],
		   const char *spec, pid_t *pid)
{
	char path[PATH_MAX];
	char *env;
	pid_t child;
	int ret;

	if (!ctx || !ctx->run_dir || (!ctx->self_exe && !ctx->child_exe) || !valid_name(name) || !argv || !spec || !pid)
		return -EINVAL;
	ssize_t argc = count_args(argv);
	if (argc < 0)
		return (int)argc;
	ret = make_link(ctx, name, path, sizeof(path));
	if (ret)
		return ret;
	if (asprintf(&env, "DOJO_CHILD=%s", spec) < 0)
		return -ENOMEM;
	child = spawn_child(path, argv, (size_t)argc, env);
	if (child < 0) {
		ret = -errno;
		free(env);
		return ret;
	}
	free(env);
	*pid = child;
	return 0;
}

int workload_wait(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

int workload_run(const struct workload_ctx *ctx, const char *name, char *const argv[],
		 const char *spec, int want)
{
	pid_t pid;
	int ret = workload_spawn(ctx, name, argv, spec, &pid);

	if (ret)
		return ret;
	ret = workload_wait(pid);
	if (ret < 0)
		return ret;
	return ret == want ? 0 : -ECHILD;
}

int workload_fork(const struct workload_ctx *ctx, const char *name,
		  int (*fn)(const struct workload_ctx *ctx, void *arg), void *arg)
{
	pid_t pid;
	int ret;

	if (!ctx || !fn || !valid_name(name) || strlen(name) > 15)
		return -EINVAL;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		if (prctl(PR_SET_NAME, name, 0, 0, 0) < 0)
			_exit(126);
		_exit(fn(ctx, arg) == 0 ? 0 : 1);
	}
	ret = workload_wait(pid);
	if (ret < 0)
		return ret;
	return ret == 0 ? 0 : -ECHILD;
}

int workload_write_null(const struct workload_ctx *ctx, void *arg)
{
	unsigned n = *(const unsigned *)arg;
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);

	(void)ctx;
	if (fd < 0)
		return -errno;
	for (unsigned i = 0; i < n; i++)
		if (write(fd, "x", 1) != 1)
			return -EIO;
	close(fd);
	return 0;
}

int workload_find_bin(const char *name, char *out, size_t cap)
{
	const char *path = getenv("PATH");

	if (!valid_name(name))
		return -EINVAL;
	for (const char *p = path; p && *p; p += *p == ':') {
		size_t len = strcspn(p, ":");
		int n = snprintf(out, cap, "%.*s/%s", (int)len, p, name);

		p += len;
		if (len && n > 0 && (size_t)n < cap && access(out, R_OK | X_OK) == 0)
			return 0;
	}
	return -ENOENT;
}
