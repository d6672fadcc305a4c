import { z } from 'zod';
import { connectorCapabilitiesSchema, connectorKinds } from './connectors.ts';

/** Colour labels a connection can carry (tenant column, chips, charts). */
export const connectionColors = ['#3a5bd9', '#1f8a5b', '#c2410c', '#9333ea', '#0e7490', '#b91c1c', '#a16207', '#475569'] as const;

const displayName = z.string().trim().min(1, 'Give the connection a name').max(80);
const baseUrl = z.string().trim().min(1, 'Enter the tenant\'s address').max(2048);
const clientId = z.string().trim().min(1, 'Enter the admin client id').max(256);
const clientSecret = z.string().min(1, 'Enter the client secret').max(4096);
const caCertificate = z
  .string()
  .max(64 * 1024)
  .refine((pem) => /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(pem), 'Paste a PEM certificate (-----BEGIN CERTIFICATE----- …)');
const color = z.string().regex(/^#[0-9a-f]{6}$/i);

/** What the person types to add a connection. The secret goes to the keychain, never anywhere else. */
export const connectionDraftSchema = z
  .object({
    displayName,
    baseUrl,
    clientId,
    clientSecret,
    caCertificate: caCertificate.nullable().optional(),
    color: color.optional(),
    /** Keep it even though the tenant cannot be reached right now (working offline). */
    saveUnreachable: z.boolean().optional(),
  })
  .strict();

/** An edit; a missing `clientSecret` keeps the stored one. */
export const connectionEditSchema = z
  .object({
    id: z.uuid(),
    displayName: displayName.optional(),
    baseUrl: baseUrl.optional(),
    clientId: clientId.optional(),
    clientSecret: clientSecret.optional(),
    caCertificate: caCertificate.nullable().optional(),
    color: color.optional(),
  })
  .strict();

/** Test a saved connection, or a draft (with the saved secret when editing without a new one). */
export const connectionTestRequestSchema = z.union([
  z.object({ id: z.uuid() }).strict(),
  z
    .object({
      draft: z
        .object({ id: z.uuid().optional(), baseUrl, clientId, clientSecret: clientSecret.optional(), caCertificate: caCertificate.nullable().optional() })
        .strict(),
    })
    .strict(),
]);

const connectionStates = ['checking', 'connected', 'offline', 'auth_failed', 'error'] as const;
export type ConnectionState = (typeof connectionStates)[number];

/** What the console knows of a tenant from `GET /tenant` (API.md, "Tenant"). */
const tenantSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  plan: z.object({ name: z.string(), technicalUserLimit: z.number() }),
  rootRoleId: z.string(),
  tokenPolicy: z.object({ defaultLifetimeDays: z.number(), maxLifetimeDays: z.number() }),
  counts: z.object({ technicalUsers: z.number() }),
  /** What stops working when the tenant has no technical user left. */
  technicalTasks: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })),
  /** Whether it e-mails subscribed technical users (absent: the tenant does not say). */
  notifications: z.object({ delivery: z.enum(['email', 'none']) }).optional(),
});
export type TenantSummary = z.infer<typeof tenantSummarySchema>;

export function toTenantSummary(info: TenantSummary): TenantSummary {
  return { id: info.id, name: info.name, timeZone: info.timeZone, plan: info.plan, rootRoleId: info.rootRoleId, tokenPolicy: info.tokenPolicy, counts: info.counts, technicalTasks: info.technicalTasks, ...(info.notifications ? { notifications: info.notifications } : {}) };
}

/** A connection as the renderer sees it: no secret, only whether one is stored. */
export const connectionViewSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  baseUrl: z.string(),
  clientId: z.string(),
  color: z.string(),
  /** The server's own tenant id (`GET /tenant`), null until the first contact. The connection's `id` is the local `tenantId`. */
  serverTenantId: z.string().nullable(),
  hasCustomCa: z.boolean(),
  /** Plain HTTP (allowed for loopback only): shown as "not encrypted". */
  encrypted: z.boolean(),
  demo: z.boolean(),
  state: z.enum(connectionStates),
  stateDetail: z.object({ code: z.string(), message: z.string() }).nullable(),
  lastCheckedAt: z.string().nullable(),
  lastConnectedAt: z.string().nullable(),
  tenant: tenantSummarySchema.nullable(),
  grantedScopes: z.array(z.string()),
  /** What kind of system the tenant is, and what Tessera can do there (shared/connectors.ts). */
  kind: z.enum(connectorKinds),
  capabilities: connectorCapabilitiesSchema,
});
export type ConnectionView = z.infer<typeof connectionViewSchema>;

const testStepIds = ['address', 'dns', 'tls', 'http', 'oauth', 'scopes', 'tenant'] as const;
const testStepSchema = z.object({
  id: z.enum(testStepIds),
  label: z.string(),
  status: z.enum(['ok', 'warning', 'failed', 'skipped']),
  detail: z.string(),
  code: z.string().optional(),
});
export type TestStep = z.infer<typeof testStepSchema>;

export const connectionTestReportSchema = z.object({
  ok: z.boolean(),
  steps: z.array(testStepSchema),
  tenant: tenantSummarySchema.nullable(),
  grantedScopes: z.array(z.string()),
  missingScopes: z.array(z.string()),
  encrypted: z.boolean(),
});
export type ConnectionTestReport = z.infer<typeof connectionTestReportSchema>;

export const vaultStatusSchema = z.union([
  z.object({ available: z.literal(true), store: z.string() }),
  z.object({ available: z.literal(false), reason: z.string(), fix: z.string() }),
]);
export type VaultStatus = z.infer<typeof vaultStatusSchema>;

export const demoStatusSchema = z.object({
  available: z.boolean(),
  reason: z.string().nullable(),
  running: z.array(z.object({ name: z.string(), url: z.string() })),
});
export type DemoStatus = z.infer<typeof demoStatusSchema>;

export const demoProgressSchema = z.object({ step: z.string(), done: z.number(), total: z.number() });

/** A notification e-mail a demo tenant sent, as the demo's local mail catcher received it. */
export const demoMailSchema = z.object({
  id: z.string(),
  receivedAt: z.string(),
  /** When the change happened (the message's Date), or null. */
  date: z.string().nullable(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  /** What it is about, from its X-Tessera-* headers: the tenant (its server tenant id), the subscribed technical users, the record. */
  serverTenantId: z.string().nullable(),
  technicalUserIds: z.array(z.string()),
  record: z.string().nullable(),
});
export type DemoMail = z.infer<typeof demoMailSchema>;

/** Scopes a connection's admin client needs, and what each one unlocks. */
export const requiredScopes = ['admin:read', 'admin:write'] as const;
export const optionalScopes: Record<string, string> = {
  'tokens:issue': 'issuing and replacing API tokens',
  'employees:manage': 'terminating employees and handing over integrations',
};
