/* test_guest_chan.c: the agent's wait for its JOB (src/guest/chan.c), over a socketpair.
 *
 * Host mode (no spinning): a JOB is read whole; a SAVE frame is a protocol error.  VM mode
 * (spinning): SAVE is answered with READY and the JOB still arrives; a JOB that comes after
 * the spin window is read by a blocking read(); either way the channel is blocking again
 * afterwards, since the agent's later writes must never see EAGAIN. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>
#include "harness.h"
#include "core/frame.h"
#include "core/proto.h"
#include "guest/guest.h"

static const uint8_t obj[] = "an object";

static void send_job(int fd, const char *exercise)
{
	struct proto_job m = { .key = 7, .obj = obj, .obj_len = sizeof(obj) };
	struct buf b;

	buf_init(&b, 1 << 20);
	guest_copy(m.exercise, sizeof(m.exercise), exercise);
	CHECK(proto_put_job(&b, &m) == 0 && frame_write_fd(fd, FRAME_JOB, b.data, b.len) == 0, "send the JOB");
	buf_free(&b);
}

struct late {
	int fd;
	unsigned delay_ms;
};

static void *late_job(void *arg)
{
	struct late *l = arg;

	usleep(l->delay_ms * 1000u);
	send_job(l->fd, "late");
	return NULL;
}

/* Open the agent's end of a fresh pair; the host's end goes to *host. */
static void pair(struct guest_chan *c, int *host, int spin)
{
	int sv[2];
	struct dojo_err err = { 0 };

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");
	CHECK(guest_chan_open(c, sv[0], NULL, &err) == 0, "open: %s", err.msg);
	c->spin = spin;
	*host = sv[1];
}

static void test_host_mode(void)
{
	struct guest_chan c;
	struct proto_job job;
	struct buf storage;
	int host;

	pair(&c, &host, 0);
	send_job(host, "process-name");
	buf_init(&storage, 1);
	CHECK_INT(guest_chan_read_job(&c, &storage, &job), 0, "a JOB is read");
	CHECK_STR(job.exercise, "process-name", "its exercise");
	CHECK(job.obj_len == sizeof(obj) && !memcmp(job.obj, obj, sizeof(obj)), "its object");
	buf_free(&storage);
	guest_chan_close(&c);
	close(host);

	pair(&c, &host, 0);
	CHECK(frame_write_fd(host, FRAME_SAVE, "", 0) == 0, "send SAVE");
	buf_init(&storage, 1);
	CHECK_INT(guest_chan_read_job(&c, &storage, &job), -EPROTO, "SAVE without spinning");
	buf_free(&storage);
	guest_chan_close(&c);
	close(host);
}

static void test_vm_mode(void)
{
	struct frame_reader rd;
	struct guest_chan c;
	struct proto_job job;
	struct buf storage;
	struct frame f;
	struct late l;
	pthread_t th;
	uint8_t in[256];
	ssize_t n;
	int host, got = 0;

	/* SAVE, then the JOB: READY comes back, the JOB is read, the fd blocks again */
	pair(&c, &host, 1);
	CHECK(frame_write_fd(host, FRAME_SAVE, "", 0) == 0, "send SAVE");
	send_job(host, "process-name");
	buf_init(&storage, 1);
	CHECK_INT(guest_chan_read_job(&c, &storage, &job), 0, "SAVE then JOB");
	CHECK_STR(job.exercise, "process-name", "the JOB after SAVE");
	CHECK_INT(fcntl(c.fd, F_GETFL) & O_NONBLOCK, 0, "the channel blocks again");
	frame_reader_init(&rd, 4096);
	n = read(host, in, sizeof(in));
	if (n > 0 && frame_reader_feed(&rd, in, (size_t)n) == 0)
		got = frame_reader_next(&rd, &f);
	CHECK(got == 1 && f.type == FRAME_READY, "SAVE is answered with READY (%d, type %d)", got, got == 1 ? f.type : -1);
	frame_reader_free(&rd);
	buf_free(&storage);
	guest_chan_close(&c);
	close(host);

	/* a JOB that comes well after the spin window */
	pair(&c, &host, 1);
	l = (struct late){ .fd = host, .delay_ms = GUEST_SPIN_MS * 4 };
	pthread_create(&th, NULL, late_job, &l);
	buf_init(&storage, 1);
	CHECK_INT(guest_chan_read_job(&c, &storage, &job), 0, "a late JOB");
	CHECK_STR(job.exercise, "late", "the late JOB");
	CHECK_INT(fcntl(c.fd, F_GETFL) & O_NONBLOCK, 0, "the channel blocks after a late JOB");
	pthread_join(th, NULL);
	buf_free(&storage);
	guest_chan_close(&c);
	close(host);

	/* the host hangs up while the agent spins */
	pair(&c, &host, 1);
	close(host);
	buf_init(&storage, 1);
	CHECK_INT(guest_chan_read_job(&c, &storage, &job), -ECONNRESET, "the host hung up");
	buf_free(&storage);
	guest_chan_close(&c);
}

int main(void)
{
	test_host_mode();
	test_vm_mode();
	return harness_done("guest_chan");
}
