/* proto.h: the messages carried in frames between host and guest agent (see frame.h).
 *
 * One struct per frame type, with an encoder (used by the side that sends it) and a decoder
 * (used by the side that receives it).  Decoders validate every field; strings are copied into
 * fixed arrays, byte strings (the object, the verifier log) point into the frame's payload and
 * live as long as the frame does.
 *
 * A run, from the host's side:  (connect) <- READY, -> JOB, <- LOG*, <- LOADED | LOAD_FAILED,
 * <- ATTACHED* ATTACH_FAILED*, <- RECORD*, <- WORKLOAD_DONE, <- DONE | ERROR, then the agent
 * exits.  The host never trusts what it reads: caps on frames, bytes and records apply. */
#ifndef DOJO_PROTO_H
#define DOJO_PROTO_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"

#define PROTO_VERSION     "bpfdojo-agent/1"
#define PROTO_NAME_MAX    64     /* program, section, exercise names */
#define PROTO_TEXT_MAX    1024   /* messages */

enum job_flags {
	JOB_SEED_RNG  = 1u << 0,  /* mix entropy into the kernel RNG (vm: every restore is alike) */
	JOB_SET_CLOCK = 1u << 1,  /* set CLOCK_REALTIME to realtime_ns (vm only) */
	JOB_LOG_LEVEL2 = 1u << 2, /* ask the verifier for register state on failure */
	JOB_XLATED    = 1u << 3,  /* after loading, send each program's XLATED frame */
};

struct proto_job {
	uint64_t key;                 /* the run's secret key: the workload derives the answer */
	uint8_t entropy[32];
	uint64_t realtime_ns;
	uint32_t flags;               /* enum job_flags */
	uint32_t timeout_ms;          /* the agent's own deadline for load+attach+workload+drain */
	uint32_t max_records;         /* records forwarded at most */
	char exercise[PROTO_NAME_MAX];
	const uint8_t *obj;           /* the BPF object (not owned) */
	size_t obj_len;
};

/* A playground job (FRAME_PLAY): any object, every program attached, @cmd run by the guest's
 * shell for at most job.timeout_ms; the agent answers with PLAY_* frames besides the usual. */
#define PROTO_CMD_MAX 4096
struct proto_play {
	struct proto_job job;         /* exercise is "" */
	char cmd[PROTO_CMD_MAX];      /* the workload: `sh -c CMD` */
	uint32_t workload_ms;         /* the workload's own wall-clock limit */
};

enum proto_play_stream {
	PLAY_STDOUT = 1, PLAY_STDERR, PLAY_PRINTK, PLAY_RECORDS, PLAY_ENTRIES,
	PLAY_LOST,    /* perf event arrays: samples the kernel could not write (PLAY_DROPPED only) */
};

struct proto_play_output { uint8_t stream; const uint8_t *data; size_t len; };
struct proto_play_record { char map[PROTO_NAME_MAX]; const uint8_t *data; size_t len; };
struct proto_play_map {
	char map[PROTO_NAME_MAX];
	uint32_t type, key_size, value_size, cpus, entries, shown;
};
struct proto_play_entry {
	char map[PROTO_NAME_MAX];
	const uint8_t *key; size_t key_len;
	const uint8_t *value; size_t value_len;
};
struct proto_play_stats { char prog[PROTO_NAME_MAX]; uint64_t run_cnt, run_time_ns; };
struct proto_play_dropped { uint8_t stream; uint32_t count; uint64_t bytes; };
/* After the workload, one per ring buffer or perf event array. */
struct proto_play_ring {
	char map[PROTO_NAME_MAX];
	uint32_t type;                /* BPF_MAP_TYPE_RINGBUF or BPF_MAP_TYPE_PERF_EVENT_ARRAY */
	uint64_t size;                /* data bytes (perf: all CPUs' buffers) */
	uint32_t records, dropped;    /* sent; left out by the run's caps */
	uint64_t lost;                /* perf: samples the kernel lost (buffer full) */
	uint8_t has_pos;              /* ring buffers: the next three are known */
	uint64_t pending, consumer_pos, producer_pos;
};

/* One loaded program as the kernel holds it (JOB_XLATED): raw struct bpf_insn[], struct
 * bpf_line_info[] (xlated offsets), the JITed image, one u32 per line info (its JITed code's
 * offset in the image, UINT32_MAX unknown; empty without JIT line info), and the names the
 * instructions refer to as text lines "h <call imm> <helper>" and "m <map id> <map>". */
struct proto_xlated {
	char prog[PROTO_NAME_MAX];
	const uint8_t *insns; size_t insns_len;
	const uint8_t *lines; size_t lines_len;
	const uint8_t *jited; size_t jited_len;
	const uint8_t *jit_offs; size_t jit_offs_len;
	const uint8_t *names; size_t names_len;
};
struct proto_ready { char version[PROTO_NAME_MAX]; };
struct proto_log { uint8_t level; char text[PROTO_TEXT_MAX]; };
struct proto_loaded { uint32_t programs, maps, load_us; };
struct proto_attached { char prog[PROTO_NAME_MAX]; char section[PROTO_NAME_MAX]; };
struct proto_attach_failed {
	char prog[PROTO_NAME_MAX];
	char section[PROTO_NAME_MAX];
	int32_t err;                  /* negative errno */
	char msg[PROTO_TEXT_MAX];
};
struct proto_load_failed {
	int32_t err;                  /* negative errno */
	char prog[PROTO_NAME_MAX];    /* the program the verifier rejected, "" if none */
	char msg[PROTO_TEXT_MAX];     /* what libbpf said (last lines) */
	const uint8_t *log;           /* the verifier log (not owned; may be empty) */
	size_t log_len;
};
struct proto_workload_done { uint32_t duration_ms; int32_t status; };
struct proto_done { uint32_t records, dropped, lost_in_kernel; };
struct proto_error { int32_t err; char msg[PROTO_TEXT_MAX]; };

/* Encoders append a payload (not a frame) to @b: 0 or -E2BIG/-ENOMEM. */
int proto_put_job(struct buf *b, const struct proto_job *m) DOJO_WARN_UNUSED;
int proto_put_play(struct buf *b, const struct proto_play *m) DOJO_WARN_UNUSED;
int proto_put_play_output(struct buf *b, const struct proto_play_output *m) DOJO_WARN_UNUSED;
int proto_put_play_record(struct buf *b, const struct proto_play_record *m) DOJO_WARN_UNUSED;
int proto_put_play_map(struct buf *b, const struct proto_play_map *m) DOJO_WARN_UNUSED;
int proto_put_play_entry(struct buf *b, const struct proto_play_entry *m) DOJO_WARN_UNUSED;
int proto_put_play_stats(struct buf *b, const struct proto_play_stats *m) DOJO_WARN_UNUSED;
int proto_put_play_dropped(struct buf *b, const struct proto_play_dropped *m) DOJO_WARN_UNUSED;
int proto_put_xlated(struct buf *b, const struct proto_xlated *m) DOJO_WARN_UNUSED;
int proto_get_xlated(const uint8_t *p, size_t len, struct proto_xlated *m) DOJO_WARN_UNUSED;
int proto_put_play_ring(struct buf *b, const struct proto_play_ring *m) DOJO_WARN_UNUSED;
int proto_get_play_ring(const uint8_t *p, size_t len, struct proto_play_ring *m) DOJO_WARN_UNUSED;
int proto_get_play(const uint8_t *p, size_t len, struct proto_play *m) DOJO_WARN_UNUSED;
int proto_get_play_output(const uint8_t *p, size_t len, struct proto_play_output *m) DOJO_WARN_UNUSED;
int proto_get_play_record(const uint8_t *p, size_t len, struct proto_play_record *m) DOJO_WARN_UNUSED;
int proto_get_play_map(const uint8_t *p, size_t len, struct proto_play_map *m) DOJO_WARN_UNUSED;
int proto_get_play_entry(const uint8_t *p, size_t len, struct proto_play_entry *m) DOJO_WARN_UNUSED;
int proto_get_play_stats(const uint8_t *p, size_t len, struct proto_play_stats *m) DOJO_WARN_UNUSED;
int proto_get_play_dropped(const uint8_t *p, size_t len, struct proto_play_dropped *m) DOJO_WARN_UNUSED;
int proto_put_ready(struct buf *b, const struct proto_ready *m) DOJO_WARN_UNUSED;
int proto_put_log(struct buf *b, const struct proto_log *m) DOJO_WARN_UNUSED;
int proto_put_loaded(struct buf *b, const struct proto_loaded *m) DOJO_WARN_UNUSED;
int proto_put_attached(struct buf *b, const struct proto_attached *m) DOJO_WARN_UNUSED;
int proto_put_attach_failed(struct buf *b, const struct proto_attach_failed *m) DOJO_WARN_UNUSED;
int proto_put_load_failed(struct buf *b, const struct proto_load_failed *m) DOJO_WARN_UNUSED;
int proto_put_workload_done(struct buf *b, const struct proto_workload_done *m) DOJO_WARN_UNUSED;
int proto_put_done(struct buf *b, const struct proto_done *m) DOJO_WARN_UNUSED;
int proto_put_error(struct buf *b, const struct proto_error *m) DOJO_WARN_UNUSED;

/* Decoders: 0, or -EPROTO when the payload is short, long or malformed. */
int proto_get_job(const uint8_t *p, size_t len, struct proto_job *m) DOJO_WARN_UNUSED;
int proto_get_ready(const uint8_t *p, size_t len, struct proto_ready *m) DOJO_WARN_UNUSED;
int proto_get_log(const uint8_t *p, size_t len, struct proto_log *m) DOJO_WARN_UNUSED;
int proto_get_loaded(const uint8_t *p, size_t len, struct proto_loaded *m) DOJO_WARN_UNUSED;
int proto_get_attached(const uint8_t *p, size_t len, struct proto_attached *m) DOJO_WARN_UNUSED;
int proto_get_attach_failed(const uint8_t *p, size_t len, struct proto_attach_failed *m) DOJO_WARN_UNUSED;
int proto_get_load_failed(const uint8_t *p, size_t len, struct proto_load_failed *m) DOJO_WARN_UNUSED;
int proto_get_workload_done(const uint8_t *p, size_t len, struct proto_workload_done *m) DOJO_WARN_UNUSED;
int proto_get_done(const uint8_t *p, size_t len, struct proto_done *m) DOJO_WARN_UNUSED;
int proto_get_error(const uint8_t *p, size_t len, struct proto_error *m) DOJO_WARN_UNUSED;

#endif
