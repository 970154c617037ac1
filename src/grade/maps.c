/* maps.c: which BTF types a map's keys and values have, for the playground's map dump and
 * ring-buffer records: the object's .maps section (libbpf's BTF-defined maps), the DATASEC of
 * a global section map, or for the untyped records of a ring buffer or a perf event array the
 * one struct of their size. */
#include <string.h>
#include <linux/bpf.h>
#include <bpf/btf.h>
#include "grade.h"
#include "value.h"

/* The map type of a .maps struct (its `type` member, `int (*type)[N]`), -1 when absent. */
static long member_map_type(const struct btf *btf, const struct btf_type *def)
{
	const struct btf_member *m = btf_members(def);

	for (uint16_t i = 0; i < btf_vlen(def); i++) {
		const struct btf_type *t = btf__type_by_id(btf, m[i].type), *a;

		if (strcmp(btf__name_by_offset(btf, m[i].name_off), "type") || !t || !btf_is_ptr(t))
			continue;
		a = btf__type_by_id(btf, t->type);
		return a && btf_is_array(a) ? (long)btf_array(a)->nelems : -1;
	}
	return -1;
}

/* The pointee of member @want ("key", "value") of a .maps struct, 0 when absent. */
static uint32_t member_pointee(const struct btf *btf, const struct btf_type *def, const char *want)
{
	const struct btf_member *m = btf_members(def);

	for (uint16_t i = 0; i < btf_vlen(def); i++) {
		const struct btf_type *t = btf__type_by_id(btf, m[i].type);

		if (strcmp(btf__name_by_offset(btf, m[i].name_off), want) || !t || !btf_is_ptr(t))
			continue;
		return t->type;
	}
	return 0;
}

static int defined_map(const struct btf *btf, const char *name, uint32_t *key, uint32_t *value,
		       long *type)
{
	int sec = btf__find_by_name_kind(btf, ".maps", BTF_KIND_DATASEC);
	const struct btf_type *ds = sec > 0 ? btf__type_by_id(btf, (uint32_t)sec) : NULL;
	const struct btf_var_secinfo *vs;

	if (!ds)
		return 0;
	vs = btf_var_secinfos(ds);
	for (uint16_t i = 0; i < btf_vlen(ds); i++, vs++) {
		const struct btf_type *var = btf__type_by_id(btf, vs->type);
		const struct btf_type *def;

		if (!var || strcmp(btf__name_by_offset(btf, var->name_off), name))
			continue;
		def = btf__type_by_id(btf, var->type);
		if (!def || !btf_is_struct(def))
			return 0;
		*key = member_pointee(btf, def, "key");
		*value = member_pointee(btf, def, "value");
		*type = member_map_type(btf, def);
		return 1;
	}
	return 0;
}

/* The one named struct of @size bytes; a perf sample (@perf) is padded by the kernel so that
 * it and its u32 size end on 8 bytes: a struct of @size - 7 .. @size bytes that pads to it. */
static uint32_t struct_of_size(const struct btf *btf, size_t size, int perf)
{
	uint32_t found = 0, n = btf__type_cnt(btf);

	for (uint32_t id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);

		if (!btf_is_struct(t) || !t->name_off ||
		    (perf ? ((t->size + 4u + 7u) & ~7u) - 4u != size : t->size != size))
			continue;
		if (found)
			return 0;   /* two candidates: do not guess */
		found = id;
	}
	return found;
}

void grade_map_types(const struct grade_btf *g, const char *name, size_t record_size,
		     uint32_t *key_id, uint32_t *value_id)
{
	const struct btf *btf = grade_btf_raw(g);
	const char *dot = strrchr(name, '.');
	long type;

	*key_id = *value_id = 0;
	if (!btf)
		return;
	if (defined_map(btf, name, key_id, value_id, &type)) {
		/* a perf event array's declared value is the perf event's fd, not its samples' */
		if (type == BPF_MAP_TYPE_PERF_EVENT_ARRAY && record_size)
			*value_id = struct_of_size(btf, record_size, 0) ?: struct_of_size(btf, record_size, 1);
		else if (!*value_id && record_size)
			*value_id = struct_of_size(btf, record_size, 0);
		return;
	}
	if (dot) {   /* libbpf names a global section's map "<object>.<section>" */
		int id = btf__find_by_name_kind(btf, dot, BTF_KIND_DATASEC);

		*value_id = id > 0 ? (uint32_t)id : 0;
	}
}
