/* zstd-offset.c: print the byte offset of the first zstd frame magic (28 b5 2f fd) in a file.
 * Used by fetch-kernel.sh to find the compressed vmlinux inside a bzImage without relying on
 * grep -b or od, whose behaviour on binary data depends on the locale. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	static const unsigned char magic[4] = { 0x28, 0xb5, 0x2f, 0xfd };
	unsigned char win[4];
	long off = 0;
	size_t have = 0;
	FILE *f;
	int c;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FILE\n", argv[0]);
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	while ((c = getc(f)) != EOF) {
		if (have == 4) {
			memmove(win, win + 1, 3);
			have = 3;
			off++;
		}
		win[have++] = (unsigned char)c;
		if (have == 4 && !memcmp(win, magic, 4)) {
			printf("%ld\n", off);
			fclose(f);
			return 0;
		}
	}
	fclose(f);
	fprintf(stderr, "%s: no zstd frame found\n", argv[1]);
	return 1;
}
