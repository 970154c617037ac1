// noprog: includes dojo.h but marks no function with SEC(...).
#include "common.h"
#include "dojo.h"

int forgot_the_section(void *ctx)
{
	return 0;
}
