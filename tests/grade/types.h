/* types.h: the types test_grade decodes, shared by the BPF fixture (types.bpf.c, whose BTF
 * describes them) and the host test (which lays out values with the same definitions). */
#ifndef DOJO_TEST_GRADE_TYPES_H
#define DOJO_TEST_GRADE_TYPES_H

typedef unsigned int u32;
typedef unsigned long long u64;
typedef u32 pid_alias;
typedef pid_alias pid_chain;   /* a typedef chain */

enum color { RED = 1, GREEN = 2, BLUE = -1 };

struct inner {
	short x;
	unsigned char flags[3];
};

struct event {
	int pid;
	char comm[16];
	struct inner in;
	u64 ts;
	int arr[3];
	unsigned int a : 3, b : 5;
	int neg : 4;
	enum color c;
	void *ptr;
};

union word {
	int i;
	char c[4];
};

#endif
