/* vm_accel.c: KVM or TCG, decided by a real probe: /dev/kvm can open and still give guests
 * that hang early in boot (nested virtualization), so a guest is booted with -accel kvm and
 * KVM is used only when its agent says READY within DOJO_VM_PROBE_KVM_MS.  The answer is cached
 * in this process and in <runtime>/accel, keyed like the snapshot (qemu, kernel, initramfs),
 * so it is probed again only when one of them changes. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/limits.h"
#include "vm_int.h"

static pthread_mutex_t accel_mutex = PTHREAD_MUTEX_INITIALIZER;
static char cache_key[17];
static enum sandbox_vm_accel cache_accel;
static char cache_why[160];

const char *sandbox_vm_accel_name(enum sandbox_vm_accel a)
{
	switch (a) {
	case SANDBOX_ACCEL_KVM: return "kvm";
	case SANDBOX_ACCEL_TCG: return "tcg";
	default: return "unknown";
	}
}

static enum sandbox_vm_accel read_cache(const struct vm_env *e, const char *key)
{
	char path[PATH_MAX], line[64], k[17] = "", a[8] = "";
	FILE *f;

	if (snprintf(path, sizeof(path), "%s/accel", e->rtdir) >= (int)sizeof(path))
		return SANDBOX_ACCEL_UNKNOWN;
	f = fopen(path, "re");
	if (!f)
		return SANDBOX_ACCEL_UNKNOWN;
	if (!fgets(line, sizeof(line), f) || sscanf(line, "%16s %7s", k, a) != 2)
		k[0] = 0;
	fclose(f);
	if (strcmp(k, key))
		return SANDBOX_ACCEL_UNKNOWN;
	return !strcmp(a, "kvm") ? SANDBOX_ACCEL_KVM : !strcmp(a, "tcg") ? SANDBOX_ACCEL_TCG : SANDBOX_ACCEL_UNKNOWN;
}

static void write_cache(const struct vm_env *e, const char *key, enum sandbox_vm_accel a)
{
	char path[PATH_MAX], tmp[PATH_MAX + 16];
	FILE *f;

	if (vm_env_mkdir(e, NULL) || snprintf(path, sizeof(path), "%s/accel", e->rtdir) >= (int)sizeof(path))
		return;
	snprintf(tmp, sizeof(tmp), "%s.%d", path, (int)getpid());
	f = fopen(tmp, "we");
	if (!f)
		return;
	fprintf(f, "%s %s\n", key, sandbox_vm_accel_name(a));
	if (fclose(f) != 0 || rename(tmp, path) < 0)
		unlink(tmp);
}

/* Boot one guest under KVM; 0 when its agent said READY in time. */
static int probe_kvm(const struct vm_env *e, char *why, size_t cap)
{
	struct vm_launch l = { .env = e, .accel = SANDBOX_ACCEL_KVM, .share = 0 };
	struct dojo_err err = { 0 };
	struct vm_guest g;
	int rc;

	l.ram_fd = memfd_create("bpfdojo-probe-ram", MFD_CLOEXEC);
	if (l.ram_fd < 0 || ftruncate(l.ram_fd, (off_t)DOJO_VM_MEM_MB << 20) < 0) {
		snprintf(why, cap, "cannot allocate the probe guest's RAM: %s", strerror(errno));
		if (l.ram_fd >= 0)
			close(l.ram_fd);
		return -ENOMEM;
	}
	rc = vm_boot_ready(&g, &l, DOJO_VM_PROBE_KVM_MS, &err);
	vm_guest_kill(&g);
	close(l.ram_fd);
	if (rc == -ETIMEDOUT)
		snprintf(why, cap, "a KVM guest did not reach its agent within %u ms (nested virtualization?)", DOJO_VM_PROBE_KVM_MS);
	else if (rc)
		snprintf(why, cap, "a KVM guest failed: %.120s", err.msg);
	return rc;
}

enum sandbox_vm_accel vm_accel_get(const struct vm_env *e, int probe, int *cached, char *why,
				   size_t why_cap)
{
	enum sandbox_vm_accel a = SANDBOX_ACCEL_UNKNOWN;
	char key[17], reason[160] = "";
	struct stat st;

	*cached = 1;
	if (vm_env_key(e, key, NULL))
		return SANDBOX_ACCEL_UNKNOWN;
	pthread_mutex_lock(&accel_mutex);
	if (!strcmp(cache_key, key)) {
		a = cache_accel;
		snprintf(reason, sizeof(reason), "%s", cache_why);
		goto out;
	}
	if (stat("/dev/kvm", &st) < 0) {
		a = SANDBOX_ACCEL_TCG;
		snprintf(reason, sizeof(reason), "there is no /dev/kvm (no hardware virtualization here)");
	} else if (e->kvm_gid == (gid_t)-1) {
		a = SANDBOX_ACCEL_TCG;
		snprintf(reason, sizeof(reason), "/dev/kvm (mode %03o) is not open to user %s: `chgrp kvm /dev/kvm && chmod 0660 /dev/kvm`", (unsigned)(st.st_mode & 0777), VM_QEMU_USER);
	} else {
		a = read_cache(e, key);
		if (a == SANDBOX_ACCEL_TCG)
			snprintf(reason, sizeof(reason), "a KVM guest did not boot in time when probed (cached; remove %.60s/accel to probe again)", e->rtdir);
		if (a == SANDBOX_ACCEL_UNKNOWN && probe) {
			*cached = 0;
			a = probe_kvm(e, reason, sizeof(reason)) ? SANDBOX_ACCEL_TCG : SANDBOX_ACCEL_KVM;
			write_cache(e, key, a);
		}
	}
	if (a != SANDBOX_ACCEL_UNKNOWN) {
		memcpy(cache_key, key, sizeof(cache_key));
		cache_accel = a;
		snprintf(cache_why, sizeof(cache_why), "%s", reason);
	}
out:
	pthread_mutex_unlock(&accel_mutex);
	if (why && why_cap)
		snprintf(why, why_cap, "%s", reason);
	return a;
}
