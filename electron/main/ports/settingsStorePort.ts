/**
 * Persistence for main's non-secret settings (electron-store in the app,
 * the same `conf` store underneath it in the test harness). The port moves
 * plain JSON; `SettingsRepository` owns the schema and migrations.
 */
export interface SettingsStorePort {
  read(): unknown;
  write(data: Record<string, unknown>): void;
  /** Keep unreadable content aside (never silently thrown away). */
  quarantine(raw: unknown, reason: string): void;
}
