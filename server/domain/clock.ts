import type { Clock } from './tenantStore.ts';

/**
 * The system clock, unless a test or the seeder pins it to a moment (the
 * demo seed replays 30 days of integration calls at their real times).
 */
export class AdjustableClock implements Clock {
  private pinned: number | null = null;

  now(): Date {
    return new Date(this.pinned ?? Date.now());
  }

  pin(at: Date | number): void {
    this.pinned = typeof at === 'number' ? at : at.getTime();
  }

  advance(ms: number): void {
    this.pinned = (this.pinned ?? Date.now()) + ms;
  }

  release(): void {
    this.pinned = null;
  }
}
