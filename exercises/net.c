/* net.c: the veth pair network exercises use, and raw UDP frames sent on it.
 *
 * The pair is made with one RTM_NEWLINK request (rtnetlink, no iproute2 in the guest) and
 * brought up with SIOCSIFFLAGS; frames go out through an AF_PACKET socket bound to the peer,
 * so they need neither addresses nor routes and arrive on EXERCISE_NET_IF as they were built. */
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/if_packet.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/udp.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include "net.h"

#define NET_MAX_PAYLOAD 512

struct nl_req {
	struct nlmsghdr nh;
	struct ifinfomsg ifi;
	char attrs[256];
};

/* append attribute @type with @len bytes of @data; returns it (to nest into) or NULL */
static struct rtattr *add_attr(struct nlmsghdr *nh, size_t cap, int type, const void *data,
			       size_t len)
{
	struct rtattr *rta = (struct rtattr *)((char *)nh + NLMSG_ALIGN(nh->nlmsg_len));

	if (NLMSG_ALIGN(nh->nlmsg_len) + RTA_ALIGN(RTA_LENGTH(len)) > cap)
		return NULL;
	rta->rta_type = (unsigned short)type;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(rta), data, len);
	nh->nlmsg_len = NLMSG_ALIGN(nh->nlmsg_len) + RTA_ALIGN(rta->rta_len);
	return rta;
}

static void end_nest(struct nlmsghdr *nh, struct rtattr *nest)
{
	nest->rta_len = (unsigned short)((char *)nh + nh->nlmsg_len - (char *)nest);
}

/* ip link add EXERCISE_NET_IF type veth peer name EXERCISE_NET_PEER */
static int veth_create(void)
{
	struct nl_req req = { 0 };
	struct { struct nlmsghdr nh; struct nlmsgerr err; } ack;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct ifinfomsg peer = { .ifi_family = AF_UNSPEC };
	struct rtattr *info, *data, *peer_attr;
	size_t cap = sizeof(req);
	int fd, ret;

	req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg));
	req.nh.nlmsg_type = RTM_NEWLINK;
	req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK;
	req.ifi.ifi_family = AF_UNSPEC;
	if (!add_attr(&req.nh, cap, IFLA_IFNAME, EXERCISE_NET_IF, sizeof(EXERCISE_NET_IF)) ||
	    !(info = add_attr(&req.nh, cap, IFLA_LINKINFO, NULL, 0)) ||
	    !add_attr(&req.nh, cap, IFLA_INFO_KIND, "veth", 4) ||
	    !(data = add_attr(&req.nh, cap, IFLA_INFO_DATA, NULL, 0)) ||
	    !(peer_attr = add_attr(&req.nh, cap, VETH_INFO_PEER, &peer, sizeof(peer))) ||
	    !add_attr(&req.nh, cap, IFLA_IFNAME, EXERCISE_NET_PEER, sizeof(EXERCISE_NET_PEER)))
		return -E2BIG;
	end_nest(&req.nh, peer_attr);
	end_nest(&req.nh, data);
	end_nest(&req.nh, info);

	if ((fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE)) < 0)
		return -errno;
	if (sendto(fd, &req, req.nh.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		ret = -errno;
	else if (recv(fd, &ack, sizeof(ack), 0) < (ssize_t)sizeof(ack))
		ret = -EPROTO;
	else
		ret = ack.nh.nlmsg_type == NLMSG_ERROR ? ack.err.error : -EPROTO;
	close(fd);
	return ret == -EEXIST ? 0 : ret;
}

static int link_up(int fd, const char *name)
{
	struct ifreq ifr = { 0 };

	memcpy(ifr.ifr_name, name, strlen(name) + 1);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		return -errno;
	ifr.ifr_flags |= IFF_UP;
	return ioctl(fd, SIOCSIFFLAGS, &ifr) < 0 ? -errno : 0;
}

int workload_veth_up(void)
{
	int ret = veth_create(), fd;

	if (ret)
		return ret;
	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return -errno;
	if (!(ret = link_up(fd, EXERCISE_NET_IF)))
		ret = link_up(fd, EXERCISE_NET_PEER);
	close(fd);
	return ret;
}

static uint16_t ip_checksum(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

int workload_send_udp(uint16_t sport, uint16_t dport, const void *payload, size_t len)
{
	/* 2 bytes ahead of the 14-byte Ethernet header keep the IP header 4-byte aligned */
	unsigned char buf[2 + sizeof(struct ethhdr) + sizeof(struct iphdr) + sizeof(struct udphdr) +
			  NET_MAX_PAYLOAD] __attribute__((aligned(4)));
	unsigned char *frame = buf + 2;
	struct ethhdr *eth = (struct ethhdr *)frame;
	struct iphdr *ip = (struct iphdr *)(eth + 1);
	struct udphdr *udp = (struct udphdr *)(ip + 1);
	struct sockaddr_ll to = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_IP),
				  .sll_halen = ETH_ALEN };
	size_t total = sizeof(*eth) + sizeof(*ip) + sizeof(*udp) + len;
	int fd, ret = 0;

	if (len > NET_MAX_PAYLOAD)
		return -E2BIG;
	memset(buf, 0, sizeof(buf));
	memset(eth->h_dest, 0xff, ETH_ALEN);            /* broadcast: no neighbour to resolve */
	memcpy(eth->h_source, "\x02\x00\x00\x00\x00\x02", ETH_ALEN);
	eth->h_proto = htons(ETH_P_IP);
	ip->version = 4;
	ip->ihl = 5;
	ip->ttl = 64;
	ip->protocol = IPPROTO_UDP;
	ip->tot_len = htons((uint16_t)(total - sizeof(*eth)));
	ip->saddr = htonl(0x0a000002);
	ip->daddr = htonl(0x0a000001);
	ip->check = ip_checksum(ip, sizeof(*ip));
	udp->source = htons(sport);
	udp->dest = htons(dport);
	udp->len = htons((uint16_t)(sizeof(*udp) + len));
	memcpy(udp + 1, payload, len);                  /* UDP checksum 0: none, valid on IPv4 */

	if (!(to.sll_ifindex = (int)if_nametoindex(EXERCISE_NET_PEER)))
		return -errno;
	memset(to.sll_addr, 0xff, ETH_ALEN);
	if ((fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_IP))) < 0)
		return -errno;
	if (sendto(fd, frame, total, 0, (struct sockaddr *)&to, sizeof(to)) != (ssize_t)total)
		ret = -errno;
	close(fd);
	return ret;
}
