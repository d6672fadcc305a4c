/**
 * The names of every IPC command and event. Kept apart from the schemas so
 * the preload can build the bridge without bundling a validator;
 * `contract.ts` checks at compile time that both lists match its schemas.
 */
export const commandNames = [
  'app:getInfo',
  'app:openExternal',
  'preferences:get',
  'preferences:update',
  'connections:list',
  'connections:add',
  'connections:update',
  'connections:remove',
  'connections:reorder',
  'connections:test',
  'connections:check',
  'vault:status',
  'demo:status',
  'demo:start',
  'demo:outbox',
  'sync:pull',
  'sync:push',
  'files:saveExport',
  'technicalUsers:delete',
  'technicalUsers:sessionsOn',
  'people:list',
  'people:integrations',
  'people:terminate',
  'people:transferApp',
  'people:editIntegration',
  'tokens:issue',
  'tokens:replace',
  'tokens:changeExpiry',
  'tokens:revoke',
  'tokens:remindersSent',
  'tokens:remind',
] as const;

export const eventNames = ['app:navigate', 'preferences:changed', 'connections:changed', 'demo:progress', 'demo:mail', 'sync:event'] as const;

export type CommandName = (typeof commandNames)[number];
export type EventName = (typeof eventNames)[number];

export function isCommandName(value: unknown): value is CommandName {
  return typeof value === 'string' && (commandNames as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (eventNames as readonly string[]).includes(value);
}
