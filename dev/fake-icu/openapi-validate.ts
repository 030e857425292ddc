/**
 * Validates response (and request) bodies against intervals.icu's OpenAPI 3.0 spec
 * (../shared/intervals-openapi/openapi.json) with ajv. Reusable by any test:
 *
 *   import { assertValidResponse } from '../dev/fake-icu/openapi-validate';
 *   assertValidResponse('GET', '/api/v1/athlete/0', 200, body);   // a concrete path or the spec's template
 *
 * Conversion from OpenAPI 3.0 to JSON Schema:
 * - `#/components/schemas/X` refs resolve into one registered document;
 * - `nullable: true` adds `null` to the type (the spec has none today, but the rule is there);
 * - strict (the default): every object schema that lists `properties` gets `additionalProperties: false`, so a field
 *   the spec does not know fails, as does a field of the wrong type (integers must be integers, int32 in range);
 *   `null` is refused wherever the spec does not allow it (pass `allowNull: true` to accept nulls, as the live API
 *   sends them for empty fields);
 * - formats: int32/int64 ranges, float/double/byte/binary accepted, date-time etc. from ajv-formats.
 *
 * Corrections to the spec, each because springdoc's generated schema cannot describe what the service sends:
 * 1. A bare `{"type":"object"}` is Java's `Object` (any JSON value). ActivityStream.data/data2 are in fact arrays of
 *    numbers (or of number arrays when valueTypeIsArray), and are checked as such.
 * 2. DataCurveSetPowerCurve.list is `DataCurveSet<PowerCurve>` with the generic erased: its entries are PowerCurve
 *    objects (they carry vo2max_5m, watts_per_kg ...), so list items are checked against PowerCurve.
 * 3. getActivity's `oneOf [Activity, ActivityWithIntervals, Hidden]` is checked as `anyOf`: ActivityWithIntervals is
 *    Activity plus two fields, so a plain activity matches both and `oneOf` could never pass.
 * 4. listActivities returns `Hidden` stubs for Strava imports ("An empty stub object is returned for Strava
 *    activities"), so its items are `anyOf [Activity, Hidden]`.
 * 5. `date-time` accepts the zone written without a colon: intervals.icu sends `2025-05-25T08:10:00.827+00:00`, and
 *    older records `…+0000`, which RFC 3339 (ajv-formats) refuses.
 * 6. `Wellness.locked` may be `null`: real records of a day never locked read `"locked": null`.
 * 7. `Event` has `workout_filename` and `workout_file_base64` (strings): listEvents' `ext` parameter "add[s]
 *    workout_filename and workout_file_base64 to workout object", but the schema does not list them.
 * 8. uploadActivity answers 201 with the same UploadResponse body as 200 (its description: "Response code is 201 if
 *    at least one new activity was created"); the spec lists only 200.
 * 9. downloadWorkout_1 (`/events/{eventId}/download{ext}`) answers a file, which the spec's bodiless 200 cannot
 *    describe: any body is accepted there.
 */
import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { OPENAPI_PATH } from './paths';
import { specificity, templateToRegExp } from './router';

type Json = Record<string, unknown>;

export interface ValidateOptions {
  /** Refuse fields the spec does not list (default true). */
  strict?: boolean;
  /** Accept null for any property (default false). */
  allowNull?: boolean;
}

export interface ValidationResult {
  valid: boolean;
  errors: string[];
  /** The spec's path template and operation that was used. */
  template?: string;
  operationId?: string;
}

interface Spec {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
}

const SCHEMA_ID = 'intervals-icu-openapi.json';
const REF_PREFIX = '#/components/schemas/';

let spec: Spec | undefined;
function loadSpec(): Spec {
  spec ??= JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as Spec;
  return spec;
}

const STREAM_VALUES = {
  type: 'array',
  items: { anyOf: [{ type: 'number' }, { type: 'null' }, { type: 'array', items: { type: ['number', 'null'] } }] },
};

/** Spec corrections 1, 2, 6 and 7 (see the file comment), applied to a deep copy of the component schemas. */
function correctedSchemas(): Record<string, Json> {
  const schemas = structuredClone(loadSpec().components.schemas);
  const stream = schemas.ActivityStream?.properties as Json | undefined;
  if (stream) {
    stream.data = STREAM_VALUES;
    stream.data2 = STREAM_VALUES;
  }
  const set = schemas.DataCurveSetPowerCurve?.properties as Json | undefined;
  if (set) set.list = { type: 'array', items: { $ref: `${REF_PREFIX}PowerCurve` } };
  const wellness = schemas.Wellness?.properties as Json | undefined;
  if (wellness) wellness.locked = { type: ['boolean', 'null'] };
  const event = schemas.Event?.properties as Json | undefined;
  if (event) {
    event.workout_filename = { type: 'string' };
    event.workout_file_base64 = { type: 'string', format: 'byte' };
  }
  return schemas;
}

const KEYWORDS_TO_DROP = new Set([
  'example',
  'xml',
  'externalDocs',
  'discriminator',
  'deprecated',
  'readOnly',
  'writeOnly',
]);

function convert(schema: unknown, options: Required<ValidateOptions>): unknown {
  if (Array.isArray(schema)) return schema.map((s) => convert(s, options));
  if (schema === null || typeof schema !== 'object') return schema;
  const s = schema as Json;
  if (typeof s.$ref === 'string') {
    return { $ref: s.$ref.startsWith(REF_PREFIX) ? `${SCHEMA_ID}${s.$ref}` : s.$ref };
  }
  // Java Object: any JSON value.
  if (s.type === 'object' && s.properties === undefined && s.additionalProperties === undefined) return {};

  const out: Json = {};
  for (const [k, v] of Object.entries(s)) {
    if (KEYWORDS_TO_DROP.has(k) || k === 'nullable') continue;
    if (k === 'properties') {
      const props: Json = {};
      for (const [name, prop] of Object.entries(v as Json)) {
        const converted = convert(prop, options);
        props[name] = options.allowNull ? { anyOf: [converted, { type: 'null' }] } : converted;
      }
      out.properties = props;
    } else if (k === 'items' || k === 'additionalProperties' || k === 'not') {
      out[k] = typeof v === 'object' ? convert(v, options) : v;
    } else if (k === 'oneOf' || k === 'anyOf' || k === 'allOf') {
      out[k] = convert(v, options);
    } else {
      out[k] = v;
    }
  }
  if (s.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else return { anyOf: [out, { type: 'null' }] };
  }
  if (options.strict && out.properties !== undefined && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

const ICU_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/i;

/** RFC 3339 date-time, or with the zone as `+0000` (spec correction 5). */
function isIcuDateTime(text: string): boolean {
  return ICU_DATE_TIME.test(text) && Number.isFinite(Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
}

function createAjv(options: Required<ValidateOptions>): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('date-time', { type: 'string', validate: isIcuDateTime });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addFormat('binary', true);
  const schemas: Json = {};
  for (const [name, schema] of Object.entries(correctedSchemas())) schemas[name] = convert(schema, options);
  ajv.addSchema({ $id: SCHEMA_ID, components: { schemas } });
  return ajv;
}

/** Operations that answer a file the spec gives no schema for (spec correction 9). */
const FILE_DOWNLOADS = new Set(['downloadWorkout_1']);

const ajvs = new Map<string, Ajv>();
const compiled = new Map<string, ValidateFunction | null>();

function normalise(options: ValidateOptions = {}): Required<ValidateOptions> {
  return { strict: options.strict ?? true, allowNull: options.allowNull ?? false };
}

function ajvFor(options: Required<ValidateOptions>): Ajv {
  const key = JSON.stringify(options);
  let ajv = ajvs.get(key);
  if (!ajv) {
    ajv = createAjv(options);
    ajvs.set(key, ajv);
  }
  return ajv;
}

/** The spec's template for a concrete path (or the template itself), most specific first. */
export function findTemplate(method: string, path: string): string | undefined {
  const paths = loadSpec().paths;
  const m = method.toLowerCase();
  const clean = path.split('?')[0] ?? path;
  if (paths[clean]?.[m]) return clean;
  const candidates = Object.keys(paths).filter((t) => paths[t]?.[m] && templateToRegExp(t).regex.test(clean));
  candidates.sort((a, b) => specificity(b) - specificity(a));
  return candidates[0];
}

function firstSchema(content: unknown): Json | undefined {
  if (!content || typeof content !== 'object') return undefined;
  for (const media of Object.values(content as Json)) {
    const schema = (media as Json | undefined)?.schema;
    if (schema) return schema as Json;
  }
  return undefined;
}

/** Spec corrections 3 and 4 (see the file comment). */
function correctedResponseSchema(operationId: string | undefined, schema: Json): Json {
  if (operationId === 'getActivity' && Array.isArray(schema.oneOf)) return { anyOf: schema.oneOf };
  if (operationId === 'listActivities') {
    return { type: 'array', items: { anyOf: [schema.items, { $ref: `${REF_PREFIX}Hidden` }] } };
  }
  return schema;
}

function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 25).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : '';
    return `${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
  });
}

function validateWith(
  key: string,
  schema: Json | undefined,
  body: unknown,
  options: Required<ValidateOptions>,
): string[] | null {
  let validate = compiled.get(key);
  if (validate === undefined) {
    validate = schema ? ajvFor(options).compile(convert(schema, options) as Json) : null;
    compiled.set(key, validate);
  }
  if (validate === null) return null;
  return validate(body) ? [] : formatErrors(validate.errors);
}

/** The spec's operation for a concrete path (or template), or the failed result saying there is none. */
function findOperation(
  method: string,
  path: string,
): { template: string; operation: Json; operationId: string | undefined } | ValidationResult {
  const template = findTemplate(method, path);
  if (!template) return { valid: false, errors: [`no operation ${method.toUpperCase()} ${path} in the spec`] };
  const operation = loadSpec().paths[template]?.[method.toLowerCase()] as Json;
  return { template, operation, operationId: operation.operationId as string | undefined };
}

/**
 * Checks a response body against the operation's schema for that status (or `default`). A response the spec gives
 * no body for must be empty (undefined or "").
 */
export function validateResponse(
  method: string,
  path: string,
  status: number,
  body: unknown,
  options?: ValidateOptions,
): ValidationResult {
  const opts = normalise(options);
  const found = findOperation(method, path);
  if ('errors' in found) return found;
  const { template, operation, operationId } = found;
  const responses = (operation.responses ?? {}) as Json;
  // Spec correction 8.
  const listed = operationId === 'uploadActivity' && status === 201 ? '200' : String(status);
  const response = (responses[listed] ?? responses.default) as Json | undefined;
  if (!response) {
    return { valid: false, errors: [`${operationId} has no response for status ${status}`], template, operationId };
  }
  const raw = firstSchema(response.content);
  if (!raw && operationId !== undefined && FILE_DOWNLOADS.has(operationId)) {
    return { valid: true, errors: [], template, operationId };
  }
  if (!raw) {
    const empty = body === undefined || body === '';
    return { valid: empty, errors: empty ? [] : ['the spec gives this response no body'], template, operationId };
  }
  const schema = correctedResponseSchema(operationId, raw);
  const key = `res ${JSON.stringify(opts)} ${method} ${template} ${status}`;
  const errors = validateWith(key, schema, body, opts) ?? [];
  return { valid: errors.length === 0, errors, template, operationId };
}

/** Checks a request body against the operation's requestBody schema (JSON). */
export function validateRequestBody(
  method: string,
  path: string,
  body: unknown,
  options?: ValidateOptions,
): ValidationResult {
  const opts = normalise(options);
  const found = findOperation(method, path);
  if ('errors' in found) return found;
  const { template, operation, operationId } = found;
  const schema = firstSchema((operation.requestBody as Json | undefined)?.content);
  const key = `req ${JSON.stringify(opts)} ${method} ${template}`;
  const errors = validateWith(key, schema, body, opts) ?? [];
  return { valid: errors.length === 0, errors, template, operationId };
}

/** Like {@link validateResponse} but throws with a readable message. */
export function assertValidResponse(
  method: string,
  path: string,
  status: number,
  body: unknown,
  options?: ValidateOptions,
): void {
  const result = validateResponse(method, path, status, body, options);
  if (!result.valid) {
    throw new Error(
      `${method.toUpperCase()} ${path} → ${status} does not match ${result.operationId ?? '?'} (${result.template ?? '?'}):\n  ${result.errors.join('\n  ')}`,
    );
  }
}

/** Property names of a component schema, in spec order (e.g. "Wellness"). */
export function componentProperties(name: string): string[] {
  return Object.keys((loadSpec().components.schemas[name]?.properties as Json | undefined) ?? {});
}

/** The properties of a component schema whose spec type is `number` or `integer`. */
export function numericComponentProperties(name: string): string[] {
  const properties = (loadSpec().components.schemas[name]?.properties ?? {}) as Record<string, { type?: string }>;
  return Object.keys(properties).filter((key) => ['number', 'integer'].includes(properties[key]?.type ?? ''));
}
