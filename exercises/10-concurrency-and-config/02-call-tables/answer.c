/* answer.c (call-tables): how many more times the process "mixer" calls write() than read()
 * (20..319), derived from the key.  workload.c makes mixer read some times and write that
 * many times more. */
#include "exercises/exercise_def.h"

EXERCISE_DECLARE(call_tables);

static void answer(uint64_t key, struct answer *out)
{
	out->kind = ANSWER_NUM;
	out->num = 20 + exercise_mix(key, 0x7461626c65736d6dull) % 300;
	out->str[0] = '\0';
}

const struct exercise exercise_call_tables = {
	.id = "call-tables",
	.title = "One table per system call: maps in a map",
	.expects = "how many more times mixer called write() than read() (a number from 20 to 319)",
	.kind = ANSWER_NUM,
	.answer = answer,
	EXERCISE_TEXTS(call_tables),
};
