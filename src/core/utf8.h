/* utf8.h: the one UTF-8 check every part uses (the source check before clang, diagnostics,
 * JSON from learner or guest text, the verifier diagnosis's JSON). */
#ifndef DOJO_UTF8_H
#define DOJO_UTF8_H

#include <stddef.h>

/* Length (1-4) of the valid UTF-8 sequence at @s, which has @n >= 1 bytes; 0 when the bytes
 * there are not valid UTF-8 (bad lead or continuation byte, truncated, overlong, a surrogate
 * or past U+10FFFF). */
size_t utf8_seq_len(const unsigned char *s, size_t n);

/* 1 if @s[0..len) is valid UTF-8, else 0. */
int utf8_valid(const char *s, size_t len);

#endif
