/* value.h: grade's internal view of records and BTF-typed values (value.c), shared with
 * grade.c.  Not part of grade's public API (that is grade.h). */
#ifndef DOJO_GRADE_VALUE_H
#define DOJO_GRADE_VALUE_H

#include <stdbool.h>
#include "grade.h"

/* Check that @rec/@len is a well-formed record: 0, or -EPROTO.  On success *hdr and *val
 * point into @rec (the value has hdr->value_len bytes). */
int grade_rec_parse(const void *rec, size_t len, struct dojo_rec_hdr *hdr, const uint8_t **val);

/* The value as an integer: sign-extended when the BTF type (typedefs, enums and modifiers
 * resolved) is signed, zero-extended otherwise or when the type is unknown.  -EINVAL when
 * value_len is not 1, 2, 4 or 8 bytes. */
int grade_rec_int(const struct grade_btf *btf, const struct dojo_rec_hdr *hdr,
		  const uint8_t *val, int64_t *out);

struct btf;
/* The parsed BTF behind @g (maps.c reads the .maps section with it). */
const struct btf *grade_btf_raw(const struct grade_btf *g);

#endif
