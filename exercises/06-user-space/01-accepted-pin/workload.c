/* workload.c (accepted-pin): a process named "vault" calls vault_check_pin() twice: with a
 * wrong PIN (rejected, returns 0), then with the secret (accepted, returns 1).
 * vault_check_pin() is a real function of the agent binary, which the workload runs: the
 * learner's uprobe finds it by name in /proc/self/exe (the loader's own binary, the agent). */
#include <string.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(accepted_pin);

int vault_check_pin(const char *pin, const char *expected);

/* not static, not inlined: the uprobe's target must be a real function with a symbol */
__attribute__((noinline)) int vault_check_pin(const char *pin, const char *expected)
{
	__asm__ volatile("" : : "r"(pin), "r"(expected) : "memory");
	return strcmp(pin, expected) == 0;
}

int exercise_accepted_pin_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

static int try_pins(const struct workload_ctx *ctx, void *arg)
{
	const struct answer *a = arg;
	char wrong[8];

	(void)ctx;
	memcpy(wrong, a->str, 7);
	wrong[5] = wrong[5] == '9' ? '0' : (char)(wrong[5] + 1);   /* one digit off */
	if (vault_check_pin(wrong, a->str) != 0)
		return -1;
	return vault_check_pin(a->str, a->str) == 1 ? 0 : -1;
}

int exercise_accepted_pin_run(const struct workload_ctx *ctx)
{
	struct answer a;

	exercise_accepted_pin.answer(ctx->key, &a);
	return workload_fork(ctx, "vault", try_pins, &a);
}
