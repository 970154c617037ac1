/* jsonx.c: UTF-8 checking and safe JSON strings; see jsonx.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "jsonx.h"

/* Length of the valid UTF-8 sequence at @p (at most @left bytes), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *p, size_t left)
{
	uint32_t c;
	size_t n;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, c = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, c = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, c = p[0] & 0x07;
	else
		return 0;
	if (n > left)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	return n;
}

int jsonx_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	while (len) {
		size_t n = utf8_seq(p, len);

		if (!n)
			return 0;
		p += n;
		len -= n;
	}
	return 1;
}

json_t *jsonx_string(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char *out, *o;
	json_t *j;

	if (!s || !len)
		return json_string("");
	if (jsonx_utf8_valid(s, len))
		return json_stringn(s, len);
	out = malloc(len * 3 + 1);
	if (!out)
		return NULL;
	o = out;
	while (len) {
		size_t n = utf8_seq(p, len);

		if (!n) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			n = 1;
		} else {
			memcpy(o, p, n);
			o += n;
		}
		p += n;
		len -= n;
	}
	j = json_stringn((const char *)out, (size_t)(o - out));
	free(out);
	return j;
}

json_t *jsonx_str(const char *s)
{
	return s ? jsonx_string(s, strlen(s)) : json_string("");
}
