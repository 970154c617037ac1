/* frame.h: the framed protocol between the host and the guest agent.
 *
 * One byte stream (a socketpair in host mode, a virtio-serial port in the VM) carries frames:
 *
 *     +----------------------+---------+--------------------+
 *     | u32 payload length   | u8 type | payload (len bytes)|
 *     | little-endian        |         |                    |
 *     +----------------------+---------+--------------------+
 *
 * The reader is incremental (feed it whatever read() returned, take whole frames out) and
 * checks every length against a maximum before buffering anything, so a malformed or hostile
 * peer costs at most one maximum-sized frame of memory.  A frame whose type is unknown to the
 * receiver is a protocol error: the receiver hangs up.  Payloads are built and parsed with
 * wire.h. */
#ifndef DOJO_FRAME_H
#define DOJO_FRAME_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"

#define FRAME_HDR_LEN 5u
#define FRAME_READ_CHUNK 65536u   /* most bytes to feed at once */

enum frame_type {
	/* host -> agent */
	FRAME_JOB = 1,          /* struct job (see agent protocol in src/guest/protocol.h) */
	FRAME_SAVE,             /* VM: the guest is saved next; the agent answers READY (no payload) */
	FRAME_PLAY,             /* a playground job: struct proto_play (any object, a shell command) */
	/* agent -> host */
	FRAME_READY = 16,       /* agent is up and waits for a job: str version */
	FRAME_LOG,              /* libbpf or agent message worth showing: u8 level, str text */
	FRAME_LOADED,           /* object loaded: u32 programs, u32 maps, u32 load_us */
	FRAME_ATTACHED,         /* one program attached: str prog, str section */
	FRAME_ATTACH_FAILED,    /* one program failed to attach: str prog, str section, i32 err, str msg */
	FRAME_LOAD_FAILED,      /* open/load failed: i32 err, str prog, str msg, bytes verifier log */
	FRAME_RECORD,           /* one ring-buffer record, raw (struct dojo_rec) */
	FRAME_WORKLOAD_DONE,    /* u32 duration_ms, i32 status */
	FRAME_DONE,             /* run finished: u32 records, u32 dropped, u32 lost_in_kernel */
	FRAME_ERROR,            /* the agent could not do the job: i32 err, str msg */
	/* agent -> host, playground jobs only */
	FRAME_PLAY_OUTPUT,      /* u8 stream (enum proto_play_stream), bytes text */
	FRAME_PLAY_RECORD,      /* one ring-buffer record: str map, bytes data */
	FRAME_PLAY_MAP,         /* a map's dump begins: str map, u32 type, u32 key/value size, u32 cpus, u32 entries, u32 shown */
	FRAME_PLAY_ENTRY,       /* one map entry: str map, bytes key, bytes value (per CPU: cpus values) */
	FRAME_PLAY_STATS,       /* one program's bpf_stats: str prog, u64 run_cnt, u64 run_time_ns */
	FRAME_PLAY_DROPPED,     /* what a cap dropped: u8 stream, u32 count, u64 bytes */
	FRAME_XLATED,           /* a loaded program's instructions (JOB_XLATED; struct proto_xlated) */
	FRAME_PLAY_RING,        /* a ring buffer's or perf event array's statistics (struct proto_play_ring) */
	FRAME_TYPE_MAX
};

/* Name of a frame type for logs ("RECORD"), or "?" */
const char *frame_type_name(uint8_t type);

/* A decoded frame; payload points into the reader's buffer and is valid until the next
 * frame_reader_next() or frame_reader_feed() call. */
struct frame {
	uint8_t type;
	uint32_t len;
	const uint8_t *payload;
};

/* Append one frame to @out.  0, -E2BIG (payload longer than UINT32_MAX or out's max). */
int frame_encode(struct buf *out, uint8_t type, const void *payload, size_t len) DOJO_WARN_UNUSED;

struct frame_reader {
	struct buf in;        /* unconsumed bytes */
	uint32_t max_len;     /* largest payload accepted */
	size_t pending;       /* bytes of frames handed out, dropped by the next feed */
};

/* Start a reader that accepts payloads of at most @max_len bytes. */
void frame_reader_init(struct frame_reader *r, uint32_t max_len);
void frame_reader_free(struct frame_reader *r);

/* Give the reader @len (at most FRAME_READ_CHUNK) more bytes.  0, -EMSGSIZE if the bytes announce a frame over max_len
 * (checked before buffering), -ENOMEM. */
int frame_reader_feed(struct frame_reader *r, const void *data, size_t len) DOJO_WARN_UNUSED;

/* Take the next whole frame.  1 and *f filled; 0 when more bytes are needed; -EMSGSIZE for an
 * oversized frame, -EPROTO for a type of 0 or >= FRAME_TYPE_MAX. */
int frame_reader_next(struct frame_reader *r, struct frame *f) DOJO_WARN_UNUSED;

/* Bytes held that are not a whole frame yet (a peer that closes with these sent a torn frame). */
size_t frame_reader_pending_bytes(const struct frame_reader *r);

/* Blocking helper: write a whole frame to @fd, retrying on EINTR and short writes.
 * 0 or a negative errno. */
int frame_write_fd(int fd, uint8_t type, const void *payload, size_t len) DOJO_WARN_UNUSED;

#endif
