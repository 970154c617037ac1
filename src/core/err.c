/* err.c: filling a struct dojo_err; see err.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "err.h"

int dojo_err_set(struct dojo_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

void dojo_err_clear(struct dojo_err *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}
