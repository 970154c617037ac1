/* net.h: helpers for network exercises' workloads (guest side, net.c).
 *
 * A network exercise works on a veth pair made inside the run's own network namespace (host
 * mode) or guest (vm mode): EXERCISE_NET_IF, where the learner's XDP and tc programs are
 * attached (src/guest/loader.c), and its peer EXERCISE_NET_PEER, where the workload sends
 * from.  Frames sent on the peer arrive on EXERCISE_NET_IF; nothing leaves the sandbox. */
#ifndef DOJO_NET_H
#define DOJO_NET_H

#include <stddef.h>
#include <stdint.h>

#define EXERCISE_NET_IF   "dojo0"
#define EXERCISE_NET_PEER "dojo1"

/* Create the veth pair EXERCISE_NET_IF / EXERCISE_NET_PEER (when not there yet) and bring both
 * up.  0 or a negative errno. */
int workload_veth_up(void);

/* Send one IPv4 UDP datagram as an Ethernet frame on EXERCISE_NET_PEER (an AF_PACKET socket:
 * no addresses, no routing), from 10.0.0.2:@sport to 10.0.0.1:@dport, carrying @payload.
 * 0 or a negative errno. */
int workload_send_udp(uint16_t sport, uint16_t dport, const void *payload, size_t len);

#endif
