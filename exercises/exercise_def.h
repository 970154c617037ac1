/* exercise_def.h: what an exercise's answer.c uses to define its `struct exercise`.
 *
 * Not for callers of the registry (they use exercise.h).  EXERCISE_DECLARE(ident) declares the
 * texts that exercise-embed generates from the exercise's folder (ident is the folder's slug
 * without its number, '-' as '_': 01-process-name -> process_name) and the folder's workload
 * functions and struct; EXERCISE_TEXTS(ident) fills the struct's text fields with them, and
 * the fields the folder decides (path, chapter, numbers, hints, needs): answer.c sets only id,
 * title, expects, kind and answer. */
#ifndef DOJO_EXERCISE_DEF_H
#define DOJO_EXERCISE_DEF_H

#include "exercise.h"
#include "exercise_meta.h"   /* generated: EXERCISE_META_<ident> (exercises/embed.c) */

#define EXERCISE_DECLARE(n)							\
	extern const struct exercise exercise_##n;				\
	extern const char exercise_text_##n##_lesson_md[];			\
	extern const char exercise_text_##n##_starter[];			\
	extern const char exercise_text_##n##_solution[];			\
	extern const char exercise_text_##n##_wrong[];				\
	extern const char *const exercise_hints_##n[];				\
	int exercise_##n##_setup(const struct workload_ctx *ctx);		\
	int exercise_##n##_run(const struct workload_ctx *ctx)

#define EXERCISE_TEXTS(n)							\
	.setup = exercise_##n##_setup,						\
	.run = exercise_##n##_run,						\
	.lesson_md = exercise_text_##n##_lesson_md,				\
	.starter = exercise_text_##n##_starter,					\
	.solution = exercise_text_##n##_solution,				\
	.wrong = exercise_text_##n##_wrong,					\
	.hints = exercise_hints_##n,						\
	EXERCISE_META_##n

#endif
