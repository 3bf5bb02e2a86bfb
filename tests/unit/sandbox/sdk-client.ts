/**
 * A real `BackupClient` (AWS SDK for JavaScript v3) wired straight to the
 * sandbox router, in process: the SDK serializes, signs and parses exactly as
 * it would against AWS, only the transport is a function call. Tests use it to
 * prove the router speaks the wire format the SDK speaks.
 *
 * `@smithy/protocol-http` is not resolvable from the repo root (newer SDKs
 * fold it into `@smithy/core`), so the handler returns a plain object of the
 * `HttpResponse` shape; the type comes from `@smithy/core/protocols`, which
 * is what `BackupClient`'s `requestHandler` option is typed with.
 */
import * as sdk from '@aws-sdk/client-backup';
import type { BackupClient } from '@aws-sdk/client-backup';
import type { HttpHandler } from '@smithy/core/protocols';
import type { HttpRequest as RouterRequest, HttpResponse as RouterResponse } from '../../../src/lib/sandbox/rest/router.ts';

/** The SDK module. Tests take the command and exception classes from here. */
export { sdk };

export type Router = (req: RouterRequest) => RouterResponse;

export interface SandboxClientOptions {
  region?: string;
  accessKeyId?: string;
}

/**
 * The SDK hands JSON bodies over as a `Uint8Array` (an empty input as the
 * string `{}`), and GET requests without a body.
 */
function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (ArrayBuffer.isView(body)) return new TextDecoder().decode(body);
  if (body instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(body));
  throw new Error(`sandboxClient: unsupported request body of type ${Object.prototype.toString.call(body)}`);
}

/** An `HttpHandler` that calls the router instead of opening a socket. */
export function routerHandler(router: Router): HttpHandler {
  return {
    async handle(request) {
      const query: Record<string, string | string[]> = {};
      for (const [key, value] of Object.entries(request.query ?? {})) {
        if (value === null || value === undefined) query[key] = '';
        else query[key] = Array.isArray(value) ? value.map(String) : String(value);
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) headers[name] = String(value);
      const response = router({ method: request.method, path: request.path, query, headers, body: bodyText(request.body) });
      // A real HTTP client hands the SDK lower-cased header names.
      const responseHeaders: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) responseHeaders[name.toLowerCase()] = value;
      return {
        response: {
          statusCode: response.status,
          headers: responseHeaders,
          // The SDK's body collector takes a Uint8Array as is (no stream needed).
          body: new TextEncoder().encode(response.body),
        },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
  };
}

/**
 * A `BackupClient` talking to `router`. Retries are off (`maxAttempts: 1`):
 * the sandbox is deterministic, and a retried 5xx would run the operation
 * twice and, with the SDK's back-off, slow the test down.
 */
export function sandboxClient(
  router: Router,
  { region = 'us-east-1', accessKeyId = 'AKIASANDBOXMGMT0001' }: SandboxClientOptions = {},
): BackupClient {
  return new sdk.BackupClient({
    region,
    endpoint: 'http://sandbox.local',
    credentials: { accessKeyId, secretAccessKey: 'sandbox' },
    requestHandler: routerHandler(router),
    maxAttempts: 1,
  });
}
