/**
 * The one random source of tests that need chance (chaos tests' pauses,
 * shuffles): seeded, and the seed printed, so a failure can be replayed with
 * `TESSERA_TEST_SEED=<seed>`. Pure TypeScript, so tests in every runtime
 * (server, main, renderer, e2e) can use it.
 */
export interface SeededRandom {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max). */
  int(min: number, max: number): number;
}

export const seedVariable = 'TESSERA_TEST_SEED';

/** mulberry32: tiny, fast and good enough to pick pauses and orders. */
export function randomFromSeed(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { seed: seed >>> 0, next, int: (min, max) => min + Math.floor(next() * (max - min)) };
}

/**
 * A seeded source for the test `name`: the seed comes from TESSERA_TEST_SEED
 * when set (to replay a failure), else a fresh one; either way it is printed.
 */
export function seededRandom(name: string): SeededRandom {
  const given = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[seedVariable];
  const seed = given !== undefined && given !== '' ? Number(given) : Math.floor(Math.random() * 4_294_967_296);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`${seedVariable} must be a non-negative integer, not "${given}"`);
  // eslint-disable-next-line no-console -- printing the seed is this module's job: a failure is replayed from it.
  console.info(`[${name}] random seed ${seed} (replay with ${seedVariable}=${seed})`);
  return randomFromSeed(seed);
}
