/* value.c: the object's BTF, and records' values decoded with it as text.
 *
 * A record carries the BTF type id of its value in the learner's own object, so values are
 * shown with their real C types: integers by signedness and size, char arrays as strings,
 * enums by name, structs and unions with field names, bitfields, bounded arrays, pointers as
 * addresses (the BTF itself is read in btf.c).  Only libbpf's read-only BTF accessors are used; every read is bounds-checked
 * against the record's value_len, since records come from learner-controlled programs. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "core/limits.h"
#include "value.h"


int grade_rec_parse(const void *rec, size_t len, struct dojo_rec_hdr *hdr, const uint8_t **val)
{
	if (!rec || len < sizeof(*hdr) || len > sizeof(struct dojo_rec))
		return -EPROTO;
	memcpy(hdr, rec, sizeof(*hdr));
	if (hdr->kind != DOJO_REC_SUBMIT && hdr->kind != DOJO_REC_DEBUG)
		return -EPROTO;
	if (hdr->vkind < DOJO_VAL_NUM || hdr->vkind > DOJO_VAL_STRUCT)
		return -EPROTO;
	if (hdr->value_len > DOJO_VALUE_MAX || sizeof(*hdr) + hdr->value_len > len)
		return -EPROTO;
	if (!memchr(hdr->label, '\0', sizeof(hdr->label)))
		return -EPROTO;
	*val = (const uint8_t *)rec + sizeof(*hdr);
	return 0;
}

static const struct btf_type *type_at(const struct grade_btf *g, uint32_t id)
{
	return g && id ? btf__type_by_id(grade_btf_raw(g), id) : NULL;
}

/* Follow typedefs and modifiers to the type that has a layout; *id is updated. */
static const struct btf_type *resolve(const struct grade_btf *g, uint32_t *id, bool typedefs)
{
	const struct btf_type *t = type_at(g, *id);

	for (int i = 0; t && i < DOJO_VALUE_MAX_MODS; i++) {
		if (!btf_is_mod(t) && !(typedefs && btf_is_typedef(t)))
			return t;
		*id = t->type;
		t = type_at(g, *id);
	}
	return NULL;
}

/* Little-endian bits [off, off+nbits) of @p (@avail bytes), sign-extended if @sign. */
static int read_bits(const uint8_t *p, size_t avail, uint32_t off, uint32_t nbits, bool sign,
		     uint64_t *out)
{
	size_t first = off / 8, last = (off + nbits + 7) / 8;
	unsigned __int128 acc = 0;
	uint64_t v;

	if (nbits == 0 || nbits > 64 || last > avail)
		return -ERANGE;
	for (size_t i = last; i > first; i--)
		acc = (acc << 8) | p[i - 1];
	v = (uint64_t)(acc >> (off % 8));
	if (nbits < 64) {
		v &= (1ull << nbits) - 1;
		if (sign && (v >> (nbits - 1)) & 1)
			v |= ~0ull << nbits;
	}
	*out = v;
	return 0;
}

int grade_rec_int(const struct grade_btf *g, const struct dojo_rec_hdr *hdr,
		  const uint8_t *val, int64_t *out)
{
	uint32_t id = hdr->type_id;
	const struct btf_type *t = resolve(g, &id, true);
	bool sign = false;
	uint64_t v;

	if (hdr->value_len != 1 && hdr->value_len != 2 && hdr->value_len != 4 &&
	    hdr->value_len != 8)
		return -EINVAL;
	if (t && btf_is_int(t))
		sign = btf_int_encoding(t) & BTF_INT_SIGNED;
	else if (t && btf_is_any_enum(t))
		sign = btf_kflag(t);
	if (read_bits(val, hdr->value_len, 0, hdr->value_len * 8, sign, &v))
		return -EINVAL;
	*out = (int64_t)v;
	return 0;
}

/* The type's name as C spells it; "?" for what cannot be named. */
static void type_name(const struct grade_btf *g, uint32_t id, char *out, size_t cap, int depth)
{
	const struct btf_type *t = id ? type_at(g, id) : NULL;
	const char *name, *kw = "";
	char inner[128];

	if (cap == 0)
		return;
	if (id == 0 && g) {
		snprintf(out, cap, "void");
		return;
	}
	if (!t || depth > DOJO_VALUE_MAX_MODS) {
		snprintf(out, cap, "?");
		return;
	}
	name = btf__name_by_offset(grade_btf_raw(g), t->name_off);
	if (!name || !*name)
		name = "(anon)";
	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
		type_name(g, t->type, inner, sizeof(inner), depth + 1);
		snprintf(out, cap, "%s%s", inner, inner[strlen(inner) - 1] == '*' ? "*" : " *");
		return;
	case BTF_KIND_ARRAY: {
		char *bracket;

		type_name(g, btf_array(t)->type, inner, sizeof(inner), depth + 1);
		bracket = strchr(inner, '[');   /* int[3] of 2 is int[2][3] */
		if (bracket) {
			*bracket = '\0';
			snprintf(out, cap, "%s[%u][%s", inner, btf_array(t)->nelems, bracket + 1);
		} else {
			snprintf(out, cap, "%s[%u]", inner, btf_array(t)->nelems);
		}
		return;
	}
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
		type_name(g, t->type, inner, sizeof(inner), depth + 1);
		snprintf(out, cap, "%s %s", btf_is_const(t) ? "const" :
			 btf_is_volatile(t) ? "volatile" : "restrict", inner);
		return;
	case BTF_KIND_TYPE_TAG:
		type_name(g, t->type, out, cap, depth + 1);
		return;
	case BTF_KIND_STRUCT: kw = "struct "; break;
	case BTF_KIND_UNION:  kw = "union "; break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64: kw = "enum "; break;
	case BTF_KIND_FWD:    kw = btf_kflag(t) ? "union " : "struct "; break;
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPEDEF: break;
	default:
		name = "?";
	}
	snprintf(out, cap, "%s%s", kw, name);
}

struct fmt {
	const struct grade_btf *g;
	struct buf *out;
	int err;     /* first append error */
};

static void __attribute__((format(printf, 2, 3))) emit(struct fmt *f, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	if (f->err)
		return;
	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		f->err = -EOVERFLOW;
	else
		f->err = buf_add(f->out, tmp, (size_t)n);
}

/* Bytes up to the first NUL (or @n); quoted C-style when @quote, else only non-printable
 * bytes escaped. */
static void emit_string(struct fmt *f, const uint8_t *p, size_t n, bool quote)
{
	if (quote)
		emit(f, "\"");
	for (size_t i = 0; i < n && p[i]; i++) {
		if (p[i] < 0x20 || p[i] >= 0x7f)
			emit(f, "\\x%02x", p[i]);
		else if (quote && (p[i] == '"' || p[i] == '\\'))
			emit(f, "\\%c", p[i]);
		else
			emit(f, "%c", p[i]);
	}
	if (quote)
		emit(f, "\"");
}

static void emit_hex(struct fmt *f, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		emit(f, "%s%02x", i ? " " : "", p[i]);
}

/* A char-like element (shown as a string): "char", or an int marked as a character. */
static bool is_char(const struct grade_btf *g, uint32_t id)
{
	const struct btf_type *t = resolve(g, &id, false);
	const char *name;

	if (!t || !btf_is_int(t) || t->size != 1)
		return false;
	name = btf__name_by_offset(grade_btf_raw(g), t->name_off);
	return (btf_int_encoding(t) & BTF_INT_CHAR) || (name && strcmp(name, "char") == 0);
}

static void emit_value(struct fmt *f, uint32_t id, const uint8_t *p, size_t avail,
		       uint32_t bit_off, uint32_t bitfield, int depth);

static void emit_int(struct fmt *f, const struct btf_type *t, const uint8_t *p, size_t avail,
		     uint32_t bit_off, uint32_t bitfield)
{
	uint8_t enc = btf_int_encoding(t);
	uint32_t nbits = bitfield ? bitfield : btf_int_bits(t);
	uint64_t v;

	bit_off += btf_int_offset(t);
	if (nbits > 64) {
		if (t->size > avail || bit_off % 8) {
			emit(f, "?");
			return;
		}
		emit(f, "0x");
		for (size_t i = t->size; i > 0; i--)
			emit(f, "%02x", p[bit_off / 8 + i - 1]);
		return;
	}
	if (read_bits(p, avail, bit_off, nbits, enc & BTF_INT_SIGNED, &v)) {
		emit(f, "?");
		return;
	}
	if (enc & BTF_INT_BOOL)
		emit(f, "%s", v ? "true" : "false");
	else if (enc & BTF_INT_SIGNED)
		emit(f, "%lld", (long long)v);
	else
		emit(f, "%llu", (unsigned long long)v);
}

static void emit_enum(struct fmt *f, const struct btf_type *t, const uint8_t *p, size_t avail,
		      uint32_t bit_off, uint32_t bitfield)
{
	uint32_t nbits = bitfield ? bitfield : t->size * 8;
	bool sign = btf_kflag(t);
	uint64_t v;

	if (read_bits(p, avail, bit_off, nbits, sign, &v)) {
		emit(f, "?");
		return;
	}
	for (uint16_t i = 0; i < btf_vlen(t); i++) {
		uint64_t ev;
		uint32_t name_off;

		if (btf_is_enum(t)) {
			ev = sign ? (uint64_t)(int64_t)btf_enum(t)[i].val : (uint32_t)btf_enum(t)[i].val;
			name_off = btf_enum(t)[i].name_off;
		} else {
			ev = btf_enum64_value(&btf_enum64(t)[i]);
			name_off = btf_enum64(t)[i].name_off;
		}
		if ((nbits < 64 ? ev & ((1ull << nbits) - 1) : ev) ==
		    (nbits < 64 ? v & ((1ull << nbits) - 1) : v)) {
			emit(f, "%s", btf__name_by_offset(grade_btf_raw(f->g), name_off));
			return;
		}
	}
	if (sign)
		emit(f, "%lld", (long long)v);
	else
		emit(f, "%llu", (unsigned long long)v);
}

static void emit_array(struct fmt *f, const struct btf_type *t, const uint8_t *p, size_t avail,
		       uint32_t bit_off, int depth)
{
	const struct btf_array *a = btf_array(t);
	int64_t esz = btf__resolve_size(grade_btf_raw(f->g), a->type);
	size_t off = bit_off / 8;

	if (esz <= 0 || bit_off % 8 || off > avail) {
		emit(f, "?");
		return;
	}
	if (is_char(f->g, a->type)) {
		size_t n = a->nelems < avail - off ? a->nelems : avail - off;

		emit_string(f, p + off, n, true);
		return;
	}
	emit(f, "{");
	for (uint32_t i = 0; i < a->nelems; i++) {
		if (i == DOJO_VALUE_MAX_ELEMS || off + (i + 1) * (size_t)esz > avail) {
			emit(f, "%s...", i ? ", " : "");
			break;
		}
		emit(f, "%s", i ? ", " : "");
		emit_value(f, a->type, p, avail, (uint32_t)((off + i * (size_t)esz) * 8), 0,
			   depth + 1);
	}
	emit(f, "}");
}

static void emit_composite(struct fmt *f, const struct btf_type *t, const uint8_t *p,
			   size_t avail, uint32_t bit_off, int depth)
{
	const struct btf_member *m = btf_members(t);

	emit(f, "{");
	for (uint16_t i = 0; i < btf_vlen(t); i++) {
		const char *name = btf__name_by_offset(grade_btf_raw(f->g), m[i].name_off);
		uint32_t moff = bit_off + btf_member_bit_offset(t, i);
		uint32_t bits = btf_member_bitfield_size(t, i);
		int64_t msz = btf__resolve_size(grade_btf_raw(f->g), m[i].type);

		if (msz < 0 || (bits ? (moff + bits + 7) / 8 : moff / 8 + (uint64_t)msz) > avail) {
			emit(f, "%s...", i ? ", " : "");   /* the record holds no more */
			break;
		}
		emit(f, "%s", i ? ", " : "");
		if (name && *name)
			emit(f, ".%s = ", name);
		emit_value(f, m[i].type, p, avail, moff, bits, depth + 1);
	}
	emit(f, "}");
}

/* The value of type @id at bit @bit_off of @p (@avail bytes); @bitfield bits when non-zero. */
static void emit_value(struct fmt *f, uint32_t id, const uint8_t *p, size_t avail,
		       uint32_t bit_off, uint32_t bitfield, int depth)
{
	const struct btf_type *t = resolve(f->g, &id, true);
	uint64_t v;

	if (!t || depth > DOJO_VALUE_MAX_DEPTH) {
		emit(f, "?");
		return;
	}
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		emit_int(f, t, p, avail, bit_off, bitfield);
		return;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		emit_enum(f, t, p, avail, bit_off, bitfield);
		return;
	case BTF_KIND_PTR:
		if (read_bits(p, avail, bit_off, 64, false, &v))
			emit(f, "?");
		else
			emit(f, "0x%llx", (unsigned long long)v);
		return;
	case BTF_KIND_ARRAY:
		emit_array(f, t, p, avail, bit_off, depth);
		return;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		emit_composite(f, t, p, avail, bit_off, depth);
		return;
	case BTF_KIND_FLOAT:
		if (bit_off % 8 == 0 && bit_off / 8 + t->size <= avail &&
		    (t->size == sizeof(float) || t->size == sizeof(double))) {
			float fl;
			double d;

			if (t->size == sizeof(float)) {
				memcpy(&fl, p + bit_off / 8, sizeof(fl));
				d = fl;
			} else {
				memcpy(&d, p + bit_off / 8, sizeof(d));
			}
			emit(f, "%g", d);
			return;
		}
		break;
	default:
		break;
	}
	emit(f, "?");
}

int grade_format_value(const struct grade_btf *g, const void *rec, size_t len,
		       struct buf *value, char *type_name_out, size_t type_cap)
{
	struct dojo_rec_hdr hdr;
	struct fmt f = { .g = g, .out = value };
	const struct btf_type *t;
	const uint8_t *val;
	uint32_t id;
	int64_t num;
	int ret;

	if (!value || !type_name_out || type_cap == 0)
		return -EINVAL;
	ret = grade_rec_parse(rec, len, &hdr, &val);
	if (ret)
		return ret;
	id = hdr.type_id;
	t = resolve(g, &id, true);
	type_name(g, hdr.type_id, type_name_out, type_cap, 0);
	if (!t)
		snprintf(type_name_out, type_cap, "?");

	switch (hdr.vkind) {
	case DOJO_VAL_STR:
		/* SUBMIT_STR_LEN tags the value with its element type: show it as an array */
		if (t && btf_is_int(t) && t->size == 1) {
			char elem[64];

			type_name(g, hdr.type_id, elem, sizeof(elem), 0);
			snprintf(type_name_out, type_cap, "%s[%u]", elem, hdr.value_len);
		}
		emit_string(&f, val, hdr.value_len, false);
		break;
	case DOJO_VAL_NUM:
		if (t && (btf_is_int(t) || btf_is_any_enum(t)) && t->size == hdr.value_len) {
			emit_value(&f, id, val, hdr.value_len, 0, 0, 0);
		} else if (grade_rec_int(g, &hdr, val, &num) == 0) {
			emit(&f, "%llu", (unsigned long long)num);
		} else {
			emit_hex(&f, val, hdr.value_len);
		}
		break;
	default:
		if (t && btf__resolve_size(grade_btf_raw(g), id) >= 0)
			emit_value(&f, id, val, hdr.value_len, 0, 0, 0);
		else
			emit_hex(&f, val, hdr.value_len);
	}
	return f.err;
}

/* A global section's map value (.bss, .data, .rodata): each variable by name, at the offset
 * libbpf's fix-up gave it (btf.c).  A DATASEC left unfinished (size 0: the object was read
 * raw) places every variable at 0, so its bytes are shown instead; so are variables that do
 * not fit the value. */
static void emit_datasec(struct fmt *f, const struct btf_type *t, const uint8_t *p, size_t len)
{
	const struct btf *btf = grade_btf_raw(f->g);
	const struct btf_var_secinfo *vs = btf_var_secinfos(t);
	unsigned shown = 0;

	if (t->size == 0 && len) {
		emit_hex(f, p, len);
		return;
	}
	emit(f, "{");
	for (uint16_t i = 0; i < btf_vlen(t); i++, vs++) {
		const struct btf_type *var = btf__type_by_id(btf, vs->type);

		if (!var || vs->offset + (uint64_t)vs->size > len)
			continue;
		emit(f, "%s.%s = ", shown++ ? ", " : "", btf__name_by_offset(btf, var->name_off));
		emit_value(f, var->type, p + vs->offset, vs->size, 0, 0, 0);
	}
	emit(f, "}");
}

int grade_value_format(const struct grade_btf *g, uint32_t type_id, const void *p, size_t len,
		       struct buf *value, char *type_name_out, size_t type_cap)
{
	struct fmt f = { .g = g, .out = value };
	uint32_t id = type_id;
	const struct btf_type *t = type_id ? resolve(g, &id, true) : NULL;
	int64_t size = t ? btf__resolve_size(grade_btf_raw(g), id) : -1;

	if (!value || !type_name_out || type_cap == 0)
		return -EINVAL;
	if (t && btf_is_datasec(t)) {
		snprintf(type_name_out, type_cap, "%s",
			 btf__name_by_offset(grade_btf_raw(g), t->name_off));
		emit_datasec(&f, t, p, len);
	} else if (size >= 0 && (size_t)size <= len) {
		type_name(g, type_id, type_name_out, type_cap, 0);
		emit_value(&f, id, p, len, 0, 0, 0);
	} else {
		snprintf(type_name_out, type_cap, "?");
		emit_hex(&f, p, len);
	}
	return f.err;
}
