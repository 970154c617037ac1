/* workload.c (call-tables): "mixer" reads one byte from /dev/zero some times (drawn from the
 * key) and writes one byte to /dev/null the secret number of times more, the two interleaved;
 * "noisy" reads and writes too. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(call_tables);

struct mix {
	unsigned reads, writes;
};

static int mix_calls(const struct workload_ctx *ctx, void *arg)
{
	const struct mix *m = arg;
	int in = open("/dev/zero", O_RDONLY | O_CLOEXEC), out = open("/dev/null", O_WRONLY | O_CLOEXEC);
	unsigned r = 0, w = 0;
	char c = 0;

	(void)ctx;
	if (in < 0 || out < 0)
		return -ENOENT;
	while (r < m->reads || w < m->writes) {
		/* a read for every few writes, until both are done */
		if (r < m->reads && (w >= m->writes || (uint64_t)r * m->writes <= (uint64_t)w * m->reads)) {
			if (read(in, &c, 1) != 1)
				return -EIO;
			r++;
		} else {
			if (write(out, &c, 1) != 1)
				return -EIO;
			w++;
		}
	}
	close(in);
	close(out);
	return 0;
}

int exercise_call_tables_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

int exercise_call_tables_run(const struct workload_ctx *ctx)
{
	struct answer a;
	struct mix m, noise;
	int ret;

	exercise_call_tables.answer(ctx->key, &a);
	m.reads = 30 + (unsigned)(exercise_mix(ctx->key, 0x7265616473) % 100);
	m.writes = m.reads + (unsigned)a.num;
	noise = (struct mix){ .reads = 5 + m.reads % 13, .writes = 3 + m.writes % 7 };
	if ((ret = workload_fork(ctx, "noisy", mix_calls, &noise)))
		return ret;
	return workload_fork(ctx, "mixer", mix_calls, &m);
}
