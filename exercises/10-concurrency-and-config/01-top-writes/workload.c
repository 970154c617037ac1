/* workload.c (top-writes): "teller" starts TELLERS threads that write to /dev/null at once,
 * each its share of the secret number of writes of the largest size, between smaller writes
 * of sizes drawn from the key; "auditor" writes larger ones still, and is no teller. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>
#include "exercises/exercise_def.h"
#include "exercises/workload.h"

EXERCISE_DECLARE(top_writes);

#define TELLERS     4
#define SMALL       150            /* smaller writes per thread */
#define MAX_SIZE    8192
#define STACK_BYTES (64u * 1024)

struct teller {
	uint64_t key;
	uint64_t id;
	unsigned top, size;   /* top writes of @size bytes, SMALL smaller ones */
	int fd, err;
};

static char zeros[MAX_SIZE + 512];

static void *teller_main(void *arg)
{
	struct teller *t = arg;
	uint64_t total = t->top + SMALL;

	for (uint64_t i = 0; i < total; i++) {
		/* exactly t->top top writes, evenly spread, so the threads' top writes interleave */
		int top = (i + 1) * t->top / total > i * t->top / total;
		size_t n = top ? t->size : 1 + (size_t)(exercise_mix(t->key, t->id << 16 | i) % (t->size - 1));

		if (write(t->fd, zeros, n) != (ssize_t)n) {
			t->err = -EIO;
			return NULL;
		}
	}
	return NULL;
}

static int teller(const struct workload_ctx *ctx, void *arg)
{
	struct teller t[TELLERS];
	pthread_t th[TELLERS];
	pthread_attr_t attr;
	unsigned top = *(const unsigned *)arg, started = 0;
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC), err = 0;

	if (fd < 0)
		return -errno;
	if (pthread_attr_init(&attr) || pthread_attr_setstacksize(&attr, STACK_BYTES))
		return -ENOMEM;
	for (unsigned i = 0; i < TELLERS; i++) {
		t[i] = (struct teller){ .key = ctx->key, .id = i, .fd = fd,
					.top = top / TELLERS + (i < top % TELLERS),
					.size = 4096 + (unsigned)(exercise_mix(ctx->key, 0x73697a65) % 4000) };
		if (pthread_create(&th[i], &attr, teller_main, &t[i])) {
			err = -EAGAIN;
			break;
		}
		started++;
	}
	for (unsigned i = 0; i < started; i++) {
		pthread_join(th[i], NULL);
		err = err ?: t[i].err;
	}
	close(fd);
	return err;
}

static int auditor(const struct workload_ctx *ctx, void *arg)
{
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);

	(void)ctx;
	(void)arg;
	if (fd < 0)
		return -errno;
	for (unsigned i = 0; i < 7; i++)
		if (write(fd, zeros, MAX_SIZE + 100 + i) != (ssize_t)(MAX_SIZE + 100 + i))
			return -EIO;
	close(fd);
	return 0;
}

int exercise_top_writes_setup(const struct workload_ctx *ctx)
{
	(void)ctx;
	return 0;
}

int exercise_top_writes_run(const struct workload_ctx *ctx)
{
	struct answer a;
	unsigned top;
	int ret;

	exercise_top_writes.answer(ctx->key, &a);
	top = (unsigned)a.num;
	if ((ret = workload_fork(ctx, "auditor", auditor, NULL)))
		return ret;
	return workload_fork(ctx, "teller", teller, &top);
}
