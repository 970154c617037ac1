/* broker.h: the sandbox broker's wire protocol, inside the sandbox part (see broker.c): fixed-size
 * messages in frames (core/frame.h layout) over SOCK_SEQPACKET socketpairs, one message per
 * packet, and the calls sandbox.c makes when a broker runs.  Tests use the codec directly to
 * send what a well-behaved caller never would. */
#ifndef DOJO_SANDBOX_BROKER_H
#define DOJO_SANDBOX_BROKER_H

#include <stdint.h>
#include "core/limits.h"
#include "backend.h"

enum broker_type {
	/* caller -> broker */
	BROKER_CONNECT = 1,   /* control socket: a guest connection's end in SCM_RIGHTS; no payload */
	BROKER_START,         /* u32 kind, u32 timeout_ms, u32 flags (BROKER_F_*) */
	BROKER_EXPLAIN,       /* i32 rc, char msg[DOJO_MAX_MESSAGE]: why did the guest go away? */
	BROKER_FREE,          /* destroy the guest; no payload */
	BROKER_SPARES,        /* control socket: u32 n, sandbox_vm_spares(n) in the broker */
	BROKER_STATUS,        /* a guest connection's first and only request: how many spares wait? */
	/* broker -> caller */
	BROKER_STARTED = 16,  /* i32 rc, u64 t0, u64 deadline, u32 job_flags, u32 drain_eof, u32 spare,
			       * u32 frames, u64 bytes, char msg[]; the channel in SCM_RIGHTS when rc == 0 */
	BROKER_EXPLAINED,     /* i32 rc, char msg[] */
	BROKER_FREED,         /* no payload */
	BROKER_STATUS_IS,     /* u32 spares ready in the broker */
};

#define BROKER_F_LOG_LEVEL2 1u

/* Every field any message carries; each type encodes only its own (broker.h's table). */
struct broker_msg {
	uint8_t type;
	int32_t rc;
	uint32_t kind, timeout_ms, flags;
	uint64_t t0, deadline;
	uint32_t job_flags, drain_eof, spare, frames;
	uint64_t bytes;
	char msg[DOJO_MAX_MESSAGE];   /* always NUL-terminated once decoded */
};

/* The largest packet: a STARTED. */
#define BROKER_MAX_PACKET (5u + 4u + 8u + 8u + 4u * 4u + 8u + DOJO_MAX_MESSAGE)

/* Send @m as one packet, with @pass_fd in SCM_RIGHTS when >= 0.  0 or a negative errno
 * (-EPIPE: the peer is gone). */
int broker_send(int fd, const struct broker_msg *m, int pass_fd);

/* Receive one packet within @timeout_ms (-1: no limit).  1 with *m filled and *got_fd the fd
 * that came with it (-1 if none); 0 when the peer hung up; -ETIMEDOUT; -EPROTO for anything
 * but a whole known message of exactly its type's size, or an fd on a type that carries none
 * (any fd received is closed then); another negative errno for a socket error. */
int broker_recv(int fd, struct broker_msg *m, int *got_fd, int timeout_ms);

/* The broker process's loop on its control socket @ctl: one thread per guest connection, until
 * the caller hangs up or breaks the protocol, then every guest is destroyed.  Its exit status:
 * 0 after a hang-up, 2 after a malformed request. */
int broker_main(int ctl, const struct sandbox_broker_opts *opts);

/* In the caller: whether sandbox_start() goes through a broker, and that path (broker_client.c). */
int sandbox_broker_active(void);
int sandbox_broker_start_guest(struct sandbox *sb, const struct sandbox_opts *opts,
			       struct dojo_err *err);
/* sandbox_vm_spares() in a caller of a broker: asks the broker.  0 or a negative errno. */
int sandbox_broker_spares(unsigned n);
/* sandbox_vm_spares_ready() in a caller of a broker: asks the broker on a connection of its
 * own.  0 with *n set, or a negative errno (the broker is gone or did not answer in time). */
int sandbox_broker_spares_ready(unsigned *n);
/* Threads of this process (/proc/self/status), -1 if unknown: forking the broker and dropping
 * privileges are only right with one. */
int sandbox_threads(void);
/* The caller's end of the control socket (tests), -1 when no broker runs. */
int sandbox_broker_ctl_fd(void);

#endif
