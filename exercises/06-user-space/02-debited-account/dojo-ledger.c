/* dojo-ledger.c: the program the debited-account exercise's probe watches, in the guest's /bin
 * (host mode: next to the agent).  It reads postings from stdin, one "ACCOUNT CENTS" a line
 * (CENTS negative for a debit), and fires the USDT probe ledger:post(account, cents) for each:
 * a probe note (<sys/sdt.h>, Debian's systemtap-sdt-dev) that `readelf -n` lists under
 * .note.stapsdt, with where its two arguments are at the probe's address.  Exits 0 when every
 * line was a posting, 1 otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sdt.h>

#define LEDGER_ACCOUNT_MAX 32
#define LEDGER_LINE_MAX    128

/* not inlined, and called once a posting: one probe site, with its arguments in registers */
static __attribute__((noinline)) void post(const char *account, long cents)
{
	DTRACE_PROBE2(ledger, post, account, cents);
	__asm__ volatile("" : : "r"(account), "r"(cents) : "memory");
}

int main(void)
{
	char line[LEDGER_LINE_MAX], account[LEDGER_ACCOUNT_MAX];
	int bad = 0;

	while (fgets(line, sizeof(line), stdin)) {
		char *space = strchr(line, ' '), *end;
		long cents;

		if (!space || (size_t)(space - line) >= sizeof(account) || space == line) {
			bad = 1;
			continue;
		}
		cents = strtol(space + 1, &end, 10);
		if (end == space + 1 || (*end != '\n' && *end != '\0')) {
			bad = 1;
			continue;
		}
		memcpy(account, line, (size_t)(space - line));
		account[space - line] = '\0';
		post(account, cents);
	}
	return bad;
}
