/* child.c: bpfdojo-child, the program exercises' workloads exec (exercises/workload.h).
 *
 * It does what DOJO_CHILD says, exactly like workload_child_main() in the agent:
 * "exit:<n>" (0-255) exits with n, "sleep:<ms>" (0-60000) sleeps then exits 0, anything
 * else (or no DOJO_CHILD) exits 127.  It is freestanding (no libc: -nostdlib -static, raw
 * system calls), a few hundred bytes of code in one page: under TCG an exec of the 1.5 MB
 * static agent costs ~30 ms (mapping and translating its libc start-up), this one a few.
 * The micro-VM's initramfs has it as /bin/dojo-child, the build as build/bin/bpfdojo-child
 * next to the agent.  x86-64 Linux only, like the guest. */

#define NR_NANOSLEEP   35
#define NR_EXIT_GROUP  231
#define EINTR_         4

struct kts {
	long sec;
	long nsec;
};

static long sys2(long nr, long a, long b)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b) : "rcx", "r11", "memory");
	return ret;
}

static void __attribute__((noreturn)) die(int code)
{
	for (;;)
		sys2(NR_EXIT_GROUP, code, 0);
}

/* The digits after @prefix in @s, or -1: not the prefix, no digit, junk after, or > max. */
static long number(const char *s, const char *prefix, long max)
{
	long v = 0;

	for (; *prefix; prefix++, s++)
		if (*s != *prefix)
			return -1;
	if (*s < '0' || *s > '9')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > max)
			return -1;
	}
	return v;
}

static const char *getenv_child(char **envp)
{
	static const char name[] = "DOJO_CHILD=";

	for (; *envp; envp++) {
		const char *e = *envp;
		unsigned i = 0;

		while (name[i] && e[i] == name[i])
			i++;
		if (!name[i])
			return e + i;
	}
	return 0;
}

void __attribute__((noreturn, used)) child_start(long *sp);

void child_start(long *sp)
{
	char **envp = (char **)(sp + 1 + sp[0] + 1);   /* argc, argv[argc], NULL, envp */
	const char *spec = getenv_child(envp);
	long v;

	if (!spec)
		die(127);
	if ((v = number(spec, "exit:", 255)) >= 0)
		die((int)v);
	if ((v = number(spec, "sleep:", 60000)) >= 0) {
		struct kts ts = { v / 1000, (v % 1000) * 1000000L };

		while (sys2(NR_NANOSLEEP, (long)&ts, (long)&ts) == -EINTR_)
			;
		die(0);
	}
	die(127);
}

__asm__(".text\n"
	".globl _start\n"
	"_start:\n"
	"	xor %ebp, %ebp\n"
	"	mov %rsp, %rdi\n"
	"	and $-16, %rsp\n"
	"	call child_start\n"
	"	hlt\n");
