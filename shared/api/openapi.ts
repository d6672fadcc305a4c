import { z } from 'zod';
import { apiErrorSchema, errorCodes, type ApiErrorCode } from './common.ts';
import { oauthErrorSchema } from './oauth.ts';
import { authErrors, commonErrors, routes, type RouteSpec } from './routes.ts';

type JsonObject = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonObject;
  delete json.$schema;
  return json;
}

const statusText: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content' };

/** The OpenAPI 3.1 document for Tenant Admin API v1, generated from the route table. */
export function buildOpenApiDocument(serverUrl?: string): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const [operationId, route] of Object.entries(routes) as Array<[string, RouteSpec]>) {
    const parameters: JsonObject[] = [];
    for (const match of route.path.matchAll(/\{(\w+)\}/g)) {
      parameters.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
    }
    if (route.query) {
      const shape = route.query.shape as Record<string, z.ZodType>;
      for (const [name, schema] of Object.entries(shape)) {
        parameters.push({ name, in: 'query', required: !schema.safeParse(undefined).success, schema: schemaOf(schema, 'input') });
      }
    }
    if (route.ifMatch) parameters.push({ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: '"<revision>"' });

    const responses: Record<string, JsonObject> = {};
    for (const [status, schema] of Object.entries(route.responses)) {
      if (route.stream) {
        responses[status] = { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } };
      } else {
        responses[status] = schema === null ? { description: statusText[Number(status)] ?? 'OK' } : { description: statusText[Number(status)] ?? 'OK', content: { 'application/json': { schema: schemaOf(schema, 'output') } } };
      }
    }
    const errors = new Set<ApiErrorCode>([...commonErrors, ...(route.auth === 'admin' || route.auth === 'integration' ? authErrors : []), ...route.errors]);
    const byStatus = new Map<number, ApiErrorCode[]>();
    for (const code of errors) byStatus.set(errorCodes[code], [...(byStatus.get(errorCodes[code]) ?? []), code]);
    if (route.auth === 'client') {
      byStatus.set(400, [...(byStatus.get(400) ?? [])]);
      byStatus.set(401, [...(byStatus.get(401) ?? [])]);
    }
    for (const [status, codes] of byStatus) {
      const errorSchema = route.auth === 'client' && (status === 400 || status === 401) ? oauthErrorSchema : apiErrorSchema;
      responses[String(status)] = {
        description: codes.length ? `Error: ${codes.join(', ')}` : 'OAuth error',
        content: { 'application/json': { schema: schemaOf(errorSchema, 'output') } },
      };
    }
    const operation: JsonObject = { operationId, summary: route.summary, parameters, responses };
    if (route.body) {
      const mediaType = route.bodyKind === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
      operation.requestBody = { required: true, content: { [mediaType]: { schema: schemaOf(route.body, 'input') } } };
    }
    if (route.auth === 'admin') operation.security = [{ adminBearer: route.scope ? [route.scope] : [] }];
    if (route.auth === 'integration') operation.security = [{ integrationBearer: [] }];
    if (route.auth === 'none' || route.auth === 'client') operation.security = [];
    const pathItem = (paths[route.path] ??= {});
    pathItem[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Tenant Admin API', version: '1.0.0', description: 'The contract between Tessera and a tenant instance.' },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      securitySchemes: {
        adminBearer: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/oauth/token', scopes: { 'admin:read': 'Read', 'admin:write': 'Write', 'tokens:issue': 'Issue API tokens', 'employees:manage': 'Terminate employees, hand over integrations' } } } },
        integrationBearer: { type: 'http', scheme: 'bearer', description: 'A technical user\'s API token, or an access token it was exchanged for' },
      },
    },
  };
}
