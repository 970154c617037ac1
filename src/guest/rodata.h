/* rodata.h: the values an exercise's setup() hands the learner's program through .rodata
 * (exercise.h, EXERCISE_RODATA_FILE), set by the agent between opening and loading. */
#ifndef DOJO_GUEST_RODATA_H
#define DOJO_GUEST_RODATA_H

#include <bpf/libbpf.h>
#include "guest.h"

/* Read @run_dir/EXERCISE_RODATA_FILE, when it exists, and set each `const volatile` global it
 * names in @obj's .rodata (@obj opened, not loaded).  A name the program lacks, or cannot
 * hold an integer, is told to the learner in a warning LOG line on @c, and the run goes on.
 * 0; a negative errno when the file cannot be read or is malformed, or the channel broke. */
int guest_rodata_apply(struct guest_chan *c, struct bpf_object *obj, const char *run_dir);

#endif
