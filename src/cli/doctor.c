/* doctor.c: `bpfdojo doctor`: is this machine ready to run learners' programs?  One line per
 * check (root, BPF and tracefs on this kernel for host mode, clang-19 and bwrap for compiling,
 * qemu, the guest kernel and initramfs, the snapshot, the accelerator), each missing piece with
 * the command that fixes it.  Unless --quick, it also probes the accelerator and builds the
 * snapshot, so the first run is fast.  Exit status 0 when everything is OK, 1 otherwise. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "core/paths.h"
#include "sandbox/sandbox.h"
#include "sandbox/vm.h"
#include "doctor.h"

struct doctor {
	int bad;
};

static void row(struct doctor *d, int ok, const char *what, const char *detail, const char *fix)
{
	printf("  %-8s %-12s %s\n", ok ? "ok" : "MISSING", what, detail);
	if (!ok) {
		d->bad++;
		if (fix && *fix)
			printf("  %-8s %-12s fix: %s\n", "", "", fix);
	}
}

static int has_filesystem(const char *name)
{
	char line[128];
	FILE *f = fopen("/proc/filesystems", "re");
	int found = 0;

	while (f && !found && fgets(line, sizeof(line), f)) {
		char *tab = strrchr(line, '\t');

		line[strcspn(line, "\n")] = 0;
		found = tab && !strcmp(tab + 1, name);
	}
	if (f)
		fclose(f);
	return found;
}

static const char *first_executable(const char *const *paths)
{
	for (; *paths; paths++)
		if (access(*paths, X_OK) == 0)
			return *paths;
	return NULL;
}

int cli_doctor(int argc, char **argv)
{
	static const char *const clangs[] = { "/usr/lib/llvm-19/bin/clang", NULL };
	static const char *const bwraps[] = { "/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap", NULL };
	struct sandbox_vm_status st;
	struct dojo_paths paths;
	struct dojo_err err = { 0 };
	struct doctor d = { 0 };
	char detail[PATH_MAX + 128];
	int quick = 0, rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			quick = 1;
		} else {
			fprintf(stderr, "usage: bpfdojo doctor [--quick]\n");
			return 3;
		}
	}
	if (dojo_paths_init(&paths, &err)) {
		fprintf(stderr, "bpfdojo: %s\n", err.msg);
		return 3;
	}
	printf("bpfdojo doctor (%s)\n", paths.root);

	row(&d, geteuid() == 0, "root", geteuid() == 0 ? "running as root" : "not root",
	    "run bpfdojo as root: it loads BPF (host mode) and starts qemu as an unprivileged user");
	rc = sandbox_host_check_bpf(&err);
	snprintf(detail, sizeof(detail), "%s", rc == 0 ? "bpf() and kernel BTF work (host mode)" :
		 err.msg);
	row(&d, rc == 0, "bpf", detail, "host mode needs a kernel with CONFIG_DEBUG_INFO_BTF and bpf() allowed (not in a seccomp-restricted container); the vm sandbox does not");
	row(&d, has_filesystem("tracefs"), "tracefs", "tracefs in /proc/filesystems (host mode mounts its own)",
	    "host mode needs CONFIG_TRACING; use the vm sandbox");
	snprintf(detail, sizeof(detail), "%s, %s", first_executable(clangs) ?: "no clang-19",
		 first_executable(bwraps) ?: "no bwrap");
	row(&d, first_executable(clangs) && first_executable(bwraps), "compiler", detail,
	    "apt-get install clang-19 bubblewrap");

	rc = sandbox_vm_status(&paths, !quick, &st, &err);
	snprintf(detail, sizeof(detail), "%s%s%s", st.qemu[0] ? st.qemu : "qemu-system-x86_64 not found",
		 st.qemu_version[0] ? " " : "", st.qemu_version);
	row(&d, st.qemu_ok, "qemu", detail, "apt-get install qemu-system-x86, or set BPFDOJO_QEMU");
	row(&d, st.kernel_ok, "kernel", st.kernel, "make kernel");
	row(&d, st.initramfs_ok, "initramfs", st.initramfs, "make initramfs");
	snprintf(detail, sizeof(detail), "qemu runs as '%s'", st.qemu_user);
	row(&d, st.user_ok, "qemu user", detail, "useradd --system nobody");
	if (quick)
		snprintf(detail, sizeof(detail), "%s in %s", st.snapshot_ok ? "ready" : "not built yet (the first run builds it; `bpfdojo doctor` without --quick builds it now)", st.runtime_dir);
	else if (rc == 0)
		snprintf(detail, sizeof(detail), "ready in %s%s", st.runtime_dir, st.snapshot_ms ? " (built now)" : "");
	else
		snprintf(detail, sizeof(detail), "%s", err.msg);
	row(&d, quick ? 1 : rc == 0, "snapshot", detail,
	    rc == -ENOENT ? "see the missing pieces above" : "rerun `bpfdojo doctor`; the console's last words are in the message above");
	if (st.snapshot_ms)
		printf("  %-8s %-12s built in %u ms (a cold boot; every run restores it in ~0.1 s)\n", "", "", st.snapshot_ms);
	snprintf(detail, sizeof(detail), "%s%s%s%s", sandbox_vm_accel_name(st.accel),
		 st.accel == SANDBOX_ACCEL_KVM ? " (hardware virtualization)" :
		 st.accel == SANDBOX_ACCEL_TCG ? " (emulation: every run is several times slower than with KVM)" : "",
		 st.accel_why[0] ? ": " : "", st.accel_why);
	row(&d, st.accel != SANDBOX_ACCEL_UNKNOWN || quick, "accelerator", detail, "");
	printf(d.bad ? "%d problem%s\n" : "all OK\n", d.bad, d.bad == 1 ? "" : "s");
	return d.bad ? 1 : 0;
}
