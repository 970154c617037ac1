/* workload.c (tail-reads): "syscaller" reads one byte from /dev/zero the secret number of
 * times and writes one byte to /dev/null another number of times, interleaved. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(tail_reads);

struct plan {
	unsigned reads, writes;
};

int exercise_tail_reads_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

static int read_write(const struct workload_ctx *ctx, void *arg)
{
	const struct plan *p = arg;
	int in = open("/dev/zero", O_RDONLY | O_CLOEXEC), out = open("/dev/null", O_WRONLY | O_CLOEXEC);
	int ret = 0;
	char c;

	(void)ctx;
	if (in < 0 || out < 0)
		ret = -errno;
	for (unsigned i = 0; !ret && (i < p->reads || i < p->writes); i++)
		if ((i < p->reads && read(in, &c, 1) != 1) || (i < p->writes && write(out, "x", 1) != 1))
			ret = -EIO;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return ret;
}

int exercise_tail_reads_run(const struct workload_ctx *ctx)
{
	struct answer a;
	struct plan p;

	exercise_tail_reads.answer(ctx->key, &a);
	p.reads = (unsigned)a.num;
	p.writes = 10 + (p.reads * 7 + 3) % 400;
	if (p.writes == p.reads)
		p.writes++;
	return workload_fork(ctx, "syscaller", read_write, &p);
}
