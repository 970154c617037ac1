/* registry.c: the list of exercises, in chapter order.
 *
 * Adding an exercise means adding its folder (exercises/<NN-chapter>/<NN-slug>/, found by
 * exercises.mk) and one line to EXERCISES below: the ident is the slug without its number,
 * with '_' for '-', and its answer.c defines `const struct exercise exercise_<ident>`. */
#include <string.h>
#include "exercise.h"

#define EXERCISES(X)		\
	X(process_name)		\
	X(long_name)		\
	X(argv_password)	\
	X(created_file)		\
	X(exit_code)		\
	X(count_writes)		\
	X(renamed_file)		\
	X(seek_offset)		\
	X(parent_name)		\
	X(udp_token)		\
	X(dns_query)		\
	X(accepted_pin)		\
	X(debited_account)	\
	X(failed_unlink)		\
	X(pwrite_offset)	\
	X(vault_bytes)	\
	X(file_owner)	\
	X(busiest_file)	\
	X(pool_threads)	\
	X(last_writer)	\
	X(comma_count)	\
	X(open_port)	\
	X(percpu_reads)	\
	X(tail_reads)	\
	X(fault_address)	\
	X(denied_open)	\
	X(connect_port)	\
	X(top_writes)	\
	X(call_tables)	\
	X(target_uid)	\
	X(printk_flags)	\
	X(stop_count)	\
	X(clock_offset)

#define X_DECLARE(n) extern const struct exercise exercise_##n;
EXERCISES(X_DECLARE)

#define X_ENTRY(n) &exercise_##n,
static const struct exercise *const all[] = { EXERCISES(X_ENTRY) };

size_t exercise_count(void)
{
	return sizeof(all) / sizeof(all[0]);
}

const struct exercise *exercise_at(size_t i)
{
	return i < exercise_count() ? all[i] : NULL;
}

const struct exercise *exercise_find(const char *id)
{
	if (!id)
		return NULL;
	for (size_t i = 0; i < exercise_count(); i++)
		if (strcmp(all[i]->id, id) == 0)
			return all[i];
	return NULL;
}
