import { describe, expect, it } from 'vitest';
import { errorCodes } from '../api/common.ts';
import { scimErrorSchemaUrn, scimRefusal } from './scimErrors.ts';

const body = (status: number, scimType?: string, detail?: string) => ({ schemas: [scimErrorSchemaUrn], status: String(status), ...(scimType ? { scimType } : {}), ...(detail ? { detail } : {}) });

describe('SCIM errors in the console’s words', () => {
  it('maps scimType first, then the status, keeping the service’s detail', () => {
    expect(scimRefusal(409, body(409, 'uniqueness', 'userName "CRM" is already taken'))).toEqual({ code: 'name_taken', message: 'The SCIM service refused this (HTTP 409, uniqueness): userName "CRM" is already taken', retry: false });
    expect(scimRefusal(400, body(400, 'invalidValue', 'timezone is not valid')).code).toBe('validation_failed');
    expect(scimRefusal(400, body(400, 'invalidFilter')).code).toBe('invalid_request');
    expect(scimRefusal(412, body(412)).code).toBe('revision_mismatch');
    expect(scimRefusal(404, body(404, undefined, 'Resource 2819c223 not found')).message).toBe('The SCIM service refused this (HTTP 404): Resource 2819c223 not found');
    expect(scimRefusal(401, 'not json')).toMatchObject({ code: 'invalid_token', message: 'The SCIM service refused this (HTTP 401).' });
  });

  it('a busy or broken service is to be tried again, not shown as a refusal', () => {
    expect(scimRefusal(429, body(429))).toMatchObject({ code: 'rate_limited', retry: true });
    expect(scimRefusal(503, null)).toMatchObject({ code: 'internal', retry: true });
    expect(scimRefusal(400, body(400, 'invalidSyntax')).retry).toBe(false);
  });

  it('every code it gives is one the console already explains', () => {
    for (const [status, type] of [[400, 'mutability'], [400, 'noTarget'], [400, 'tooMany'], [400, 'sensitive'], [400, 'invalidVers'], [400, 'invalidPath'], [405, undefined], [413, undefined], [403, undefined], [418, 'unheard-of']] as const) {
      expect(Object.keys(errorCodes)).toContain(scimRefusal(status, body(status, type)).code);
    }
  });
});
