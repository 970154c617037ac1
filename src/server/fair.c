/* fair.c: fairness between clients: a token bucket per client address (refilled at
 * rate_per_min, holding at most burst tokens) and at most one run in flight per client.
 *
 * Clients live in an open-addressed table of DOJO_SERVER_MAX_CLIENTS slots.  A client whose
 * bucket is full again and who has no run in flight carries no state, so a sweep drops such
 * entries when the table fills; if every entry still matters, a newcomer is refused rather
 * than let a flood of addresses reset everyone's bucket. */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define CAP DOJO_SERVER_MAX_CLIENTS
#define MILLI 1000ull

struct client {
	char addr[64];             /* "" when free */
	unsigned long long tokens; /* milli-tokens */
	unsigned last_ms;
	int in_flight;
};

struct fair {
	pthread_mutex_t lock;
	struct client *tab;
	unsigned used;
	unsigned long long per_min, burst;
};

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (uint8_t)*s++) * 16777619u;
	return h;
}

struct fair *fair_new(unsigned per_min, unsigned burst)
{
	struct fair *f = calloc(1, sizeof(*f));

	if (!f || !(f->tab = calloc(CAP, sizeof(*f->tab)))) {
		free(f);
		return NULL;
	}
	pthread_mutex_init(&f->lock, NULL);
	f->per_min = per_min;
	f->burst = burst;
	return f;
}

void fair_free(struct fair *f)
{
	if (!f)
		return;
	pthread_mutex_destroy(&f->lock);
	free(f->tab);
	free(f);
}

static void refill(struct fair *f, struct client *c, unsigned now)
{
	unsigned long long add = (unsigned long long)(now - c->last_ms) * f->per_min * MILLI / 60000;

	if (!add)
		return;   /* keep last_ms so slow refills still accumulate */
	c->tokens += add;
	if (c->tokens > f->burst * MILLI)
		c->tokens = f->burst * MILLI;
	c->last_ms = now;
}

static struct client *probe(struct fair *f, const char *addr)
{
	uint32_t i = hash(addr) % CAP;

	for (unsigned n = 0; n < CAP; n++, i = (i + 1) % CAP)
		if (!f->tab[i].addr[0] || !strcmp(f->tab[i].addr, addr))
			return &f->tab[i];
	return NULL;
}

/* Drop the entries that carry no state; rebuild the table so probing stays correct. */
static void sweep(struct fair *f, unsigned now)
{
	struct client *old = f->tab, *nt = calloc(CAP, sizeof(*nt));

	if (!nt)
		return;
	f->tab = nt;
	f->used = 0;
	for (unsigned i = 0; i < CAP; i++) {
		struct client *c = &old[i], *slot;

		if (!c->addr[0])
			continue;
		refill(f, c, now);
		if (!c->in_flight && c->tokens >= f->burst * MILLI)
			continue;
		slot = probe(f, c->addr);
		*slot = *c;
		f->used++;
	}
	free(old);
}

static struct client *lookup(struct fair *f, const char *addr, unsigned now)
{
	struct client *c = probe(f, addr);

	if (c && c->addr[0])
		return c;
	if (f->used >= CAP * 3 / 4) {
		sweep(f, now);
		if (f->used >= CAP * 3 / 4)
			return NULL;
		c = probe(f, addr);
	}
	if (!c)
		return NULL;
	snprintf(c->addr, sizeof(c->addr), "%s", addr);
	c->tokens = f->burst * MILLI;
	c->last_ms = now;
	c->in_flight = 0;
	f->used++;
	return c;
}

int fair_take(struct fair *f, const char *client, unsigned *retry_s)
{
	unsigned now = srv_now_ms();
	struct client *c;
	int rc = 0;

	pthread_mutex_lock(&f->lock);
	c = lookup(f, client, now);
	if (c)
		refill(f, c, now);
	if (c && c->tokens >= MILLI) {
		c->tokens -= MILLI;
	} else {
		unsigned long long missing = c ? MILLI - c->tokens : MILLI;

		*retry_s = (unsigned)(missing * 60000 / (f->per_min * MILLI) / 1000 + 1);
		rc = -EAGAIN;
	}
	pthread_mutex_unlock(&f->lock);
	return rc;
}

int fair_run_begin(struct fair *f, const char *client)
{
	struct client *c;
	int rc = 0;

	pthread_mutex_lock(&f->lock);
	c = lookup(f, client, srv_now_ms());
	if (!c || c->in_flight)
		rc = -EBUSY;
	else
		c->in_flight = 1;
	pthread_mutex_unlock(&f->lock);
	return rc;
}

void fair_run_end(struct fair *f, const char *client)
{
	struct client *c;

	pthread_mutex_lock(&f->lock);
	c = probe(f, client);
	if (c && c->addr[0])
		c->in_flight = 0;
	pthread_mutex_unlock(&f->lock);
}
