/* vm.c: what PID 1 of the micro-VM does before it says READY, i.e. before the host snapshots
 * it: load the kernel modules of the initramfs (virtio_mmio first of all, since the virtio
 * bus of `microvm` is a module in Debian's kernel), wait for the channel's device node, then
 * do once the work every run would otherwise repeat under emulation:
 *
 *   - parse the kernel's BTF (/sys/kernel/btf/vmlinux, ~5 MB) once.  libbpf.o calls
 *     btf__load_vmlinux_btf() and btf__free() across objects of the static libbpf.a, so the
 *     agent links with -Wl,--wrap for both: the wrapper hands libbpf the parsed BTF, and the
 *     matching free is ignored.  libbpf 1.4 only reads obj->btf_vmlinux (CO-RE candidates,
 *     attach targets, the base of module BTFs) and frees it after the load.
 *   - load and attach a small program (warm.bpf.c), so libbpf's feature probes are cached
 *     and the kernel paths of a load and an attach have run once.
 *   - fork the process that will run the job's workload (guest_workload_prefork()), open
 *     /dev/urandom for the JOB's seed (guest_env_open_rng()).
 *   - let the kernel settle (SETTLE_MS): its deferred work then is not redone per restore.
 *
 * Everything here happens before any job exists: no run's secret is in the snapshot. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "core/limits.h"
#include "guest.h"

#define GUEST_MODULE_DIR "/lib/modules"
#define SETTLE_MS        300u

/* The warm-up object, embedded by the build (src/guest/part.mk). */
extern const unsigned char guest_warm_obj[], guest_warm_obj_end[];

struct btf *__real_btf__load_vmlinux_btf(void);
void __real_btf__free(struct btf *btf);
struct btf *__wrap_btf__load_vmlinux_btf(void);
void __wrap_btf__free(struct btf *btf);

static struct btf *vmlinux_btf;   /* parsed once, never freed, shared by every load */

struct btf *__wrap_btf__load_vmlinux_btf(void)
{
	if (vmlinux_btf)
		return vmlinux_btf;
	return __real_btf__load_vmlinux_btf();
}

void __wrap_btf__free(struct btf *btf)
{
	if (btf && btf == vmlinux_btf)
		return;
	__real_btf__free(btf);
}

static int name_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int only_modules(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 3 && !strcmp(e->d_name + n - 3, ".ko");
}

/* finit_module every /lib/modules/NN-name.ko in name order (dependencies first). */
static int load_modules(struct dojo_err *err)
{
	struct dirent **list;
	int n = scandir(GUEST_MODULE_DIR, &list, only_modules, name_cmp), rc = 0;

	if (n < 0)
		return dojo_err_set(err, -errno, "cannot list %s: %s", GUEST_MODULE_DIR, strerror(errno));
	for (int i = 0; i < n; i++) {
		char path[300];
		int fd;

		snprintf(path, sizeof(path), "%s/%s", GUEST_MODULE_DIR, list[i]->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			rc = rc ? rc : dojo_err_set(err, -errno, "cannot open %s: %s", path, strerror(errno));
		} else {
			if (syscall(SYS_finit_module, fd, "", 0) < 0 && errno != EEXIST && !rc)
				rc = dojo_err_set(err, -errno, "cannot load the kernel module %s: %s", path, strerror(errno));
			close(fd);
		}
		free(list[i]);
	}
	free(list);
	return rc;
}

/* The port's node appears when virtio_mmio has probed the device and udev-less devtmpfs made it. */
static int wait_device(const char *path, struct dojo_err *err)
{
	uint64_t end = dojo_now_ms() + DOJO_AGENT_DEV_WAIT_MS;
	struct timespec nap = { 0, 1000000L };

	while (access(path, F_OK) < 0) {
		if (dojo_now_ms() >= end)
			return dojo_err_set(err, -ENODEV, "the channel %s did not appear within %u ms (is the virtio-serial port configured?)", path, DOJO_AGENT_DEV_WAIT_MS);
		nanosleep(&nap, NULL);
	}
	return 0;
}

static int quiet_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_WARN)
		vfprintf(stderr, fmt, ap);
	return 0;
}

/* Load and attach the warm-up program once, then drop it. */
static int warm_load(struct dojo_err *err)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "warm");
	struct bpf_link *links[4] = { 0 };
	struct bpf_program *prog;
	struct bpf_object *obj;
	unsigned n = 0;
	int rc;

	libbpf_set_print(quiet_print);
	obj = bpf_object__open_mem(guest_warm_obj, (size_t)(guest_warm_obj_end - guest_warm_obj), &opts);
	if (!obj)
		return dojo_err_set(err, -errno, "the warm-up object does not open: %s", strerror(errno));
	rc = bpf_object__load(obj);
	if (rc) {
		bpf_object__close(obj);
		return dojo_err_set(err, rc, "the warm-up object does not load: %s", strerror(-rc));
	}
	bpf_object__for_each_program(prog, obj) {
		if (n == sizeof(links) / sizeof(links[0]))
			break;
		links[n] = bpf_program__attach(prog);
		if (!links[n]) {
			rc = dojo_err_set(err, -errno, "the warm-up program does not attach: %s", strerror(errno));
			break;
		}
		n++;
	}
	while (n)
		bpf_link__destroy(links[--n]);
	bpf_object__close(obj);
	libbpf_set_print(NULL);
	return rc;
}

int guest_vm_prepare(const char *chan_path, struct dojo_err *err)
{
	const struct timespec settle = { 0, (long)SETTLE_MS * 1000000L };
	int rc = load_modules(err);

	if (!rc)
		rc = wait_device(chan_path, err);
	if (!rc)
		rc = guest_env_open_rng(err);
	if (rc)
		return rc;
	vmlinux_btf = __real_btf__load_vmlinux_btf();
	if (!vmlinux_btf)
		return dojo_err_set(err, -errno, "cannot parse the kernel's BTF: %s", strerror(errno));
	rc = warm_load(err);
	if (rc)
		return rc;
	(void)guest_workload_prefork();   /* without it, the run forks (slower, same result) */
	/* let the kernel finish what the warm-up and the fork left behind (RCU callbacks freeing
	 * the program, workqueues): done now, once, instead of after every restore, where it
	 * delayed the agent's first answer by ~20 ms under TCG */
	nanosleep(&settle, NULL);
	return 0;
}
