import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type JsonObject = Record<string, unknown>;

/**
 * Validates real responses against the OpenAPI document the server serves:
 * the response's path, method and status must be described there, and its
 * body must match the described schema.
 */
export class OpenApiValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly paths: Array<{ template: string; pattern: RegExp; item: JsonObject }>;

  readonly document: JsonObject;

  constructor(document: JsonObject) {
    this.document = document;
    (addFormats as unknown as (ajv: Ajv2020) => void)(this.ajv);
    if (document.openapi !== '3.1.0') throw new Error(`Expected OpenAPI 3.1.0, got ${String(document.openapi)}`);
    const paths = document.paths as Record<string, JsonObject>;
    this.paths = Object.entries(paths).map(([template, item]) => ({
      template,
      item,
      pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
    }));
  }

  /** Throws with a readable reason when the response is not what the document says. */
  check(method: string, pathname: string, status: number, contentType: string | null, body: unknown): void {
    const entry = this.paths.find((p) => p.pattern.test(pathname));
    if (!entry) throw new Error(`OpenAPI: no path matches ${pathname}`);
    const operation = entry.item[method.toLowerCase()] as JsonObject | undefined;
    if (!operation) {
      if (status === 405) return;
      throw new Error(`OpenAPI: ${method} ${entry.template} is not described`);
    }
    const responses = operation.responses as Record<string, JsonObject>;
    const response = responses[String(status)];
    if (!response) throw new Error(`OpenAPI: ${method} ${entry.template} does not describe status ${status} (described: ${Object.keys(responses).join(', ')})`);
    const content = response.content as Record<string, { schema: JsonObject }> | undefined;
    if (!content) {
      if (body !== undefined && body !== '') throw new Error(`OpenAPI: ${method} ${entry.template} ${status} has no body, got one`);
      return;
    }
    const mediaType = Object.keys(content)[0]!;
    if (contentType && !contentType.startsWith(mediaType)) throw new Error(`OpenAPI: ${method} ${entry.template} ${status} is ${mediaType}, got ${contentType}`);
    if (mediaType !== 'application/json') return;
    const key = `${method} ${entry.template} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(content[mediaType]!.schema);
      this.compiled.set(key, validate);
    }
    if (!validate(body)) {
      throw new Error(`OpenAPI: ${key} body does not match: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
    }
  }
}
