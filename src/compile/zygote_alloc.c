/* zygote_alloc.c: part of the resident compiler's clang shim (zygote.c): a compile's own malloc.
 * A compile is a fork of the zygote, whose heap (~150 MB of parsed headers) it shares
 * copy-on-write.  With glibc's malloc, each allocation or free() in the child walks and writes
 * the free lists and chunk headers spread over that heap, and each page written is copied by
 * the kernel: most of a compile's page faults.  So once a child becomes a compile
 * (zygote_alloc_start()), malloc() and friends take fresh memory of their own (chunks mapped
 * for it, bump allocation, per-size free lists), and free() of a block the zygote allocated does
 * nothing (the child exits soon; its memory goes at once).  Before that, every call goes to
 * glibc's own functions.  Only where memory comes from changes, never what is in it.  A compile
 * past its memory limit (RLIMIT_AS) is killed (SIGKILL) at the allocation that fails, as the
 * kernel's OOM killer would: clang's own handling of a failed allocation needs memory too, and
 * ends in one of several different errors. */
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "zygote.h"

void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);
void *__libc_memalign(size_t align, size_t n);
void __libc_free(void *p);
void *reallocarray(void *p, size_t n, size_t size);
size_t malloc_usable_size(void *p);

#define CHUNK        (2ul << 20)          /* mapped at a time, CHUNK-aligned (a huge page) */
#define SLOTS        4096                 /* CHUNK-aligned slots we own, hashed: 8 GiB */
#define ALIGN        16
#define SMALL_MAX    1024                 /* classes of 16 bytes up to this, then powers of 2 */
#define NCLASSES     (SMALL_MAX / ALIGN + 32)
#define LARGE        (CHUNK / 4)          /* larger blocks get their own mapping */

struct hdr {            /* right before each block we hand out */
	uint32_t cls;       /* size class, or NCLASSES for a block with its own mapping */
	uint32_t off;       /* from the start of the raw block to this header */
	uint64_t size;      /* usable bytes */
};

static int on;                                 /* 1 in a compile, after zygote_alloc_start() */
static atomic_flag lock = ATOMIC_FLAG_INIT;
static uintptr_t slots[SLOTS];                 /* CHUNK-aligned bases we own, 0: empty */
static char *bump, *bump_end;
static void *free_list[NCLASSES];

static size_t (*real_usable)(void *p);   /* glibc's malloc_usable_size() */

__attribute__((constructor)) static void find_usable(void)
{
	real_usable = (size_t (*)(void *))dlsym(RTLD_NEXT, "malloc_usable_size");
}

static size_t slot_hash(uintptr_t base)
{
	return (size_t)((base / CHUNK) * 0x9e3779b97f4a7c15ull >> 52) % SLOTS;
}

static void slot_add(uintptr_t base)
{
	for (size_t i = slot_hash(base);; i = (i + 1) % SLOTS)
		if (!slots[i]) {
			slots[i] = base;
			return;
		}
}

/* A slot given back: a tombstone (1, never a CHUNK-aligned base) keeps later entries reachable. */
static void slot_del(uintptr_t base)
{
	for (size_t i = slot_hash(base); slots[i]; i = (i + 1) % SLOTS)
		if (slots[i] == base) {
			slots[i] = 1;
			return;
		}
}

static int ours(const void *p)
{
	uintptr_t base = (uintptr_t)p & ~(CHUNK - 1);

	for (size_t i = slot_hash(base); slots[i]; i = (i + 1) % SLOTS)
		if (slots[i] == base)
			return 1;
	return 0;
}

/* @n bytes (a multiple of CHUNK) mapped at a CHUNK boundary, its slots recorded; NULL if none. */
static char *map_chunks(size_t n)
{
	static size_t owned;
	char *m, *a;

	if ((owned + n) / CHUNK > SLOTS / 2)
		return NULL;
	m = mmap(NULL, n + CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	a = (char *)(((uintptr_t)m + CHUNK - 1) & ~(CHUNK - 1));
	if (a > m)
		munmap(m, (size_t)(a - m));
	munmap(a + n, (size_t)(m + CHUNK - a));
	madvise(a, n, MADV_HUGEPAGE);
	owned += n;
	for (size_t o = 0; o < n; o += CHUNK)
		slot_add((uintptr_t)a + o);
	return a;
}

static uint32_t size_class(size_t n, size_t *rounded)
{
	uint32_t c;

	if (n <= SMALL_MAX) {
		*rounded = n ? (n + ALIGN - 1) & ~(size_t)(ALIGN - 1) : ALIGN;
		return (uint32_t)(*rounded / ALIGN - 1);
	}
	*rounded = SMALL_MAX * 2;
	for (c = SMALL_MAX / ALIGN; *rounded < n; c++)
		*rounded *= 2;
	return c;
}

/* A raw block of @n bytes + header, 16-aligned after the header. */
static struct hdr *raw_alloc(size_t n, size_t extra)
{
	size_t need, rounded;
	uint32_t c;
	struct hdr *h;

	if (n > SIZE_MAX / 2 - extra - CHUNK)
		return NULL;
	need = n + extra;
	if (need + sizeof(struct hdr) > LARGE) {
		size_t len = (need + sizeof(struct hdr) + CHUNK - 1) & ~(CHUNK - 1);
		char *m = map_chunks(len);

		if (!m)
			return NULL;
		h = (struct hdr *)m;
		*h = (struct hdr){ NCLASSES, 0, len - sizeof(struct hdr) };
		return h;
	}
	c = size_class(need, &rounded);
	if (free_list[c]) {
		h = (struct hdr *)free_list[c] - 1;
		free_list[c] = *(void **)free_list[c];
		h->off = 0;
		return h;
	}
	if ((size_t)(bump_end - bump) < rounded + sizeof(struct hdr)) {
		char *m = map_chunks(CHUNK);

		if (!m)
			return NULL;
		bump = m;
		bump_end = m + CHUNK;
	}
	h = (struct hdr *)bump;
	bump += rounded + sizeof(struct hdr);
	*h = (struct hdr){ c, 0, rounded };
	return h;
}

static void *ours_alloc(size_t n, size_t align)
{
	struct hdr *h, *a;
	uintptr_t p;

	while (atomic_flag_test_and_set_explicit(&lock, memory_order_acquire))
		;
	h = raw_alloc(n, align > ALIGN ? align : 0);
	atomic_flag_clear_explicit(&lock, memory_order_release);
	if (!h)
		raise(SIGKILL);   /* out of memory (RLIMIT_AS): the compile is over, reported as such */
	if (align <= ALIGN)
		return h + 1;
	p = ((uintptr_t)(h + 1) + align - 1) & ~(uintptr_t)(align - 1);
	a = (struct hdr *)p - 1;
	if (a != h) {
		uint32_t off = (uint32_t)((char *)a - (char *)h);

		*a = (struct hdr){ h->cls, off, h->size - off };
	}
	return (void *)p;
}

static void ours_free(void *p)
{
	struct hdr *h = (struct hdr *)p - 1;

	h = (struct hdr *)((char *)h - h->off);
	while (atomic_flag_test_and_set_explicit(&lock, memory_order_acquire))
		;
	if (h->cls == NCLASSES) {   /* its own mapping */
		size_t len = h->size + sizeof(struct hdr);

		for (size_t o = 0; o < len; o += CHUNK)
			slot_del((uintptr_t)h + o);
		munmap(h, len);
	} else {
		*(void **)(h + 1) = free_list[h->cls];
		free_list[h->cls] = h + 1;
	}
	atomic_flag_clear_explicit(&lock, memory_order_release);
}

static size_t ours_size(const void *p)
{
	return ((const struct hdr *)p - 1)->size;
}

void zygote_alloc_start(void)
{
	on = 1;
}

void *malloc(size_t n)
{
	return on ? ours_alloc(n, ALIGN) : __libc_malloc(n);
}

void free(void *p)
{
	if (!on)
		__libc_free(p);
	else if (p && ours(p))
		ours_free(p);
	/* else the zygote's block, shared copy-on-write: left alone */
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (!on)
		return __libc_calloc(n, size);
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = ours_alloc(n * size, ALIGN);
	if (p)
		memset(p, 0, n * size);   /* a reused block is not zero */
	return p;
}

void *realloc(void *p, size_t n)
{
	size_t old;
	void *q;

	if (!on)
		return __libc_realloc(p, n);
	if (!p)
		return ours_alloc(n, ALIGN);
	old = ours(p) ? ours_size(p) : real_usable(p);
	if (ours(p) && n <= old)
		return p;
	q = ours_alloc(n, ALIGN);
	if (!q)
		return NULL;
	memcpy(q, p, old < n ? old : n);
	free(p);
	return q;
}

void *reallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(p, n * size);
}

size_t malloc_usable_size(void *p)
{
	if (!p)
		return 0;
	return on && ours(p) ? ours_size(p) : real_usable(p);
}

void *memalign(size_t align, size_t n)
{
	if (!on)
		return __libc_memalign(align, n);
	if (!align || (align & (align - 1))) {
		errno = EINVAL;
		return NULL;
	}
	return ours_alloc(n, align);
}

void *aligned_alloc(size_t align, size_t n)
{
	return memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
	void *p;

	if (!align || (align & (align - 1)) || align % sizeof(void *))
		return EINVAL;
	p = memalign(align, n);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

void *valloc(size_t n)
{
	return memalign((size_t)sysconf(_SC_PAGESIZE), n);
}

void *pvalloc(size_t n)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);

	return memalign(pg, (n + pg - 1) & ~(pg - 1));
}
