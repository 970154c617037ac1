/* test_broker.c: privilege separation end to end (needs root, qemu, the kernel and the agent).
 *
 * As root: a child starts a broker, drops privileges, starts a micro-VM and a host-mode guest,
 * and is killed: no qemu and no agent is left, and the broker exits cleanly.  Then this process
 * starts a broker (it runs as root), becomes nobody with no capability (read back from
 * /proc/self/status), compiles in the bubblewrap jail, and runs an exercise's solution through
 * the broker in a micro-VM and in host mode: CORRECT, with the run's messages; the spares are
 * the broker's; a refused start keeps its reason, a killed qemu is explained.  Malformed
 * requests on a guest connection make the broker hang up on it, and it serves on; a malformed
 * request on its control socket makes it destroy everything and exit, not crash. */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include "harness.h"
#include "run_events.h"
#include "compile/compile.h"
#include "core/clock.h"
#include "sandbox/broker.h"
#include "sandbox/sandbox.h"
#include "sandbox/vm.h"

#define NOBODY_UID 65534u

/* Processes whose comm is @name, system-wide. */
static unsigned count_comm(const char *name)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	unsigned n = 0;

	while (d && (e = readdir(d))) {
		char path[300], comm[64] = "";
		FILE *f;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/comm", e->d_name);
		f = fopen(path, "re");
		if (!f)
			continue;
		if (fgets(comm, sizeof(comm), f))
			comm[strcspn(comm, "\n")] = 0;
		fclose(f);
		n += !strcmp(comm, name);
	}
	if (d)
		closedir(d);
	return n;
}

/* The pid of a process whose comm is @name, or -1. */
static int find_comm(const char *name)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int pid = -1;

	while (d && pid < 0 && (e = readdir(d))) {
		char path[300], comm[64] = "";
		FILE *f;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/comm", e->d_name);
		f = fopen(path, "re");
		if (!f)
			continue;
		if (fgets(comm, sizeof(comm), f))
			comm[strcspn(comm, "\n")] = 0;
		fclose(f);
		if (!strcmp(comm, name))
			pid = atoi(e->d_name);
	}
	if (d)
		closedir(d);
	return pid;
}

static unsigned count_guests(void)
{
	return count_comm("qemu-system-x86") + count_comm("bpfdojo-agent");
}

/* The value after "@key:" in /proc/@pid/status ("self" when pid is 0), in @out. */
static int status_field(int pid, const char *key, char *out, size_t cap)
{
	char path[64], line[256];
	size_t kl = strlen(key);
	FILE *f;
	int found = 0;

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/status", pid);
	else
		snprintf(path, sizeof(path), "/proc/self/status");
	f = fopen(path, "re");
	while (f && !found && fgets(line, sizeof(line), f)) {
		if (!strncmp(line, key, kl) && line[kl] == ':') {
			char *v = line + kl + 1;

			v += strspn(v, " \t");
			v[strcspn(v, "\n")] = 0;
			snprintf(out, cap, "%s", v);
			found = 1;
		}
	}
	if (f)
		fclose(f);
	return found ? 0 : -ENOENT;
}

static void check_field(int pid, const char *key, const char *want)
{
	char v[128] = "";

	CHECK(status_field(pid, key, v, sizeof(v)) == 0, "/proc/%d/status has no %s", pid, key);
	CHECK(!strcmp(v, want), "/proc/%d/status %s: got \"%s\", want \"%s\"", pid, key, v, want);
}

/* Wait up to @ms for @pid (our child) to exit: its wait status, or -1. */
static int wait_exit(pid_t pid, unsigned ms)
{
	uint64_t end = dojo_now_ms() + ms;
	int ws;

	while (dojo_now_ms() < end) {
		if (waitpid(pid, &ws, WNOHANG) == pid)
			return ws;
		usleep(10000);
	}
	return -1;
}

/* In a child: start a broker, drop, hold a VM guest and a host guest, say so, wait to die. */
static void holder(int wfd)
{
	struct sandbox_broker_opts bo = { .vm_spares = 1 };
	struct sandbox_opts vm = { .kind = SANDBOX_VM }, host = { .kind = SANDBOX_HOST };
	struct sandbox *a = NULL, *b = NULL, *first = NULL;
	struct dojo_err err = { 0 };
	int pid;

	/* the first guest freed tells the broker's spare pool what to start */
	if (sandbox_broker_start(&bo, &err) || sandbox_drop_privileges("nobody", &err) ||
	    sandbox_start(&vm, &first, &err) || (sandbox_free(first), 0) ||
	    sandbox_start(&vm, &a, &err) || sandbox_start(&host, &b, &err)) {
		fprintf(stderr, "holder: %s\n", err.msg);
		_exit(1);
	}
	pid = sandbox_broker_pid();
	if (write(wfd, &pid, sizeof(pid)) != (ssize_t)sizeof(pid))
		_exit(1);
	pause();
	_exit(0);
}

static void test_caller_killed(void)
{
	unsigned before = count_guests(), during;
	int p[2], broker = -1, ws;
	pid_t c;

	CHECK(pipe(p) == 0, "pipe");
	fflush(NULL);
	c = fork();
	if (c == 0) {
		close(p[0]);
		holder(p[1]);
	}
	close(p[1]);
	CHECK(read(p[0], &broker, sizeof(broker)) == (ssize_t)sizeof(broker), "the holder did not get its guests");
	close(p[0]);
	/* a guest qemu, the agent, and a spare qemu (started ahead, in the background) */
	for (uint64_t end = dojo_now_ms() + 10000; (during = count_guests()) < before + 3 && dojo_now_ms() < end; )
		usleep(20000);
	CHECK(during >= before + 3, "guests while the caller lives: %u (before %u)", during, before);
	kill(c, SIGKILL);
	waitpid(c, NULL, 0);
	/* the broker is reparented to us (a subreaper): it destroys everything, then exits */
	ws = broker > 0 ? wait_exit(broker, 20000) : -1;
	CHECK(ws != -1 && WIFEXITED(ws) && WEXITSTATUS(ws) == 0, "the broker did not exit cleanly after its caller died (status %#x)", ws);
	CHECK_INT(count_guests(), before, "qemu and agents left after the caller was killed");
}

static void *idle(void *arg)
{
	pause();
	return arg;
}

static void test_privileges(void)
{
	struct dojo_err err = { 0 };
	char v[128];
	pthread_t t;

	/* with another thread running, both refuse: it would keep its capabilities */
	CHECK(pthread_create(&t, NULL, idle, NULL) == 0, "thread");
	CHECK(sandbox_drop_privileges("nobody", &err) == -EBUSY, "a drop with two threads: %s", err.msg);
	pthread_cancel(t);
	pthread_join(t, NULL);

	CHECK(sandbox_drop_privileges("root", &err) == -EINVAL, "dropping to root is refused");
	CHECK(sandbox_drop_privileges("nobody", &err) == 0, "drop: %s", err.msg);
	check_field(0, "Uid", "65534\t65534\t65534\t65534");
	check_field(0, "Gid", "65534\t65534\t65534\t65534");
	check_field(0, "Groups", "");
	check_field(0, "CapInh", "0000000000000000");
	check_field(0, "CapPrm", "0000000000000000");
	check_field(0, "CapEff", "0000000000000000");
	check_field(0, "CapBnd", "0000000000000000");
	check_field(0, "CapAmb", "0000000000000000");
	check_field(0, "NoNewPrivs", "1");
	CHECK(setuid(0) < 0, "uid 0 came back");
	CHECK(getuid() == NOBODY_UID, "uid %u", (unsigned)getuid());
	/* the broker kept root */
	CHECK(status_field(sandbox_broker_pid(), "Uid", v, sizeof(v)) == 0 && !strcmp(v, "0\t0\t0\t0"), "broker uid: %s", v);
	CHECK(sandbox_drop_privileges("nobody", &err) == -EPERM, "a second drop is refused (not root)");
}

/* The server's way: a resident compiler started as root before the drop, after the broker's
 * fork, compiles as nobody (the checkout may be where nobody cannot read, under /root). */
static struct compile_server *compiler;

static void test_compile(struct compile_result *res)
{
	const struct exercise *ex = exercise_at(0);
	struct dojo_err err = { 0 };
	int rc = compiler ? compile_server_bpf(compiler, ex->solution, strlen(ex->solution), NULL, res, &err) : -1;

	CHECK(rc == 0 && res->status == COMPILE_OK, "the resident compiler as nobody: rc %d %s", rc, err.msg);
}

struct seen {
	unsigned counts[FRAME_TYPE_MAX];
	uint8_t last;
};

static int note(const struct sandbox_msg *m, void *ctx)
{
	struct seen *s = ctx;

	s->counts[m->type]++;
	s->last = m->type;
	return 0;
}

static void run_kind(enum sandbox_kind kind, const struct compile_result *obj)
{
	const struct exercise *ex = exercise_at(0);
	struct sandbox_job job = { .exercise = ex->id, .key = 42, .obj = obj->obj, .obj_len = obj->obj_len };
	struct sandbox_opts o = { .kind = kind };
	struct pipeline_req req = { .exercise = ex->id, .source = ex->solution,
				    .source_len = strlen(ex->solution) };
	struct dojo_err err = { 0 };
	struct seen s = { { 0 }, 0 };
	struct run r;
	int rc;

	rc = sandbox_run(&job, &o, note, &s, NULL, &err);
	CHECK(rc == 0, "%s through the broker: %d %s", sandbox_kind_name(kind), rc, err.msg);
	CHECK(s.counts[FRAME_LOADED] == 1 && s.counts[FRAME_ATTACHED] >= 1 && s.counts[FRAME_RECORD] >= 1 &&
	      s.counts[FRAME_WORKLOAD_DONE] == 1 && s.last == FRAME_DONE,
	      "%s: loaded %u attached %u records %u workload %u last %s", sandbox_kind_name(kind),
	      s.counts[FRAME_LOADED], s.counts[FRAME_ATTACHED], s.counts[FRAME_RECORD],
	      s.counts[FRAME_WORKLOAD_DONE], frame_type_name(s.last));
	req.sandbox.kind = kind;
	req.compiler = compiler;
	r.events = json_array();
	r.rc = pipeline_run(&req, collect, r.events, &r.res, &err);
	CHECK(r.rc == 0 && r.res.verdict == GRADE_CORRECT, "%s pipeline as nobody: rc %d, %s (%s)",
	      sandbox_kind_name(kind), r.rc, last_verdict(&r), err.msg);
	json_decref(r.events);
}

/* A start the broker refuses comes back with its reason; a guest that went away is explained
 * by the broker (only qemu's parent can reap it and knows its last words). */
static void test_errors(const struct compile_result *obj)
{
	const struct exercise *ex = exercise_at(0);
	struct sandbox_job job = { .exercise = ex->id, .key = 7, .obj = obj->obj, .obj_len = obj->obj_len };
	struct sandbox_opts bad = { .kind = (enum sandbox_kind)7 }, vm = { .kind = SANDBOX_VM };
	struct dojo_err err = { 0 };
	struct sandbox_msg m;
	struct sandbox *sb = NULL;
	int rc, qemu;

	rc = sandbox_start(&bad, &sb, &err);
	CHECK(rc == -EINVAL && sb == NULL && strstr(err.msg, "unknown sandbox kind 7"), "bad kind: %d %s", rc, err.msg);
	rc = sandbox_start(&vm, &sb, &err);
	CHECK(rc == 0, "vm start: %s", err.msg);
	if (rc)
		return;
	/* qemu runs as nobody, like this process now: a reason to give the server its own user */
	qemu = find_comm("qemu-system-x86");
	CHECK(qemu > 0 && kill(qemu, SIGKILL) == 0, "kill qemu %d", qemu);
	rc = sandbox_send_job(sb, &job, &err);
	while (!rc && (rc = sandbox_next(sb, &m, &err)) == 1)
		;
	CHECK(rc < 0 && strstr(err.msg, "qemu was killed by signal 9"), "a killed guest explained: %d %s", rc, err.msg);
	sandbox_free(sb);
	CHECK_INT(count_guests(), 0, "qemu left after a killed guest");
}

/* sandbox_vm_spares() in the caller sets the broker's spares: started after a run, killed by 0. */
static void test_spares(const struct compile_result *obj)
{
	unsigned n = 0;

	CHECK(sandbox_vm_spares(1) == 0, "spares asked of the broker");
	run_kind(SANDBOX_VM, obj);
	for (uint64_t end = dojo_now_ms() + 10000; (n = count_comm("qemu-system-x86")) < 1 && dojo_now_ms() < end; )
		usleep(20000);
	CHECK_INT(n, 1, "spare qemus after a run");
	/* the spare waits in the broker, and this process hears of it (what /healthz shows) */
	for (uint64_t end = dojo_now_ms() + 10000; (n = sandbox_vm_spares_ready()) < 1 && dojo_now_ms() < end; )
		usleep(20000);
	CHECK_INT(n, 1, "spares ready, as the broker counts them");
	CHECK(sandbox_vm_spares(0) == 0, "spares off");
	for (uint64_t end = dojo_now_ms() + 5000; (n = count_comm("qemu-system-x86")) > 0 && dojo_now_ms() < end; )
		usleep(20000);
	CHECK_INT(n, 0, "spare qemus after sandbox_vm_spares(0)");
	CHECK_INT(sandbox_vm_spares_ready(), 0, "spares ready after sandbox_vm_spares(0)");
}

/* A guest connection of our own, to speak to the broker by hand. */
static int connect_broker(void)
{
	struct broker_msg hello = { .type = BROKER_CONNECT };
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return -1;
	if (broker_send(sandbox_broker_ctl_fd(), &hello, sv[1])) {
		close(sv[0]);
		sv[0] = -1;
	}
	close(sv[1]);
	return sv[0];
}

/* After @pkt on a fresh connection, the broker hangs up on it (EOF), and lives. */
static void malformed_row(const char *why, const void *pkt, size_t len)
{
	struct broker_msg m;
	int c = connect_broker(), fd, rc;

	CHECK(c >= 0, "%s: no connection", why);
	CHECK(send(c, pkt, len, MSG_NOSIGNAL) == (ssize_t)len, "%s: send", why);
	rc = broker_recv(c, &m, &fd, 5000);
	CHECK(rc == 0, "%s: the broker answered %d instead of hanging up", why, rc);
	CHECK(waitpid(sandbox_broker_pid(), NULL, WNOHANG) == 0, "%s: the broker died", why);
	close(c);
}

/* A CONNECT whose fd is not a unix packet socket: the broker closes it at once. */
static void foreign_fd_rows(void)
{
	struct broker_msg hello = { .type = BROKER_CONNECT };
	struct pollfd p;
	int pp[2], sv[2];
	char c;

	CHECK(pipe(pp) == 0 && socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0, "pipe, socketpair");
	CHECK(broker_send(sandbox_broker_ctl_fd(), &hello, pp[1]) == 0, "CONNECT with a pipe");
	CHECK(broker_send(sandbox_broker_ctl_fd(), &hello, sv[1]) == 0, "CONNECT with a stream socket");
	close(pp[1]);
	close(sv[1]);
	p = (struct pollfd){ .fd = pp[0], .events = POLLIN };
	CHECK(poll(&p, 1, 5000) == 1 && read(pp[0], &c, 1) == 0, "the broker kept a pipe as a connection");
	p = (struct pollfd){ .fd = sv[0], .events = POLLIN };
	CHECK(poll(&p, 1, 5000) == 1 && read(sv[0], &c, 1) == 0, "the broker kept a stream socket as a connection");
	close(pp[0]);
	close(sv[0]);
}

static void test_malformed(const struct compile_result *obj)
{
	static const uint8_t unknown[] = { 0, 0, 0, 0, 99 };
	static const uint8_t short_start[] = { 4, 0, 0, 0, BROKER_START, 1, 0, 0, 0 };
	static const uint8_t torn[] = { 12, 0, 0, 0 };
	static const uint8_t lying_len[] = { 200, 0, 0, 0, BROKER_FREE };
	static const uint8_t reply_type[] = { 0, 0, 0, 0, BROKER_FREED };
	static const uint8_t connect_here[] = { 0, 0, 0, 0, BROKER_CONNECT };
	static const uint8_t empty[1];
	int ws;

	malformed_row("an unknown type", unknown, sizeof(unknown));
	malformed_row("a START of the wrong size", short_start, sizeof(short_start));
	malformed_row("a torn header", torn, sizeof(torn));
	malformed_row("a length that lies", lying_len, sizeof(lying_len));
	malformed_row("a reply type", reply_type, sizeof(reply_type));
	malformed_row("a CONNECT without its fd on a guest connection", connect_here, sizeof(connect_here));
	malformed_row("an empty packet", empty, 0);
	foreign_fd_rows();
	/* it serves on */
	run_kind(SANDBOX_HOST, obj);
	CHECK_INT(count_comm("bpfdojo-agent"), 0, "agents left after the malformed rows");
	/* on the control socket: it hangs up on everything and exits, cleanly */
	CHECK(send(sandbox_broker_ctl_fd(), unknown, sizeof(unknown), MSG_NOSIGNAL) == (ssize_t)sizeof(unknown), "send on the control socket");
	CHECK(sandbox_broker_stop(&ws) == -EPROTO && WIFEXITED(ws) && WEXITSTATUS(ws) == 2,
	      "the broker after a malformed control request: status %#x", ws);
	CHECK(sandbox_broker_pid() == -1, "no broker after stop");
}

int main(void)
{
	struct sandbox_broker_opts bo = { 0 };
	struct compile_result obj = { 0 };
	struct dojo_err err = { 0 };

	if (geteuid() != 0) {
		fprintf(stderr, "test_broker needs root\n");
		CHECK(0, "not root");
		return harness_done("test_broker");
	}
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	test_caller_killed();
	CHECK(sandbox_broker_start(&bo, &err) == 0, "broker: %s", err.msg);
	CHECK(sandbox_broker_start(&bo, &err) == -EALREADY, "a second broker is refused");
	compiler = compile_server_new(NULL, &err);
	CHECK(compiler != NULL, "a resident compiler before the drop: %s", err.msg);
	test_privileges();
	test_compile(&obj);
	if (obj.status == COMPILE_OK) {
		run_kind(SANDBOX_VM, &obj);
		run_kind(SANDBOX_HOST, &obj);
		test_spares(&obj);
		test_errors(&obj);
		test_malformed(&obj);
	}
	compile_result_free(&obj);
	compile_server_free(compiler);
	CHECK_INT(count_guests(), 0, "qemu and agents left at the end");
	return harness_done("test_broker");
}
