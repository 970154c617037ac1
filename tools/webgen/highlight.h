/* highlight.h: build-time HTML helpers of the web generator: escaping and C highlighting. */
#ifndef WEBGEN_HIGHLIGHT_H
#define WEBGEN_HIGHLIGHT_H
#include <stdio.h>

/* write @n bytes of @s to @out with <, >, & and " escaped */
void webgen_escape(FILE *out, const char *s, size_t n);
/* write C source @s (@n bytes) as escaped HTML with hl-c/s/n/k/t/p/f spans */
void webgen_highlight_c(FILE *out, const char *s, size_t n);

#endif
