/* jsonx.c: safe JSON strings from any bytes; see jsonx.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "jsonx.h"
#include "utf8.h"

json_t *jsonx_string(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char *out, *o;
	json_t *j;

	if (!s || !len)
		return json_string("");
	if (utf8_valid(s, len))
		return json_stringn(s, len);
	out = malloc(len * 3 + 1);
	if (!out)
		return NULL;
	o = out;
	while (len) {
		size_t n = utf8_seq_len(p, len);

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
