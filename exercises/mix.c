/* mix.c: exercise_mix(), the deterministic key mixer answer functions build on.
 *
 * splitmix64's finalizer over key ^ salt: every bit of the key reaches every bit of the
 * result, so two exercises (two salts) derive unrelated secrets from the same key. */
#include "exercise.h"

uint64_t exercise_mix(uint64_t key, uint64_t salt)
{
	uint64_t z = (key ^ salt) + 0x9e3779b97f4a7c15ull;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}
