/* btf_order.h: for test_compile_parity.c: are two .BTF sections the same types, up to the order
 * of their FWD types?  A small reader of the raw BTF format (header, type records, strings),
 * independent of libbpf so that it judges libbpf's input rather than trusting it. */
#ifndef DOJO_TEST_BTF_ORDER_H
#define DOJO_TEST_BTF_ORDER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* clang-19 itself does not always give the same .BTF for the same source: LLVM's BTFDebug emits
 * the FWD types it adds at the end in the order of their DICompositeType pointers, i.e. of where
 * malloc put them, which differs between two clang processes whose address space differs: ASLR
 * between one-shot runs (execsnoop.bpf.c: 4 orders in 6 one-shot runs), and the zygote's own
 * allocations for the forks of the resident compiler (whose forks all share one layout, so its
 * output is stable).  This checks that two .BTF are the same types, with the FWD types permuted
 * among themselves and every reference to them renumbered accordingly. */

struct btf_view {
	const uint8_t *types, *strs;
	uint32_t tlen, slen;
	uint32_t n;
	uint32_t off[8192];      /* offset of type id i+1 in types */
};

static bool btf_parse(const uint8_t *d, size_t len, struct btf_view *v)
{
	uint32_t hl, toff, soff, o = 0;

	if (len < 24 || d[0] != 0x9f || d[1] != 0xeb)
		return false;
	memcpy(&hl, d + 4, 4);
	memcpy(&toff, d + 8, 4);
	memcpy(&v->tlen, d + 12, 4);
	memcpy(&soff, d + 16, 4);
	memcpy(&v->slen, d + 20, 4);
	if ((uint64_t)hl + toff + v->tlen > len || (uint64_t)hl + soff + v->slen > len)
		return false;
	v->types = d + hl + toff;
	v->strs = d + hl + soff;
	v->n = 0;
	while (o + 12 <= v->tlen && v->n < 8192) {
		uint32_t info, kind, vlen, extra;
		static const uint8_t per_vlen[20] = { 0, 0, 0, 0, 12, 12, 8, 0, 0, 0, 0, 0, 0, 8, 0, 12, 0, 0, 0, 12 };
		static const uint8_t fixed[20] = { 0, 4, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 4, 0, 0 };

		memcpy(&info, v->types + o + 4, 4);
		kind = (info >> 24) & 0x1f;
		vlen = info & 0xffff;
		if (kind == 0 || kind >= 20)
			return false;
		extra = fixed[kind] + per_vlen[kind] * vlen;
		v->off[v->n++] = o;
		o += 12 + extra;
	}
	return o == v->tlen;
}

static uint32_t u32_at(const uint8_t *p)
{
	uint32_t x;

	memcpy(&x, p, 4);
	return x;
}

static const char *btf_str(const struct btf_view *v, uint32_t off)
{
	return off < v->slen ? (const char *)v->strs + off : "?";
}

static uint32_t btf_kind(const struct btf_view *v, uint32_t id)
{
	return (u32_at(v->types + v->off[id - 1] + 4) >> 24) & 0x1f;
}

static bool btf_equivalent(const uint8_t *a, size_t la, const uint8_t *b, size_t lb, char *why, size_t whysz)
{
	static struct btf_view va, vb;
	static uint32_t map[8193];
	/* Which words of a type's trailing data are names (N), type ids (T) or plain values (V). */
	static const char *const layout[20] = {
		"", "V", "", "TTV", "NTV", "NTV", "NV", "", "", "", "", "", "", "NT", "V", "TVV", "", "V", "", "NVV",
	};
	static const bool size_kind[20] = { [1] = true, [4] = true, [5] = true, [6] = true, [15] = true, [16] = true, [19] = true };

	if (!btf_parse(a, la, &va) || !btf_parse(b, lb, &vb) || va.n != vb.n) {
		snprintf(why, whysz, "unparsable or %u vs %u types", va.n, vb.n);
		return false;
	}
	for (uint32_t i = 1; i <= va.n; i++) {
		map[i] = i;
		if (btf_kind(&va, i) != 7)
			continue;
		map[i] = 0;
		for (uint32_t j = 1; j <= vb.n && !map[i]; j++)
			if (btf_kind(&vb, j) == 7 &&
			    !strcmp(btf_str(&va, u32_at(va.types + va.off[i - 1])), btf_str(&vb, u32_at(vb.types + vb.off[j - 1]))) &&
			    u32_at(va.types + va.off[i - 1] + 4) == u32_at(vb.types + vb.off[j - 1] + 4))
				map[i] = j;
		if (!map[i]) {
			snprintf(why, whysz, "FWD %u '%s' has no twin", i, btf_str(&va, u32_at(va.types + va.off[i - 1])));
			return false;
		}
	}
	for (uint32_t i = 1; i <= va.n; i++) {
		const uint8_t *ta = va.types + va.off[i - 1], *tb = vb.types + vb.off[map[i] - 1];
		uint32_t info = u32_at(ta + 4), kind = (info >> 24) & 0x1f, vlen = info & 0xffff;
		size_t words = 0;
		const char *lay = layout[kind];
		bool ok = info == u32_at(tb + 4) && !strcmp(btf_str(&va, u32_at(ta)), btf_str(&vb, u32_at(tb)));

		if (ok && size_kind[kind])
			ok = u32_at(ta + 8) == u32_at(tb + 8);
		else if (ok && u32_at(ta + 8) <= va.n)
			ok = map[u32_at(ta + 8)] == u32_at(tb + 8);
		else if (ok)
			ok = false;
		/* Kinds with fixed trailing data use the layout once, vlen kinds once per entry. */
		if (kind == 4 || kind == 5 || kind == 6 || kind == 13 || kind == 15 || kind == 19)
			words = strlen(lay) * vlen;
		else
			words = strlen(lay);
		for (size_t w = 0; ok && w < words; w++) {
			uint32_t xa = u32_at(ta + 12 + 4 * w), xb = u32_at(tb + 12 + 4 * w);
			char c = lay[w % strlen(lay)];

			if (c == 'N')
				ok = !strcmp(btf_str(&va, xa), btf_str(&vb, xb));
			else if (c == 'T')
				ok = xa <= va.n && map[xa] == xb;
			else
				ok = xa == xb;
		}
		if (!ok) {
			snprintf(why, whysz, "type %u (kind %u, '%s') differs", i, kind, btf_str(&va, u32_at(ta)));
			return false;
		}
	}
	return true;
}

#endif
