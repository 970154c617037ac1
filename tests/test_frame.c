/* test_frame.c: the frame codec (core/frame.c), payload fields (core/wire.c) and the agent
 * protocol's messages (core/proto.c): round trips, torn and oversized frames, bad types,
 * truncated payloads, and a deterministic random fuzz of the incremental reader. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "core/clock.h"
#include "core/frame.h"
#include "core/proto.h"
#include "core/wire.h"
#include "tests/harness.h"

#define MAXP 4096u

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	/* xorshift64*: deterministic, so a failure replays */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

static void fill(uint8_t *p, size_t n, uint8_t seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(seed + i * 7);
}

/* Feed @len bytes in chunks of @step, collecting frames; returns frames seen or -err. */
static int feed_collect(struct frame_reader *r, const uint8_t *p, size_t len, size_t step,
			uint8_t *types, uint32_t *lens, int max)
{
	struct frame f;
	int n = 0, rc;

	for (size_t off = 0; off < len; off += step) {
		size_t k = len - off < step ? len - off : step;

		rc = frame_reader_feed(r, p + off, k);
		if (rc)
			return rc;
		while ((rc = frame_reader_next(r, &f)) == 1) {
			if (n < max) {
				types[n] = f.type;
				lens[n] = f.len;
				/* payload bytes are the ones sent */
				for (uint32_t i = 0; i < f.len; i++)
					if (f.payload[i] != (uint8_t)(f.type + i * 7))
						return -EBADMSG;
			}
			n++;
		}
		if (rc < 0)
			return rc;
	}
	return n;
}

static void test_roundtrip_table(void)
{
	static const struct { uint8_t type; uint32_t len; const char *why; } rows[] = {
		{ FRAME_JOB, 0, "empty payload" },
		{ FRAME_READY, 1, "one byte" },
		{ FRAME_LOG, 4, "four bytes" },
		{ FRAME_RECORD, 264, "a record" },
		{ FRAME_LOAD_FAILED, MAXP, "exactly the maximum" },
		{ FRAME_ERROR, 65536 - 5, "a chunk minus a header" },
		{ FRAME_DONE, 12, "done" },
	};
	static uint8_t payload[70000];

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		static const size_t steps[] = { 1, 2, 5, 6, 7, 64, 4096, 65536 };

		for (size_t s = 0; s < sizeof(steps) / sizeof(steps[0]); s++) {
			struct frame_reader r;
			struct buf out;
			uint8_t types[4];
			uint32_t lens[4];
			int n;

			buf_init(&out, 1 << 20);
			fill(payload, rows[i].len, rows[i].type);
			CHECK_INT(frame_encode(&out, rows[i].type, payload, rows[i].len), 0, rows[i].why);
			CHECK_INT(frame_encode(&out, FRAME_DONE, payload, 0), 0, rows[i].why);
			frame_reader_init(&r, rows[i].len > MAXP ? rows[i].len : MAXP);
			n = feed_collect(&r, out.data, out.len, steps[s], types, lens, 4);
			CHECK(n == 2, "%s, step %zu: %d frames", rows[i].why, steps[s], n);
			if (n == 2) {
				CHECK_INT(types[0], rows[i].type, rows[i].why);
				CHECK_INT(lens[0], rows[i].len, rows[i].why);
				CHECK_INT(types[1], FRAME_DONE, rows[i].why);
			}
			CHECK_INT(frame_reader_pending_bytes(&r), 0, rows[i].why);
			frame_reader_free(&r);
			buf_free(&out);
		}
	}
}

static void test_torn(void)
{
	uint8_t payload[100];
	struct frame_reader r;
	struct frame f;
	struct buf out;

	fill(payload, sizeof(payload), FRAME_LOG);
	buf_init(&out, 1024);
	CHECK_INT(frame_encode(&out, FRAME_LOG, payload, sizeof(payload)), 0, "encode");
	/* every cut point leaves a whole-frame-short reader, and the rest completes it */
	for (size_t cut = 0; cut < out.len; cut++) {
		frame_reader_init(&r, MAXP);
		CHECK_INT(frame_reader_feed(&r, out.data, cut), 0, "first part");
		CHECK_INT(frame_reader_next(&r, &f), 0, "torn frame is not a frame");
		CHECK_INT(frame_reader_pending_bytes(&r), cut, "pending bytes of a torn frame");
		CHECK_INT(frame_reader_feed(&r, out.data + cut, out.len - cut), 0, "second part");
		CHECK_INT(frame_reader_next(&r, &f), 1, "whole after the rest");
		CHECK_INT(f.len, sizeof(payload), "length");
		CHECK(f.len == sizeof(payload) && !memcmp(f.payload, payload, f.len), "payload at cut %zu", cut);
		CHECK_INT(frame_reader_next(&r, &f), 0, "nothing more");
		frame_reader_free(&r);
	}
	buf_free(&out);
}

static void test_oversized_and_bad_type(void)
{
	static const struct { uint8_t hdr[5]; int feed, next; const char *why; } rows[] = {
		{ { 0x01, 0x10, 0, 0, FRAME_LOG }, 0, 0, "max_len exactly: accepted, waits for payload" },
		{ { 0x02, 0x10, 0, 0, FRAME_LOG }, -EMSGSIZE, -EMSGSIZE, "max_len + 1" },
		{ { 0xff, 0xff, 0xff, 0xff, FRAME_LOG }, -EMSGSIZE, -EMSGSIZE, "4 GiB" },
		{ { 0, 0, 0, 0, 0 }, 0, -EPROTO, "type 0" },
		{ { 0, 0, 0, 0, FRAME_TYPE_MAX }, 0, -EPROTO, "type FRAME_TYPE_MAX" },
		{ { 0, 0, 0, 0, 255 }, 0, -EPROTO, "type 255" },
		{ { 0, 0, 0, 0, 2 }, 0, 1, "type 2 (unnamed, but in range)" },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct frame_reader r;
		struct frame f;

		frame_reader_init(&r, 0x1001);
		CHECK_INT(frame_reader_feed(&r, rows[i].hdr, 5), rows[i].feed, rows[i].why);
		CHECK_INT(frame_reader_next(&r, &f), rows[i].next, rows[i].why);
		frame_reader_free(&r);
	}
	/* an oversized header inside a chunk, after a good frame: the good one still comes out */
	{
		struct frame_reader r;
		struct frame f;
		struct buf out;
		uint8_t bad[5] = { 0xff, 0xff, 0, 0, FRAME_LOG };

		buf_init(&out, 1024);
		CHECK_INT(frame_encode(&out, FRAME_DONE, "abc", 3), 0, "encode");
		CHECK_INT(buf_add(&out, bad, 5), 0, "append");
		frame_reader_init(&r, 100);
		CHECK_INT(frame_reader_feed(&r, out.data, out.len), -EMSGSIZE, "oversized header after a good frame, in one feed");
		CHECK_INT(frame_reader_next(&r, &f), 1, "the good frame still comes out");
		CHECK_INT(frame_reader_next(&r, &f), -EMSGSIZE, "then the oversized one");
		frame_reader_free(&r);
		buf_free(&out);
	}
	CHECK_STR(frame_type_name(FRAME_RECORD), "RECORD", "name");
	CHECK_STR(frame_type_name(FRAME_SAVE), "SAVE", "name of a host frame");
	CHECK_STR(frame_type_name(0), "?", "name of 0");
	CHECK_STR(frame_type_name(200), "?", "name of 200");
}

static void test_encode_limits(void)
{
	struct buf out;

	buf_init(&out, 10);
	CHECK_INT(frame_encode(&out, FRAME_LOG, "12345", 5), 0, "fits exactly");
	CHECK_INT(frame_encode(&out, FRAME_LOG, "", 0), -E2BIG, "over the buffer's max");
	CHECK_INT(out.len, 10, "a failed encode leaves the buffer as it was");
	buf_free(&out);
}

static void test_write_fd(void)
{
	int p[2];
	uint8_t got[64];
	struct frame_reader r;
	struct frame f;
	ssize_t n;

	if (pipe(p) < 0) {
		CHECK(0, "pipe");
		return;
	}
	CHECK_INT(frame_write_fd(p[1], FRAME_ERROR, "xyz", 3), 0, "write");
	CHECK_INT(frame_write_fd(p[1], FRAME_DONE, NULL, 0), 0, "write empty");
	n = read(p[0], got, sizeof(got));
	CHECK_INT(n, 5 + 3 + 5, "bytes written");
	frame_reader_init(&r, 16);
	CHECK_INT(frame_reader_feed(&r, got, n > 0 ? (size_t)n : 0), 0, "feed");
	CHECK_INT(frame_reader_next(&r, &f), 1, "first");
	CHECK(f.type == FRAME_ERROR && f.len == 3 && !memcmp(f.payload, "xyz", 3), "first frame");
	CHECK_INT(frame_reader_next(&r, &f), 1, "second");
	CHECK(f.type == FRAME_DONE && f.len == 0, "second frame");
	frame_reader_free(&r);
	close(p[0]);
	close(p[1]);
	CHECK(frame_write_fd(p[1], FRAME_DONE, NULL, 0) < 0, "a closed fd is an error");
}

static void test_wire(void)
{
	struct wire_reader r;
	struct buf b;
	char s[4];
	size_t n;
	const uint8_t *p;

	buf_init(&b, 256);
	CHECK_INT(wire_put_u8(&b, 0xab), 0, "u8");
	CHECK_INT(wire_put_u32(&b, 0x01020304), 0, "u32");
	CHECK_INT(wire_put_u64(&b, 0x1122334455667788ull), 0, "u64");
	CHECK_INT(wire_put_str(&b, "hello"), 0, "str");
	CHECK_INT(wire_put_str(&b, NULL), 0, "NULL str");
	CHECK_INT(wire_put_bytes(&b, "a\0b", 3), 0, "bytes with a NUL");
	CHECK_INT(b.data[1], 0x04, "little-endian");
	wire_reader_init(&r, b.data, b.len);
	CHECK_INT(wire_get_u8(&r), 0xab, "u8");
	CHECK_INT(wire_get_u32(&r), 0x01020304, "u32");
	CHECK(wire_get_u64(&r) == 0x1122334455667788ull, "u64");
	wire_get_str(&r, s, sizeof(s));
	CHECK_STR(s, "hel", "a long string is truncated, not an error");
	wire_get_str(&r, s, sizeof(s));
	CHECK_STR(s, "", "NULL went as empty");
	p = wire_get_bytes(&r, &n);
	CHECK(p && n == 3 && !memcmp(p, "a\0b", 3), "bytes");
	CHECK_INT(wire_reader_done(&r), 0, "all read");
	CHECK_INT(r.err, 0, "no error");
	/* a string holding a NUL is an error */
	wire_reader_init(&r, b.data + b.len - 7, 7);
	wire_get_str(&r, s, sizeof(s));
	CHECK_INT(r.err, -EPROTO, "NUL in a string");
	/* reading past the end: error, zeros after it */
	wire_reader_init(&r, b.data, 3);
	CHECK_INT(wire_get_u32(&r), 0, "short u32 reads 0");
	CHECK_INT(r.err, -EPROTO, "short u32 is an error");
	CHECK_INT(wire_get_u8(&r), 0, "reads after an error are 0");
	CHECK_INT(wire_reader_done(&r), -EPROTO, "done reports it");
	/* a byte string whose length passes the payload */
	{
		uint8_t bad[] = { 0xff, 0xff, 0xff, 0x7f, 'x' };

		wire_reader_init(&r, bad, sizeof(bad));
		p = wire_get_bytes(&r, &n);
		CHECK(!p && n == 0 && r.err == -EPROTO, "length past the payload");
	}
	/* left-over bytes */
	wire_reader_init(&r, b.data, 2);
	(void)wire_get_u8(&r);
	CHECK_INT(wire_reader_done(&r), -EPROTO, "left-over byte");
	buf_free(&b);
	buf_init(&b, 6);
	CHECK_INT(wire_put_str(&b, "toolong"), -E2BIG, "past max");
	CHECK_INT(b.len, 0, "failed put leaves nothing");
	buf_free(&b);
}

/* Encode @m, decode it back and compare; every shorter payload and a longer one must fail. */
#define ROUNDTRIP(name, T, m, fixup) do {					\
	struct buf rb_;								\
	T got_;									\
	buf_init(&rb_, 1 << 16);							\
	CHECK_INT(proto_put_##name(&rb_, &(m)), 0, #name " encode");		\
	CHECK_INT(proto_get_##name(rb_.data, rb_.len, &got_), 0, #name " decode");\
	fixup;									\
	CHECK(!memcmp(&got_, &(m), sizeof(T)), #name " round trip");		\
	for (size_t rcut_ = 0; rcut_ < rb_.len; rcut_++)				\
		CHECK(proto_get_##name(rb_.data, rcut_, &got_) == -EPROTO,	\
		      #name " truncated to %zu of %zu bytes", rcut_, rb_.len);	\
	CHECK_INT(buf_add(&rb_, "", 1), 0, "append");				\
	CHECK_INT(proto_get_##name(rb_.data, rb_.len, &got_), -EPROTO, #name " with a trailing byte"); \
	buf_free(&rb_);								\
} while (0)

static void test_messages(void)
{
	static const uint8_t obj[] = "\x7f" "ELF fake object";
	static const uint8_t log[] = "0: (b7) r0 = 0\nR0 !read_ok\n";
	struct proto_job job;
	struct proto_ready ready;
	struct proto_log lg;
	struct proto_loaded loaded;
	struct proto_attached att;
	struct proto_attach_failed attf;
	struct proto_load_failed lf;
	struct proto_workload_done wd;
	struct proto_done done;
	struct proto_error e;

	memset(&job, 0, sizeof(job));
	job.key = 0xfeedfacecafebeefull;
	fill(job.entropy, sizeof(job.entropy), 3);
	job.realtime_ns = 1700000000123456789ull;
	job.flags = JOB_SEED_RNG | JOB_SET_CLOCK | JOB_LOG_LEVEL2;
	job.timeout_ms = 9500;
	job.max_records = 512;
	strcpy(job.exercise, "process-name");
	job.obj = obj;
	job.obj_len = sizeof(obj);
	ROUNDTRIP(job, struct proto_job, job, {
		CHECK(got_.obj_len == job.obj_len && !memcmp(got_.obj, obj, sizeof(obj)), "job object");
		got_.obj = job.obj;
	});
	memset(&ready, 0, sizeof(ready));
	strcpy(ready.version, PROTO_VERSION);
	ROUNDTRIP(ready, struct proto_ready, ready, (void)0);
	memset(&lg, 0, sizeof(lg));
	lg.level = 1;
	strcpy(lg.text, "libbpf: map 'x': unknown field");
	ROUNDTRIP(log, struct proto_log, lg, (void)0);
	memset(&loaded, 0, sizeof(loaded));
	loaded.programs = 3;
	loaded.maps = 4;
	loaded.load_us = 123456;
	ROUNDTRIP(loaded, struct proto_loaded, loaded, (void)0);
	memset(&att, 0, sizeof(att));
	strcpy(att.prog, "handle_exec");
	strcpy(att.section, "tp/sched/sched_process_exec");
	ROUNDTRIP(attached, struct proto_attached, att, (void)0);
	memset(&attf, 0, sizeof(attf));
	strcpy(attf.prog, "p");
	strcpy(attf.section, "tp/sched/sched_process_exek");
	attf.err = -ENOENT;
	strcpy(attf.msg, "no such tracepoint");
	ROUNDTRIP(attach_failed, struct proto_attach_failed, attf, (void)0);
	memset(&lf, 0, sizeof(lf));
	lf.err = -EACCES;
	strcpy(lf.prog, "bad");
	strcpy(lf.msg, "libbpf: prog 'bad': failed to load: -13");
	lf.log = log;
	lf.log_len = sizeof(log) - 1;
	ROUNDTRIP(load_failed, struct proto_load_failed, lf, {
		CHECK(got_.log_len == lf.log_len && !memcmp(got_.log, log, lf.log_len), "verifier log");
		got_.log = lf.log;
	});
	memset(&lf, 0, sizeof(lf));
	lf.err = -ENOENT;
	ROUNDTRIP(load_failed, struct proto_load_failed, lf, {
		CHECK(got_.log_len == 0, "empty log");
		got_.log = lf.log;
	});
	memset(&wd, 0, sizeof(wd));
	wd.duration_ms = 42;
	wd.status = -EIO;
	ROUNDTRIP(workload_done, struct proto_workload_done, wd, (void)0);
	memset(&done, 0, sizeof(done));
	done.records = 512;
	done.dropped = 77;
	done.lost_in_kernel = 0xffffffffu;
	ROUNDTRIP(done, struct proto_done, done, (void)0);
	memset(&e, 0, sizeof(e));
	e.err = -ETIMEDOUT;
	strcpy(e.msg, "the workload did not finish within 100 ms");
	ROUNDTRIP(error, struct proto_error, e, (void)0);
	/* a raw field of the wrong size (the entropy) is malformed */
	{
		struct buf b;
		struct proto_job j;

		buf_init(&b, 1024);
		CHECK(!wire_put_u64(&b, 1) && !wire_put_bytes(&b, "short", 5), "build");
		CHECK_INT(proto_get_job(b.data, b.len, &j), -EPROTO, "entropy of 5 bytes");
		buf_free(&b);
	}
	/* a string longer than its field is truncated, not an error */
	{
		struct buf b;
		struct proto_ready r;
		char big[200];

		memset(big, 'v', sizeof(big) - 1);
		big[sizeof(big) - 1] = 0;
		buf_init(&b, 1024);
		CHECK_INT(wire_put_str(&b, big), 0, "build");
		CHECK_INT(proto_get_ready(b.data, b.len, &r), 0, "long version");
		CHECK_INT(strlen(r.version), PROTO_NAME_MAX - 1, "truncated to the field");
		buf_free(&b);
	}
}

/* Random streams: valid frames mixed with junk, in random chunks.  Valid-only streams must
 * come out whole and in order; anything else must end in an error, never a crash (ASan). */
static void test_fuzz(void)
{
	static uint8_t payload[3000];
	unsigned clean_ok = 0, clean = 0, dirty = 0;
	clock_t t0 = clock();

	for (int iter = 0; iter < 3000; iter++) {
		struct frame_reader r;
		struct buf out;
		uint8_t types[64];
		uint32_t lens[64], want_len[64];
		uint8_t want_type[64];
		int nf = (int)(rnd() % 20), junk = (rnd() % 4) == 0, n;
		size_t step;

		buf_init(&out, 1 << 20);
		for (int i = 0; i < nf; i++) {
			want_type[i] = (uint8_t)(1 + rnd() % (FRAME_TYPE_MAX - 1));
			want_len[i] = (uint32_t)(rnd() % 8 ? rnd() % 64 : rnd() % sizeof(payload));
			fill(payload, want_len[i], want_type[i]);
			CHECK_INT(frame_encode(&out, want_type[i], payload, want_len[i]), 0, "encode");
		}
		if (junk) {
			/* overwrite random bytes: lengths, types, payload */
			for (int k = 0; k < 1 + (int)(rnd() % 4) && out.len; k++)
				out.data[rnd() % out.len] = (uint8_t)rnd();
			for (int k = 0; k < (int)(rnd() % 16); k++) {
				uint8_t x = (uint8_t)rnd();

				CHECK_INT(buf_add(&out, &x, 1), 0, "junk");
			}
		}
		step = 1 + rnd() % (rnd() % 2 ? 16 : 5000);
		frame_reader_init(&r, sizeof(payload));
		n = feed_collect(&r, out.data ? out.data : (const uint8_t *)"", out.len, step,
				 types, lens, 64);
		if (!junk) {
			int same = n == nf && frame_reader_pending_bytes(&r) == 0;

			for (int i = 0; same && i < nf; i++)
				same = types[i] == want_type[i] && lens[i] == want_len[i];
			clean++;
			clean_ok += same;
		} else {
			dirty++;
			CHECK(n >= 0 || n == -EMSGSIZE || n == -EPROTO || n == -EBADMSG, "junk ends in frames or a reader error, got %d", n);
		}
		frame_reader_free(&r);
		buf_free(&out);
	}
	CHECK_INT(clean_ok, clean, "clean streams decoded whole");
	CHECK(dirty > 0, "some streams had junk");
	CHECK((clock() - t0) / CLOCKS_PER_SEC < 20, "fuzz ran in reasonable time");
}

/* A hostile chunk of empty frames must not cost quadratic time. */
static void test_many_small_frames(void)
{
	static uint8_t chunk[FRAME_READ_CHUNK];
	struct frame_reader r;
	struct frame f;
	uint64_t t0;
	size_t n = sizeof(chunk) / FRAME_HDR_LEN, got = 0;
	double ms;

	for (size_t i = 0; i < n; i++) {
		memset(chunk + i * FRAME_HDR_LEN, 0, 4);
		chunk[i * FRAME_HDR_LEN + 4] = FRAME_LOG;
	}
	frame_reader_init(&r, (4u << 20));
	t0 = dojo_now_us();
	for (int round = 0; round < 4; round++) {
		CHECK_INT(frame_reader_feed(&r, chunk, n * FRAME_HDR_LEN), 0, "feed");
		while (frame_reader_next(&r, &f) == 1)
			got++;
	}
	ms = (double)(dojo_now_us() - t0) / 1e3;
	CHECK_INT(got, 4 * n, "every empty frame");
	CHECK(ms < 200, "4 chunks of %zu empty frames took %.1f ms", n, ms);
	frame_reader_free(&r);
}

int main(void)
{
	test_roundtrip_table();
	test_torn();
	test_oversized_and_bad_type();
	test_encode_limits();
	test_write_fd();
	test_wire();
	test_messages();
	test_fuzz();
	test_many_small_frames();
	return harness_done("test_frame");
}
