import { z } from 'zod';
import type { Result } from '../result.ts';
import { sectionIds } from '../sections.ts';
import {
  connectionDraftSchema,
  connectionEditSchema,
  connectionTestReportSchema,
  connectionTestRequestSchema,
  connectionViewSchema,
  demoMailSchema,
  demoProgressSchema,
  demoStatusSchema,
  vaultStatusSchema,
} from '../connections.ts';
import { preferencesPatchSchema, preferencesSchema } from '../settings.ts';
import { checkpointSchema, maxPushRows, pushableCollections, rejectionSchema, replicationCollections, streamEventSchema } from '../api/replication.ts';
import { apiTokenSchema, maxOverlapSeconds } from '../api/tokens.ts';
import { sessionSchema } from '../api/sessions.ts';
import { employeeSchema, integrationSchema, terminationResultSchema, transferResultSchema } from '../api/employees.ts';
import { dateSchema, idSchema, timestampSchema } from '../api/common.ts';
import type { CommandName, EventName } from './channels.ts';

/**
 * The IPC contract between the renderer and main: every command
 * (`area:verb` → argument and result schema) and every event main sends.
 * Main validates each argument against it at runtime; the preload exposes
 * exactly these names; the renderer's `window.tessera` type is derived here.
 */

/** A command that takes no argument (the bridge sends `undefined`). */
const noArgument = z.union([z.undefined(), z.null()]).transform(() => undefined);

const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** `electron` in the desktop app, `harness` when tests bind main to a browser page. */
  runtime: z.enum(['electron', 'harness']),
  versions: z.object({ electron: z.string().nullable(), chrome: z.string().nullable(), node: z.string() }),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

const externalUrlSchema = z.object({ url: z.string().min(1).max(2048) }).strict();
const connectionIdSchema = z.object({ id: z.uuid() }).strict();
/** Documents cross IPC as plain records: main has already checked them against the tenant contract. */
const documentList = z.array(z.record(z.string(), z.unknown()));
const syncPullSchema = z
  .object({ connectionId: z.uuid(), collection: z.enum(replicationCollections), checkpoint: checkpointSchema.nullable(), limit: z.number().int().min(1).max(1000) })
  .strict();
const syncPushSchema = z
  .object({
    connectionId: z.uuid(),
    collection: z.enum(pushableCollections),
    rows: z.array(z.object({ newDocumentState: z.record(z.string(), z.unknown()), assumedMasterState: z.record(z.string(), z.unknown()).nullable() }).strict()).max(maxPushRows),
  })
  .strict();

const tokenTarget = { connectionId: z.uuid(), tokenId: idSchema };
/** The technical user's name, for the reveal window's heading only. */
const userNameSchema = z.string().min(1).max(64);
/** A token expiry reminder the console found due, described for a person. */
const reminderSchema = z
  .object({
    /** `connectionId|tokenId|expiresAt`. */
    key: z.string().min(3).max(300),
    threshold: z.number().int().min(1).max(366),
    /** Every threshold reached; all are remembered as sent. */
    reached: z.array(z.number().int().min(1).max(366)).max(10),
    userName: z.string().max(200),
    tenantName: z.string().max(200),
    label: z.string().max(200),
    prefix: z.string().max(32),
    expiresAt: timestampSchema,
  })
  .strict();

export const commands = {
  'app:getInfo': { args: noArgument, result: appInfoSchema },
  'app:openExternal': { args: externalUrlSchema, result: z.null() },
  'preferences:get': { args: noArgument, result: preferencesSchema },
  'preferences:update': { args: preferencesPatchSchema, result: preferencesSchema },
  'connections:list': { args: noArgument, result: z.array(connectionViewSchema) },
  'connections:add': { args: connectionDraftSchema, result: connectionViewSchema },
  'connections:update': { args: connectionEditSchema, result: connectionViewSchema },
  'connections:remove': { args: connectionIdSchema, result: z.object({ keychainEntryRemoved: z.boolean() }) },
  'connections:reorder': { args: z.object({ ids: z.array(z.uuid()).max(500) }).strict(), result: z.array(connectionViewSchema) },
  'connections:test': { args: connectionTestRequestSchema, result: connectionTestReportSchema },
  'connections:check': { args: connectionIdSchema, result: connectionViewSchema },
  'vault:status': { args: noArgument, result: vaultStatusSchema },
  'demo:status': { args: noArgument, result: demoStatusSchema },
  'demo:start': { args: noArgument, result: z.array(connectionViewSchema) },
  'demo:outbox': { args: noArgument, result: z.array(demoMailSchema) },
  // A pull page crosses IPC as JSON text (main has validated it): one string to copy instead of a thousand objects to clone.
  'sync:pull': { args: syncPullSchema, result: z.object({ documentsJson: z.string(), count: z.number().int().min(0), checkpoint: checkpointSchema.nullable() }) },
  'sync:push': { args: syncPushSchema, result: z.object({ conflicts: documentList, rejections: z.array(rejectionSchema), applied: documentList }) },
  'files:saveExport': {
    args: z.object({ suggestedName: z.string().min(1).max(200), format: z.enum(['csv', 'json', 'png']), content: z.string().max(256 * 1024 * 1024) }).strict(),
    result: z.union([z.object({ saved: z.literal(true), path: z.string(), bytes: z.number() }), z.object({ saved: z.literal(false) })]),
  },
  // Technical-user actions the tenant carries out at once (everything else about them goes through the replica).
  'technicalUsers:delete': { args: z.object({ connectionId: z.uuid(), id: idSchema, confirmLast: z.boolean() }).strict(), result: z.null() },
  'technicalUsers:sessionsOn': {
    args: z.object({ connectionId: z.uuid(), technicalUserId: idSchema, date: dateSchema }).strict(),
    result: z.object({ sessions: z.array(sessionSchema), truncated: z.boolean() }),
  },
  'people:list': { args: z.object({ connectionId: z.uuid(), q: z.string().max(200).optional() }).strict(), result: z.object({ people: z.array(employeeSchema), truncated: z.boolean() }) },
  'people:integrations': { args: z.object({ connectionId: z.uuid(), ownerId: idSchema }).strict(), result: z.array(integrationSchema) },
  'people:terminate': { args: z.object({ connectionId: z.uuid(), employeeId: idSchema, integrations: z.enum(['preserve', 'disable']) }).strict(), result: terminationResultSchema },
  'people:transferApp': { args: z.object({ connectionId: z.uuid(), integrationId: idSchema }).strict(), result: transferResultSchema },
  'people:editIntegration': {
    args: z.object({ connectionId: z.uuid(), integrationId: idSchema, actingUserId: idSchema, name: z.string().trim().min(1).max(128).optional(), active: z.boolean().optional() }).strict(),
    result: integrationSchema,
  },
  // Token answers carry metadata only: the secret goes from main straight to the reveal window.
  'tokens:issue': {
    args: z.object({ connectionId: z.uuid(), technicalUserId: idSchema, userName: userNameSchema, label: z.string().trim().max(128).optional(), expiresAt: timestampSchema.optional() }).strict(),
    result: z.object({ token: apiTokenSchema }),
  },
  'tokens:replace': {
    args: z.object({ ...tokenTarget, userName: userNameSchema, expiresAt: timestampSchema.optional(), overlapSeconds: z.number().int().min(0).max(maxOverlapSeconds).optional() }).strict(),
    result: z.object({ token: apiTokenSchema, replaced: apiTokenSchema }),
  },
  'tokens:changeExpiry': { args: z.object({ ...tokenTarget, expiresAt: timestampSchema }).strict(), result: apiTokenSchema },
  'tokens:revoke': { args: z.object(tokenTarget).strict(), result: z.null() },
  'tokens:remindersSent': { args: noArgument, result: z.record(z.string(), z.array(z.number())) },
  'tokens:remind': {
    args: z.object({ reminders: z.array(reminderSchema).max(5000), liveConnectionIds: z.array(z.string().max(64)).max(500) }).strict(),
    result: z.object({ shown: z.number().int(), supported: z.boolean() }),
  },
} as const satisfies Record<CommandName, { args: z.ZodType; result: z.ZodType }>;

export const events = {
  'app:navigate': z.object({ section: z.enum(sectionIds) }),
  'preferences:changed': preferencesSchema,
  'connections:changed': z.array(connectionViewSchema),
  'demo:progress': demoProgressSchema,
  'demo:mail': z.object({ total: z.number().int().min(0), subject: z.string() }),
  'sync:event': z.object({ connectionId: z.string(), event: streamEventSchema }),
} as const satisfies Record<EventName, z.ZodType>;

// Both name lists must match the schemas exactly (no extra, no missing).
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const commandNamesMatch: Exactly<keyof typeof commands, CommandName> = true;
const eventNamesMatch: Exactly<keyof typeof events, EventName> = true;
void commandNamesMatch;
void eventNamesMatch;

export type CommandArgs<C extends CommandName> = z.input<(typeof commands)[C]['args']>;
export type ParsedCommandArgs<C extends CommandName> = z.output<(typeof commands)[C]['args']>;
export type CommandResult<C extends CommandName> = z.output<(typeof commands)[C]['result']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
/** A main-process service method that carries out command C: its argument as main has parsed it, its answer as the contract says. */
export type ServiceCall<C extends CommandName> = (request: ParsedCommandArgs<C>) => Promise<CommandResult<C>>;

type CommandFunction<C extends CommandName> = undefined extends CommandArgs<C>
  ? (arg?: CommandArgs<C>) => Promise<Result<CommandResult<C>>>
  : (arg: CommandArgs<C>) => Promise<Result<CommandResult<C>>>;

type AreaOf<C> = C extends `${infer A}:${string}` ? A : never;
export type Area = AreaOf<CommandName>;

type AreaCommands<A extends Area> = {
  readonly [C in CommandName as C extends `${A}:${infer V}` ? V : never]: CommandFunction<C>;
};

/** What the preload exposes as `window.tessera`. */
export type TesseraBridge = { readonly [A in Area]: AreaCommands<A> } & {
  /** Subscribe to an event from main; returns the unsubscribe function. */
  readonly on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
};
