/**
 * The REST face of the sandbox: turns AWS Backup's rest-json HTTP requests
 * (as the AWS SDKs and the AWS CLI send them) into `host.call(operation,
 * input, context)` and the result back into the HTTP response AWS would give,
 * so learners can point a real SDK or `aws backup ... --endpoint-url` at the
 * sandbox. Pure functions over plain request/response objects: the local Node
 * server and the in-browser SDK handler both sit on top of it.
 *
 * Wire format (from the API model, see `routes.generated.ts`):
 * - URI labels are matched on the raw path, then percent-decoded (an ARN label
 *   arrives as `arn%3Aaws%3Aec2%3A...%3Asnapshot%2Fsnap-0abc`).
 * - Trailing slashes are ignored: the model has `/backup-vaults/` but the JS
 *   SDK v3 sends `/backup-vaults`, while botocore keeps the slash.
 * - Query-string timestamps are ISO 8601 (epoch seconds also accepted); JSON
 *   body timestamps and all output timestamps are epoch seconds with
 *   fractional milliseconds.
 *
 * Sandbox-only routes, all JSON, outside AWS's URI space:
 * - `POST /_sandbox/clock/advance` `{"seconds": N}` → `{"Now": iso}`
 * - `GET /_sandbox/clock` → `{"Now": iso}`
 * - `GET /_sandbox/resources|events|notifications|metrics|activity` →
 *   `{"Resources": [...]}` etc., timestamps as ISO strings.
 */
import type { ApiInput, CallContext, SandboxHost } from '../api.ts';
import { BackupError } from '../errors.ts';
import { ROUTES, type ParamSpec, type RouteSpec } from './routes.generated.ts';

/**
 * A request as the transport hands it over. `path` is the raw (still
 * percent-encoded) path; it may carry a `?query`, which is then parsed and
 * merged into `query`. `query` values are already decoded. Header names may be
 * in any case.
 */
export interface HttpRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: string;
}

/** A response for the transport to write out as is. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Access key id → 12-digit account id. */
export type AccessKeyAccounts = Readonly<Record<string, string>>;

export interface RouterOptions {
  /** Access keys of the sandbox and their accounts; `DEFAULT_ACCESS_KEYS` when absent. */
  accounts?: AccessKeyAccounts;
  /** The account of any access key not otherwise mapped; `111111111111` when absent. */
  defaultAccountId?: string;
  /** The Region when the request is not SigV4-signed; `us-east-1` when absent. */
  defaultRegion?: string;
}

/**
 * The access keys the sandbox documents, one per account of its organization:
 * the management account and one workload account. Secrets are not checked
 * (any secret works; signatures are not verified).
 */
export const DEFAULT_ACCESS_KEYS: AccessKeyAccounts = {
  AKIASANDBOXMGMT0001: '111111111111',
  AKIASANDBOXWORK0002: '222222222222',
};

export const DEFAULT_ACCOUNT_ID = '111111111111';
export const DEFAULT_REGION = 'us-east-1';

/** The largest clock jump `/_sandbox/clock/advance` accepts: 100 Julian years, in seconds. */
export const MAX_ADVANCE_SECONDS = 100 * 365.25 * 24 * 60 * 60;

/**
 * Who is calling, from the request headers, so the engine can keep accounts
 * and Regions apart as AWS does.
 *
 * - Access key id: from the SigV4 `Authorization` header
 *   (`AWS4-HMAC-SHA256 Credential=<key>/<yyyymmdd>/<region>/backup/aws4_request, ...`).
 * - Account: the key's entry in `accounts` (default `DEFAULT_ACCESS_KEYS`:
 *   `AKIASANDBOXMGMT0001` → `111111111111`, `AKIASANDBOXWORK0002` →
 *   `222222222222`); else the first run of exactly 12 digits in the key id
 *   that is a known account (a value of `accounts`, or the default account),
 *   so `AKIA222222222222TEST` is account 222222222222; else (any other key,
 *   or an unsigned request) `defaultAccountId` (`111111111111`).
 * - Region: the credential scope's Region; `defaultRegion` (`us-east-1`)
 *   when the request is not signed.
 * - Caller (recorded in the activity log): `arn:aws:iam::<account>:user/sandbox`.
 * - Source IP: the first address of `X-Forwarded-For`, when present.
 */
export function contextFromHeaders(headers: Record<string, string>, options: RouterOptions = {}): CallContext {
  const lower = lowerCaseKeys(headers);
  const accounts = options.accounts ?? DEFAULT_ACCESS_KEYS;
  const defaultAccountId = options.defaultAccountId ?? DEFAULT_ACCOUNT_ID;
  const scope = /Credential=([^/,\s]+)\/[^/,\s]*\/([^/,\s]+)\/[^/,\s]+\/aws4_request/.exec(lower['authorization'] ?? '');
  const accessKeyId = scope?.[1];
  const region = scope?.[2] ?? options.defaultRegion ?? DEFAULT_REGION;
  const accountId = accessKeyId === undefined ? defaultAccountId : accountOfKey(accessKeyId, accounts, defaultAccountId);
  const context: CallContext = { accountId, region, caller: `arn:aws:iam::${accountId}:user/sandbox` };
  const forwarded = lower['x-forwarded-for']?.split(',')[0]?.trim();
  if (forwarded) context.sourceIp = forwarded;
  return context;
}

function accountOfKey(accessKeyId: string, accounts: AccessKeyAccounts, defaultAccountId: string): string {
  const mapped = Object.hasOwn(accounts, accessKeyId) ? accounts[accessKeyId] : undefined;
  if (mapped !== undefined) return mapped;
  const known = new Set([...Object.values(accounts), defaultAccountId]);
  for (const run of accessKeyId.match(/\d+/g) ?? []) {
    if (run.length === 12 && known.has(run)) return run;
  }
  return defaultAccountId;
}

/**
 * Builds the request handler over a host (the engine, or a fake in tests).
 * The handler never throws: engine refusals become AWS-style error responses
 * and anything unexpected a 500 `ServiceUnavailableException`.
 */
export function createRouter(host: SandboxHost, options: RouterOptions = {}): (req: HttpRequest) => HttpResponse {
  let requests = 0;
  return (req) => {
    requests += 1;
    const requestId = `00000000-0000-4000-8000-${String(requests).padStart(12, '0')}`;
    const response = handle(host, options, req);
    response.headers['x-amzn-RequestId'] = requestId;
    return response;
  };
}

function handle(host: SandboxHost, options: RouterOptions, req: HttpRequest): HttpResponse {
  try {
    const method = req.method.toUpperCase();
    const [rawPath = '', rawQuery] = splitOnce(req.path, '?');
    const query = rawQuery === undefined ? req.query : { ...parseQueryString(rawQuery), ...req.query };
    if (rawPath === '/_sandbox' || rawPath.startsWith('/_sandbox/')) {
      return sandboxRoute(host, method, rawPath, req.body);
    }
    const match = matchRoute(method, rawPath, query);
    if (!match) return unknownRoute(method, rawPath);
    const input = buildInput(match, query, lowerCaseKeys(req.headers), req.body);
    const context = contextFromHeaders(req.headers, options);
    const output = host.call(match.route.spec.name, input, context) ?? {};
    const status = match.route.spec.status;
    // 204 No Content may carry no body on the wire.
    const body = status === 204 ? '' : JSON.stringify(mapDates(output, toEpochSeconds));
    return { status, headers: { 'content-type': 'application/json' }, body };
  } catch (error) {
    return errorResponse(error);
  }
}

// ---------------------------------------------------------------------------
// Route matching

type Segment = { kind: 'literal'; text: string } | { kind: 'label'; name: string; greedy: boolean };

interface CompiledRoute {
  spec: RouteSpec;
  method: string;
  segments: Segment[];
  /** Query keys the URI itself requires, such as `delete` in `...?delete`. */
  requiredQuery: string[];
}

interface RouteMatch {
  route: CompiledRoute;
  /** Label name → decoded value. */
  labels: Map<string, string>;
}

/** Splits a path into segments, ignoring one trailing slash (SDKs disagree on it). */
function pathSegments(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.replace(/^\//, '').split('/');
}

function compile(spec: RouteSpec): CompiledRoute {
  const [path = '', literalQuery = ''] = splitOnce(spec.uri, '?');
  const segments = pathSegments(path).map((part): Segment => {
    const label = /^\{([^}]+?)(\+)?\}$/.exec(part);
    return label ? { kind: 'label', name: label[1] ?? '', greedy: label[2] === '+' } : { kind: 'literal', text: part };
  });
  const requiredQuery = literalQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => splitOnce(pair, '=')[0] ?? pair);
  return { spec, method: spec.method, segments, requiredQuery };
}

const KIND_RANK = { literal: 0, label: 1, greedy: 2 } as const;

function rank(segment: Segment): number {
  return segment.kind === 'literal' ? KIND_RANK.literal : segment.greedy ? KIND_RANK.greedy : KIND_RANK.label;
}

/** Most specific first: URIs with a literal query, then literals before labels, segment by segment. */
function bySpecificity(a: CompiledRoute, b: CompiledRoute): number {
  if (a.requiredQuery.length !== b.requiredQuery.length) return b.requiredQuery.length - a.requiredQuery.length;
  const length = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i++) {
    const diff = rank(a.segments[i] as Segment) - rank(b.segments[i] as Segment);
    if (diff !== 0) return diff;
  }
  return b.segments.length - a.segments.length;
}

const COMPILED: readonly CompiledRoute[] = ROUTES.map(compile).sort(bySpecificity);

function matchRoute(method: string, path: string, query: Record<string, string | string[]>): RouteMatch | undefined {
  const parts = pathSegments(path);
  for (const route of COMPILED) {
    if (route.method !== method) continue;
    if (!route.requiredQuery.every((key) => Object.hasOwn(query, key))) continue;
    const raw = new Map<string, string[]>();
    if (!matchSegments(route.segments, 0, parts, 0, raw)) continue;
    const labels = new Map<string, string>();
    for (const [name, pieces] of raw) labels.set(name, pieces.map((piece) => decodeLabel(piece, name)).join('/'));
    return { route, labels };
  }
  return undefined;
}

/** Matches raw (still encoded) segments; a greedy label takes one or more segments. */
function matchSegments(segments: Segment[], si: number, parts: string[], pi: number, labels: Map<string, string[]>): boolean {
  const segment = segments[si];
  if (segment === undefined) return pi === parts.length;
  const part = parts[pi];
  if (part === undefined) return false;
  if (segment.kind === 'literal') {
    return part === segment.text && matchSegments(segments, si + 1, parts, pi + 1, labels);
  }
  if (part === '') return false;
  if (!segment.greedy) {
    labels.set(segment.name, [part]);
    if (matchSegments(segments, si + 1, parts, pi + 1, labels)) return true;
    labels.delete(segment.name);
    return false;
  }
  for (let end = parts.length; end > pi; end--) {
    const taken = parts.slice(pi, end);
    if (taken.some((piece) => piece === '')) continue;
    labels.set(segment.name, taken);
    if (matchSegments(segments, si + 1, parts, end, labels)) return true;
  }
  labels.delete(segment.name);
  return false;
}

function decodeLabel(raw: string, name: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new BackupError('InvalidParameterValueException', `The URI label ${name} is not valid percent-encoding: ${raw}`);
  }
}

function unknownRoute(method: string, path: string): HttpResponse {
  return jsonError(404, 'UnknownOperationException', {
    Message: `No AWS Backup operation matches ${method} ${path}`,
    Code: 'UnknownOperationException',
    Type: 'User',
  });
}

// ---------------------------------------------------------------------------
// Input

function buildInput(match: RouteMatch, query: Record<string, string | string[]>, headers: Record<string, string>, body: string): ApiInput {
  const { spec } = match.route;
  const parsed = parseBody(body);
  let input: ApiInput;
  if (spec.payload !== undefined) {
    input = Object.keys(parsed).length > 0 ? { [spec.payload]: parsed } : {};
  } else {
    input = parsed;
    for (const path of spec.bodyTimestamps ?? []) convertBodyTimestamps(input, path.split('.'), path);
  }
  for (const param of spec.params) {
    const raw =
      param.in === 'uri'
        ? match.labels.get(param.name)
        : param.in === 'querystring'
          ? query[param.name]
          : headerValue(headers, param);
    if (raw === undefined) continue;
    input[param.member] = convertParam(param, raw);
  }
  return input;
}

function headerValue(headers: Record<string, string>, param: ParamSpec): string | string[] | undefined {
  const value = headers[param.name.toLowerCase()];
  if (value === undefined) return undefined;
  return param.type === 'list' ? value.split(',').map((item) => item.trim()) : value;
}

function parseBody(body: string): ApiInput {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new BackupError('InvalidParameterValueException', 'Request body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BackupError('InvalidParameterValueException', 'Request body must be a JSON object');
  }
  return parsed as ApiInput;
}

/** Replaces the epoch-seconds (or ISO) timestamps at a dotted path with Dates, in place. */
function convertBodyTimestamps(value: unknown, steps: string[], path: string): void {
  if (value === null || typeof value !== 'object') return;
  const [step, ...rest] = steps;
  if (step === undefined) return;
  const container = value as Record<string, unknown>;
  const keys = step === '[]' || step === '{}' ? Object.keys(container) : [step];
  for (const key of keys) {
    if (!Object.hasOwn(container, key)) continue;
    if (rest.length > 0) {
      convertBodyTimestamps(container[key], rest, path);
    } else if (container[key] !== null) {
      container[key] = parseTimestamp(container[key], path);
    }
  }
}

function convertParam(param: ParamSpec, raw: string | string[]): unknown {
  if (param.type === 'list') return Array.isArray(raw) ? [...raw] : [raw];
  const value = Array.isArray(raw) ? (raw[0] ?? '') : raw;
  switch (param.type) {
    case 'string':
      return value;
    case 'integer':
    case 'long': {
      if (!/^[+-]?\d+$/.test(value.trim())) {
        throw new BackupError('InvalidParameterValueException', `${param.name} must be an integer, got "${value}"`);
      }
      return Number(value);
    }
    case 'boolean': {
      const lower = value.trim().toLowerCase();
      if (lower !== 'true' && lower !== 'false') {
        throw new BackupError('InvalidParameterValueException', `${param.name} must be true or false, got "${value}"`);
      }
      return lower === 'true';
    }
    case 'timestamp':
      return parseTimestamp(value, param.name);
  }
}

/** Epoch seconds (number or numeric string) or an ISO 8601 date-time → Date. */
function parseTimestamp(value: unknown, name: string): Date {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(Math.round(value * 1000));
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^[+-]?\d+(\.\d+)?$/.test(text)) return new Date(Math.round(Number(text) * 1000));
    if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(text)) {
      const date = new Date(text);
      if (!Number.isNaN(date.getTime())) return date;
    }
  }
  throw new BackupError(
    'InvalidParameterValueException',
    `${name} must be a timestamp (ISO 8601 or epoch seconds), got ${JSON.stringify(value)}`,
  );
}

// ---------------------------------------------------------------------------
// Output and errors

function toEpochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

function toIso(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * Copies a value with every Date replaced. A JSON.stringify replacer cannot do
 * this: `Date.prototype.toJSON` has already turned the Date into a string by
 * the time the replacer sees it.
 */
function mapDates(value: unknown, convert: (date: Date) => unknown): unknown {
  if (value instanceof Date) return convert(value);
  if (Array.isArray(value)) return value.map((item) => mapDates(item, convert));
  if (value !== null && typeof value === 'object') {
    const withToJson = value as { toJSON?: unknown };
    if (typeof withToJson.toJSON === 'function') return mapDates((withToJson.toJSON as () => unknown).call(value), convert);
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = mapDates(item, convert);
    return copy;
  }
  return value;
}

function jsonError(status: number, name: string, body: Record<string, unknown>): HttpResponse {
  return {
    status,
    headers: { 'x-amzn-ErrorType': name, 'content-type': 'application/json' },
    body: JSON.stringify(mapDates(body, toIso)),
  };
}

/**
 * The error response AWS's rest-json protocol gives: the exception name in
 * `x-amzn-ErrorType` (which the SDKs read first) and a body with `Message`,
 * `Code`, `Type` (`User`, or `Server` for 5xx), AWS's optional `Context`,
 * `Arn`, `CreatorRequestId`, plus `SandboxRule` (id, summary, sources) naming
 * the sandbox rule that refused the call.
 */
function errorResponse(error: unknown): HttpResponse {
  if (error instanceof BackupError) {
    const status = error.httpStatus;
    const body: Record<string, unknown> = {
      Message: error.message,
      Code: error.code ?? error.name,
      Type: status >= 500 ? 'Server' : 'User',
    };
    if (error.context !== undefined) body['Context'] = error.context;
    if (error.arn !== undefined) body['Arn'] = error.arn;
    if (error.creatorRequestId !== undefined) body['CreatorRequestId'] = error.creatorRequestId;
    if (error.rule !== undefined) body['SandboxRule'] = error.rule;
    return jsonError(status, error.name, body);
  }
  const message = error instanceof Error ? error.message : String(error);
  return jsonError(500, 'ServiceUnavailableException', {
    Message: message,
    Code: 'ServiceUnavailableException',
    Type: 'Server',
  });
}

// ---------------------------------------------------------------------------
// Sandbox-only routes

const VIEWS = {
  resources: 'Resources',
  events: 'Events',
  notifications: 'Notifications',
  metrics: 'Metrics',
  activity: 'Activity',
} as const;

function sandboxRoute(host: SandboxHost, method: string, path: string, body: string): HttpResponse {
  const route = path.replace(/\/$/, '');
  if (method === 'GET' && route === '/_sandbox/clock') return sandboxJson({ Now: host.now() });
  if (method === 'POST' && route === '/_sandbox/clock/advance') {
    const seconds = advanceSeconds(body);
    return sandboxJson({ Now: host.advance(seconds) });
  }
  const view = /^\/_sandbox\/([a-z]+)$/.exec(route)?.[1];
  if (method === 'GET' && view !== undefined && Object.hasOwn(VIEWS, view)) {
    const key = view as keyof typeof VIEWS;
    return sandboxJson({ [VIEWS[key]]: host[key]() });
  }
  return unknownRoute(method, path);
}

function advanceSeconds(body: string): number {
  const parsed = parseBody(body);
  const seconds = parsed['seconds'];
  const problem =
    seconds === undefined
      ? 'seconds is required'
      : typeof seconds !== 'number'
        ? 'seconds must be a number'
        : !Number.isFinite(seconds)
          ? 'seconds must be finite'
          : seconds <= 0
            ? 'seconds must be positive'
            : seconds > MAX_ADVANCE_SECONDS
              ? `seconds must be at most ${MAX_ADVANCE_SECONDS} (100 years)`
              : undefined;
  if (problem !== undefined) throw new BackupError('InvalidParameterValueException', problem);
  return seconds as number;
}

function sandboxJson(value: Record<string, unknown>): HttpResponse {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(mapDates(value, toIso)) };
}

// ---------------------------------------------------------------------------
// Small helpers

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  return lower;
}

function decodeQueryPart(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** `a=1&a=2&b` → `{ a: ['1', '2'], b: '' }`. */
function parseQueryString(text: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const [rawKey = '', rawValue = ''] = splitOnce(pair, '=');
    const key = decodeQueryPart(rawKey);
    const value = decodeQueryPart(rawValue);
    const existing = query[key];
    query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}
