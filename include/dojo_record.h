/* dojo_record.h: the record a program sends to bpfdojo through its ring buffer.
 *
 * Shared by the BPF side (dojo.h, where vmlinux.h provides __u8/__u16/__u32) and the host side
 * (the agent forwards records unchanged, the grader decodes them; include <linux/types.h>
 * first).  type_id is the value's BTF type id in the program's own object, so the grader can
 * print it with the object's BTF and needs no other type source. */
#ifndef DOJO_RECORD_H
#define DOJO_RECORD_H

#define DOJO_LABEL_MAX   32   /* bytes of a DEBUG label, NUL included */
#define DOJO_VALUE_MAX   256  /* bytes of one value */
#define DOJO_RINGBUF_BYTES (256 * 1024)

enum dojo_rec_kind {
	DOJO_REC_SUBMIT = 1,  /* the program's answer */
	DOJO_REC_DEBUG  = 2,  /* a labelled value to show the learner */
};

enum dojo_val_kind {
	DOJO_VAL_NUM    = 1,  /* an integer (or enum, or bool) */
	DOJO_VAL_STR    = 2,  /* a string: bytes up to the first NUL */
	DOJO_VAL_STRUCT = 3,  /* any value, shown by its BTF type */
};

struct dojo_rec_hdr {
	__u8  kind;                    /* enum dojo_rec_kind */
	__u8  vkind;                   /* enum dojo_val_kind */
	__u16 value_len;               /* bytes of value[] used, <= DOJO_VALUE_MAX */
	__u32 type_id;                 /* BTF type id of the value in the program's object */
	char  label[DOJO_LABEL_MAX];   /* NUL-terminated ("" for SUBMIT) */
};

struct dojo_rec {
	struct dojo_rec_hdr hdr;
	__u8 value[DOJO_VALUE_MAX];
};

#endif
