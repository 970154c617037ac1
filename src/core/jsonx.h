/* jsonx.h: small helpers on top of jansson.
 *
 * Text that comes from a learner or a guest may hold any bytes; jansson refuses strings that
 * are not UTF-8, so every such string goes through jsonx_string(). */
#ifndef DOJO_JSONX_H
#define DOJO_JSONX_H

#include <jansson.h>
#include <stddef.h>

/* A JSON string of @s[0..len) with each byte of an invalid UTF-8 sequence replaced by U+FFFD.
 * A new reference, or NULL on allocation failure. */
json_t *jsonx_string(const char *s, size_t len);

/* Same for a NUL-terminated string (NULL gives ""). */
json_t *jsonx_str(const char *s);

#endif
