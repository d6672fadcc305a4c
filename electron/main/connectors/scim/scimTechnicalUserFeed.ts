import type { Checkpoint } from '../../../../shared/api/replication.ts';
import type { TechnicalUser } from '../../../../shared/api/technicalUsers.ts';
import { technicalUserFromScim, type ScimResource } from '../../../../shared/scim/scimUsers.ts';
import { SnapshotFeed, type FeedEntry } from '../../../../shared/sync/snapshotFeed.ts';
import type { ScimClient } from './scimClient.ts';

/** Which `User`s are technical users, by default (servers that mark them otherwise get another filter). */
export const defaultTechnicalUserFilter = 'userType eq "Technical"';

export interface ScimTechnicalUserFeed {
  /** Reads every technical user the service has (a snapshot) and takes the differences in. */
  refresh(): Promise<{ changed: number; vanished: number }>;
  /** v1-style pull of the changes after `checkpoint` (what the replica's puller asks for). */
  pull(checkpoint: Checkpoint | null, limit: number): { documents: Array<FeedEntry<TechnicalUser>>; checkpoint: Checkpoint | null };
  /** The resource as last read and its version, for a write to start from and be checked against. */
  lastRead(id: string): { resource: ScimResource; version: string | null } | undefined;
  /** The technical user as the feed holds it now (not a tombstone), if it does. */
  known(id: string): TechnicalUser | undefined;
  /** What the service answered to a write of Tessera's (or a fresh read of one resource): its state now, for the next pull. */
  takeResource(resource: ScimResource): TechnicalUser;
  /** A technical user Tessera deleted on the service. */
  takeDeleted(id: string): void;
}

/**
 * The technical users of one SCIM service as a change feed the replica can
 * pull like a v1 tenant's: each refresh reads the users the filter selects
 * (a full snapshot: a vanished id becomes a tombstone), maps them to v1
 * documents and keeps what a write needs. Nothing of another tenant is
 * ever in it: one feed per connection.
 */
export function createScimTechnicalUserFeed(deps: { client: ScimClient; filter?: string; timeZone: () => string; clock?: () => number }): ScimTechnicalUserFeed {
  const clock = deps.clock ?? Date.now;
  const feed = new SnapshotFeed<TechnicalUser>(clock);
  const read = new Map<string, { resource: ScimResource; version: string | null }>();
  return {
    async refresh() {
      const resources = await deps.client.listAll('/Users', deps.filter ?? defaultTechnicalUserFilter);
      const seenAt = new Date(clock()).toISOString();
      const users: TechnicalUser[] = [];
      read.clear();
      for (const resource of resources) {
        if (typeof resource.id !== 'string' || !resource.id) continue;
        const { user, version } = technicalUserFromScim(resource, { timeZone: deps.timeZone(), seenAt });
        read.set(user.id, { resource, version });
        users.push(user);
      }
      return feed.takeSnapshot(users);
    },
    pull: (checkpoint, limit) => feed.pull(checkpoint, limit),
    lastRead: (id) => read.get(id),
    known(id) {
      const entry = feed.get(id);
      if (!entry || entry._deleted) return undefined;
      const { _deleted: _gone, ...user } = entry;
      return user;
    },
    takeResource(resource) {
      const { user, version } = technicalUserFromScim(resource, { timeZone: deps.timeZone(), seenAt: new Date(clock()).toISOString() });
      read.set(user.id, { resource, version });
      feed.takeDelta([user]);
      return user;
    },
    takeDeleted(id) {
      read.delete(id);
      feed.takeDeleted(id);
    },
  };
}
