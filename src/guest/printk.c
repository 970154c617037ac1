/* printk.c: bpf_printk() lines from the guest's trace_pipe to the host, whole lines only,
 * each counted against the caps; what the caps drop is counted for the caller to report.
 * Reading trace_pipe consumes it, which is right in the micro-VM, whose kernel is the run's
 * alone (host mode does not read it: it would take the lines of every program on the host). */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "core/frame.h"
#include "printk.h"

#define TRACE_PIPE "/sys/kernel/tracing/trace_pipe"

int guest_printk_open(struct guest_printk *p, size_t max_bytes, unsigned max_lines)
{
	*p = (struct guest_printk){ .max_bytes = max_bytes, .max_lines = max_lines };
	p->fd = open(TRACE_PIPE, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	return p->fd < 0 ? -errno : 0;
}

static int send_line(struct guest_printk *p, struct guest_chan *c)
{
	struct proto_play_output m = { .stream = PLAY_PRINTK, .data = (const uint8_t *)p->line,
					  .len = p->line_len };

	if (p->bytes + p->line_len > p->max_bytes || p->lines >= p->max_lines) {
		p->dropped++;
		p->dropped_bytes += p->line_len;
		return 0;
	}
	p->bytes += p->line_len;
	p->lines++;
	return guest_chan_send(c, FRAME_PLAY_OUTPUT, proto_put_play_output(guest_chan_buf(c), &m));
}

int guest_printk_pump(struct guest_printk *p, struct guest_chan *c)
{
	char b[DOJO_PLAY_CHUNK];
	ssize_t n;

	if (p->fd < 0)
		return 0;
	n = read(p->fd, b, sizeof(b));
	if (n <= 0)
		return n == 0 || errno == EAGAIN || errno == EINTR ? 0 : -errno;
	for (ssize_t i = 0; i < n; i++) {
		int rc;

		if (p->line_len < sizeof(p->line))
			p->line[p->line_len++] = b[i];
		if (b[i] != '\n')
			continue;
		if ((rc = send_line(p, c)))
			return rc;
		p->line_len = 0;
	}
	return 1;
}

int guest_printk_drain(struct guest_printk *p, struct guest_chan *c, unsigned rounds)
{
	int rc = 1;

	for (unsigned i = 0; rc > 0 && i < rounds; i++)
		rc = guest_printk_pump(p, c);
	return rc < 0 ? rc : 0;
}

void guest_printk_close(struct guest_printk *p)
{
	if (p->fd >= 0)
		close(p->fd);
	p->fd = -1;
}
