import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomFromSeed, seededRandom, seedVariable } from './seededRandom.ts';

describe('the seeded random source of tests', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('gives the same sequence for the same seed, and another for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, randomFromSeed(seed).next);
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    for (const value of draw(7)) expect(value >= 0 && value < 1).toBe(true);
  });

  it('draws integers within [min, max)', () => {
    const random = randomFromSeed(1);
    const values = Array.from({ length: 200 }, () => random.int(200, 1000));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(200);
    expect(Math.max(...values)).toBeLessThan(1000);
    expect(new Set(values).size).toBeGreaterThan(50);
  });

  it('takes the seed from the environment to replay a failure, and prints it', () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    vi.stubEnv(seedVariable, '12345');
    const random = seededRandom('chaos');
    expect(random.seed).toBe(12345);
    expect(random.next()).toBe(randomFromSeed(12345).next());
    expect(info).toHaveBeenCalledWith(`[chaos] random seed 12345 (replay with ${seedVariable}=12345)`);
  });

  it('prints a fresh seed when none is given, and refuses a malformed one', () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    vi.stubEnv(seedVariable, '');
    const random = seededRandom('fresh');
    expect(info.mock.calls[0]![0]).toBe(`[fresh] random seed ${random.seed} (replay with ${seedVariable}=${random.seed})`);
    vi.stubEnv(seedVariable, 'abc');
    expect(() => seededRandom('bad')).toThrow(/must be a non-negative integer/);
  });
});
