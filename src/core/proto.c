/* proto.c: encoders and decoders of the agent protocol's messages; see proto.h. */
#include <errno.h>
#include <string.h>
#include "proto.h"
#include "wire.h"

/* Each message is listed once as a field walk, used for both directions: PUT_* append, GET_*
 * read.  The macros keep encoder and decoder from drifting apart. */
#define FIELDS_BEGIN(name, type)						\
	int proto_put_##name(struct buf *b, const struct type *m)		\
	{									\
		int err = 0;							\
		size_t old = b->len;						\
		FIELDS_##name(PUT)						\
		if (err)							\
			b->len = old;						\
		return err;							\
	}									\
	int proto_get_##name(const uint8_t *p, size_t len, struct type *m)	\
	{									\
		struct wire_reader r;						\
		memset(m, 0, sizeof(*m));					\
		wire_reader_init(&r, p, len);					\
		FIELDS_##name(GET)						\
		return wire_reader_done(&r);					\
	}

#define PUT_U8(f)   if (!err) err = wire_put_u8(b, m->f);
#define PUT_U32(f)  if (!err) err = wire_put_u32(b, (uint32_t)m->f);
#define PUT_U64(f)  if (!err) err = wire_put_u64(b, m->f);
#define PUT_STR(f)  if (!err) err = wire_put_str(b, m->f);
#define PUT_RAW(f)  if (!err) err = wire_put_bytes(b, m->f, sizeof(m->f));
#define PUT_BYTES(f, n) if (!err) err = wire_put_bytes(b, m->f, m->n);
#define GET_U8(f)   m->f = wire_get_u8(&r);
#define GET_U32(f)  m->f = (__typeof__(m->f))wire_get_u32(&r);
#define GET_U64(f)  m->f = wire_get_u64(&r);
#define GET_STR(f)  wire_get_str(&r, m->f, sizeof(m->f));
#define GET_RAW(f)  do {							\
		size_t n_;							\
		const uint8_t *q_ = wire_get_bytes(&r, &n_);			\
		if (q_ && n_ == sizeof(m->f))					\
			memcpy(m->f, q_, n_);					\
		else								\
			r.err = -EPROTO;					\
	} while (0);
#define GET_BYTES(f, n) m->f = wire_get_bytes(&r, &m->n);

#define FIELDS_job(X) X##_U64(key) X##_RAW(entropy) X##_U64(realtime_ns) X##_U32(flags)	\
	X##_U32(timeout_ms) X##_U32(max_records) X##_STR(exercise) X##_BYTES(obj, obj_len)
#define FIELDS_play(X) X##_U64(job.key) X##_RAW(job.entropy) X##_U64(job.realtime_ns)	\
	X##_U32(job.flags) X##_U32(job.timeout_ms) X##_U32(job.max_records) X##_STR(job.exercise)	\
	X##_BYTES(job.obj, job.obj_len) X##_STR(cmd) X##_U32(workload_ms)
#define FIELDS_play_output(X) X##_U8(stream) X##_BYTES(data, len)
#define FIELDS_play_record(X) X##_STR(map) X##_BYTES(data, len)
#define FIELDS_play_map(X) X##_STR(map) X##_U32(type) X##_U32(key_size) X##_U32(value_size)	\
	X##_U32(cpus) X##_U32(entries) X##_U32(shown)
#define FIELDS_play_entry(X) X##_STR(map) X##_BYTES(key, key_len) X##_BYTES(value, value_len)
#define FIELDS_play_stats(X) X##_STR(prog) X##_U64(run_cnt) X##_U64(run_time_ns)
#define FIELDS_play_dropped(X) X##_U8(stream) X##_U32(count) X##_U64(bytes)
#define FIELDS_play_ring(X) X##_STR(map) X##_U32(type) X##_U64(size) X##_U32(records)	\
	X##_U32(dropped) X##_U64(lost) X##_U8(has_pos) X##_U64(pending) X##_U64(consumer_pos)	\
	X##_U64(producer_pos)
#define FIELDS_xlated(X) X##_STR(prog) X##_BYTES(insns, insns_len) X##_BYTES(lines, lines_len)	\
	X##_BYTES(jited, jited_len) X##_BYTES(jit_offs, jit_offs_len) X##_BYTES(names, names_len)
#define FIELDS_ready(X) X##_STR(version)
#define FIELDS_log(X) X##_U8(level) X##_STR(text)
#define FIELDS_loaded(X) X##_U32(programs) X##_U32(maps) X##_U32(load_us)
#define FIELDS_attached(X) X##_STR(prog) X##_STR(section)
#define FIELDS_attach_failed(X) X##_STR(prog) X##_STR(section) X##_U32(err) X##_STR(msg)
#define FIELDS_load_failed(X) X##_U32(err) X##_STR(prog) X##_STR(msg) X##_BYTES(log, log_len)
#define FIELDS_workload_done(X) X##_U32(duration_ms) X##_U32(status)
#define FIELDS_done(X) X##_U32(records) X##_U32(dropped) X##_U32(lost_in_kernel)
#define FIELDS_error(X) X##_U32(err) X##_STR(msg)

FIELDS_BEGIN(job, proto_job)
FIELDS_BEGIN(play, proto_play)
FIELDS_BEGIN(play_output, proto_play_output)
FIELDS_BEGIN(play_record, proto_play_record)
FIELDS_BEGIN(play_map, proto_play_map)
FIELDS_BEGIN(play_entry, proto_play_entry)
FIELDS_BEGIN(play_stats, proto_play_stats)
FIELDS_BEGIN(play_dropped, proto_play_dropped)
FIELDS_BEGIN(play_ring, proto_play_ring)
FIELDS_BEGIN(xlated, proto_xlated)
FIELDS_BEGIN(ready, proto_ready)
FIELDS_BEGIN(log, proto_log)
FIELDS_BEGIN(loaded, proto_loaded)
FIELDS_BEGIN(attached, proto_attached)
FIELDS_BEGIN(attach_failed, proto_attach_failed)
FIELDS_BEGIN(load_failed, proto_load_failed)
FIELDS_BEGIN(workload_done, proto_workload_done)
FIELDS_BEGIN(done, proto_done)
FIELDS_BEGIN(error, proto_error)
