/**
 * The suite's environment: its seed (COLLAPSE_LAB_SEED, default "collapse-lab") and its profile
 * (COLLAPSE_LAB_PROFILE = "default" | "deep"; deep runs ten times more configurations per claim).
 */
import { rootKey, type StreamKey } from '../rng/stream.js';
import { oneOf } from '../validate.js';

export const DEFAULT_SUITE_SEED = 'collapse-lab';

/** The suite seed string: COLLAPSE_LAB_SEED or the fixed default. */
export function suiteSeed(): string {
  const value = process.env.COLLAPSE_LAB_SEED;
  return value === undefined || value === '' ? DEFAULT_SUITE_SEED : value;
}

/** The root key every random check derives its streams from. */
export function suiteKey(): StreamKey {
  return rootKey(`suite:${suiteSeed()}`);
}

export type Profile = 'default' | 'deep';

/** The active profile (COLLAPSE_LAB_PROFILE). */
export function profile(): Profile {
  const value = process.env.COLLAPSE_LAB_PROFILE;
  return value === undefined || value === '' ? 'default' : oneOf('COLLAPSE_LAB_PROFILE', value, ['default', 'deep'] as const);
}

/** Configurations per claim: `base` in the default profile, ten times more in the deep one. */
export function configurationsPerClaim(base: number): number {
  return profile() === 'deep' ? base * 10 : base;
}
