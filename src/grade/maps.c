/* maps.c: which BTF types a map's keys and values have, for the playground's map dump and
 * ring-buffer records: the object's .maps section (libbpf's BTF-defined maps), the DATASEC of
 * a global section map, or for a ring buffer's untyped records the one struct of their size. */
#include <string.h>
#include <bpf/btf.h>
#include "grade.h"
#include "value.h"

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

static int defined_map(const struct btf *btf, const char *name, uint32_t *key, uint32_t *value)
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
		return 1;
	}
	return 0;
}

static uint32_t struct_of_size(const struct btf *btf, size_t size)
{
	uint32_t found = 0, n = btf__type_cnt(btf);

	for (uint32_t id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);

		if (!btf_is_struct(t) || t->size != size || !t->name_off)
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

	*key_id = *value_id = 0;
	if (!btf)
		return;
	if (defined_map(btf, name, key_id, value_id)) {
		if (!*value_id && record_size)
			*value_id = struct_of_size(btf, record_size);
		return;
	}
	if (dot) {   /* libbpf names a global section's map "<object>.<section>" */
		int id = btf__find_by_name_kind(btf, dot, BTF_KIND_DATASEC);

		*value_id = id > 0 ? (uint32_t)id : 0;
	}
}
