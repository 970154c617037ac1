/* answer.c (fault-address): the address "toucher" first touches in its fresh mapping, which
 * takes a page fault there, derived from the key: 0x200000000000 + a page + an offset;
 * workload.c maps that page and touches that byte. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(fault_address);

static void answer(uint64_t key, struct answer *out)
{
	uint64_t v = exercise_mix(key, 0x6661756c74616472ull);
	uint64_t addr = 0x200000000000ull + (v % (1u << 20)) * 4096u + (v >> 32) % 4096u;

	out->kind = ANSWER_NUM;
	out->num = addr;
	out->str[0] = '\0';
}

const struct exercise exercise_fault_address = {
	.id = "fault-address",
	.title = "Sample page faults with a perf_event program",
	.expects = "the address toucher's page fault was at, from 0x200000000000 to 0x200100000000",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(fault_address),
};
