/* workload.c (fault-address): "toucher" maps one fresh anonymous page at the secret page's
 * address and writes the secret byte of it: one page fault, at that address.  "noisy" does
 * the same elsewhere in the range. */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(fault_address);

int exercise_fault_address_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

static int touch(const struct workload_ctx *ctx, void *arg)
{
	uint64_t addr = *(const uint64_t *)arg;
	void *page = (void *)(uintptr_t)(addr & ~4095ull);
	void *got = mmap(page, 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	(void)ctx;
	if (got == MAP_FAILED)
		return -errno;
	if (got != page) {
		munmap(got, 4096);
		return -EEXIST;
	}
	*(volatile char *)(uintptr_t)addr = 1;
	munmap(page, 4096);
	return 0;
}

int exercise_fault_address_run(const struct workload_ctx *ctx)
{
	struct answer a;
	uint64_t addr, other;
	int ret;

	exercise_fault_address.answer(ctx->key, &a);
	addr = a.num;
	other = 0x200000000000ull + ((addr + 0x123456789ull) % (1ull << 32));
	if ((other & ~4095ull) == (addr & ~4095ull))
		other += 8192;
	if ((ret = workload_fork(ctx, "noisy", touch, &other)))
		return ret;
	return workload_fork(ctx, "toucher", touch, &addr);
}
