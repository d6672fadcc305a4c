import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { schemaSql, schemaVersion } from './schema.ts';


/**
 * The SQLite database of one tenant (Node's built-in `node:sqlite`), in WAL
 * mode. Every write runs in one transaction; the process is single-threaded
 * and the driver synchronous, so transactions never interleave.
 */
export class TenantDatabase {
  readonly sqlite: DatabaseSync;
  private readonly statements = new Map<string, ReturnType<DatabaseSync['prepare']>>();
  private depth = 0;

  constructor(file: string) {
    this.sqlite = new DatabaseSync(file);
    this.sqlite.exec('PRAGMA journal_mode = WAL');
    // NORMAL in WAL mode survives a killed process (the OS keeps what was
    // written); FULL would also survive power loss, at an fsync per commit.
    this.sqlite.exec(`PRAGMA synchronous = ${process.env.TESSERA_TENANT_SYNC === 'full' ? 'FULL' : 'NORMAL'}`);
    this.sqlite.exec('PRAGMA foreign_keys = ON');
    this.sqlite.exec('PRAGMA busy_timeout = 5000');
    this.transaction(() => {
      this.sqlite.exec(schemaSql);
      const current = this.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', 'schemaVersion');
      if (!current) this.run('INSERT INTO meta (key, value) VALUES (?, ?)', 'schemaVersion', String(schemaVersion));
      else if (Number(current.value) > schemaVersion) throw new Error(`This database was written by a newer server (schema ${current.value}).`);
    });
  }

  private prepared(sql: string) {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.sqlite.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  get<T>(sql: string, ...params: SQLInputValue[]): T | undefined {
    return this.prepared(sql).get(...params) as T | undefined;
  }

  all<T>(sql: string, ...params: SQLInputValue[]): T[] {
    return this.prepared(sql).all(...params) as T[];
  }

  run(sql: string, ...params: SQLInputValue[]): { changes: number } {
    const result = this.prepared(sql).run(...params);
    return { changes: Number(result.changes) };
  }

  /** Runs `work` in one transaction (nested calls join the outer one). */
  transaction<T>(work: () => T): T {
    if (this.depth > 0) {
      this.depth += 1;
      try {
        return work();
      } finally {
        this.depth -= 1;
      }
    }
    this.sqlite.exec('BEGIN IMMEDIATE');
    this.depth = 1;
    try {
      const result = work();
      this.sqlite.exec('COMMIT');
      return result;
    } catch (error) {
      this.sqlite.exec('ROLLBACK');
      throw error;
    } finally {
      this.depth = 0;
    }
  }

  meta(key: string): string | undefined {
    return this.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', key, value);
  }

  integrityCheck(): string {
    return this.get<{ integrity_check: string }>('PRAGMA integrity_check')?.integrity_check ?? 'unknown';
  }

  close(): void {
    this.statements.clear();
    this.sqlite.close();
  }
}
