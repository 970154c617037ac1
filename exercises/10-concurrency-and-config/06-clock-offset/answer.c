/* answer.c (clock-offset): the monotonic clock offset, in seconds (100000..999999), of the time
 * namespace the process named "traveler" runs in, derived from the key.  workload.c makes that
 * namespace; its boottime offset (exercise_clock_offset_boottime()) is a different number, for
 * the program that reads the wrong clock. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(clock_offset);

#define SALT 0x74696d656e73ull

static void answer(uint64_t key, struct answer *out)
{
	out->kind = ANSWER_NUM;
	out->num = 100000 + exercise_mix(key, SALT) % 900000;
	out->str[0] = '\0';
}

/* never the monotonic offset: 1 to 1000 seconds more */
uint64_t exercise_clock_offset_boottime(uint64_t key)
{
	struct answer a;

	answer(key, &a);
	return a.num + 1 + exercise_mix(key, SALT + 1) % 1000;
}

const struct exercise exercise_clock_offset = {
	.id = "clock-offset",
	.title = "Types some kernels lack: bpf_core_type_exists",
	.expects = "the monotonic clock offset of traveler's time namespace (a number of seconds, 100000 to 999999)",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(clock_offset),
};
