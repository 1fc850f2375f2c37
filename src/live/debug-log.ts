/**
 * `--debug`: one line per HTTP attempt the SDK makes (so its retries show as attempt 2, 3, …) and one per answer,
 * on stderr. A middleware innermost in the deserialize step (after signing, before the answer is parsed) sees the
 * request exactly as sent and the raw answer; secrets never reach the line:
 * Authorization (which holds the access key id and the signature), the session token and any header naming a
 * credential are redacted, and the body is shown only as its size.
 */
import type { BuildMiddleware, DeserializeMiddleware, HttpRequest, MiddlewareStack } from '@smithy/types';
import { sanitizeForTerminal } from '../io/sanitize.js';

const SECRET_HEADER = /^(authorization|x-amz-security-token|x-amz-credential|x-amz-signature|cookie|proxy-authorization)$|secret|token|credential|signature/i;

function headersOf(request: HttpRequest): string {
  return Object.entries(request.headers)
    .map(([name, value]) => `${name}: ${SECRET_HEADER.test(name) ? '[redacted]' : value}`)
    .join('; ');
}

const sizeOf = (body: unknown) => (typeof body === 'string' ? Buffer.byteLength(body) : body instanceof Uint8Array ? body.byteLength : 0);

interface HttpLike {
  statusCode?: number;
  headers?: Record<string, string>;
}

/** Adds the debug middleware to `client`; `write` gets whole lines. */
export function addDebugLog<I extends object, O extends object>(client: { middlewareStack: MiddlewareStack<I, O> }, write: (line: string) => void): void {
  const middleware: DeserializeMiddleware<I, O> = (next, context) => async (args) => {
    const request = args.request as HttpRequest;
    const started = Date.now();
    const operation = String(context.commandName ?? '').replace(/Command$/, '');
    const target = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}`;
    write(sanitizeForTerminal(`pcc: debug: → ${operation} ${request.method} ${target} (${sizeOf(request.body)} bytes) ${headersOf(request)}`) + '\n');
    try {
      const result = await next(args);
      const response = result.response as HttpLike;
      const errorType = response.headers?.['x-amzn-errortype'];
      const throttled = response.statusCode === 429 ? ' (throttled: the SDK retries)' : '';
      write(
        sanitizeForTerminal(
          `pcc: debug: ← ${operation} ${response.statusCode ?? '?'}${errorType ? ` ${errorType}` : ''}${throttled} in ${Date.now() - started} ms (request id ${response.headers?.['x-amzn-requestid'] ?? '?'})`,
        ) + '\n',
      );
      return result;
    } catch (error) {
      const e = error as { name?: string; code?: string; message?: string };
      write(sanitizeForTerminal(`pcc: debug: ← ${operation} no answer: ${e.code ?? e.name ?? 'Error'} ${e.message ?? ''} in ${Date.now() - started} ms`) + '\n');
      throw error;
    }
  };
  client.middlewareStack.add(middleware, { step: 'deserialize', priority: 'low', name: 'pccDebugLog', override: true });
}

/** Calls `seen` with the headers of every HTTP answer `client` receives (any status). */
export function onAnswerHeaders<I extends object, O extends object>(
  client: { middlewareStack: MiddlewareStack<I, O> },
  seen: (headers: Record<string, string>) => void,
): void {
  const middleware: DeserializeMiddleware<I, O> = (next) => async (args) => {
    const result = await next(args);
    seen((result.response as HttpLike).headers ?? {});
    return result;
  };
  client.middlewareStack.add(middleware, { step: 'deserialize', priority: 'low', name: 'pccAnswerHeaders', override: true });
}

/**
 * Refuses, before anything is signed or sent, a request to an endpoint that is not http:// or https://: an
 * endpoint_url or AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL without its scheme (`localhost:4566`) parses as a URL of
 * scheme `localhost:`, which the SDK would send somewhere else. The error (code ERR_INVALID_URL, as Node's own for
 * a string that is no URL) is a network error to pcc: it says to check the endpoint.
 */
export function refuseNonHttpEndpoints<I extends object, O extends object>(client: { middlewareStack: MiddlewareStack<I, O> }): void {
  const middleware: BuildMiddleware<I, O> = (next) => async (args) => {
    const request = args.request as HttpRequest;
    if (request.protocol !== 'http:' && request.protocol !== 'https:') {
      const endpoint = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}`;
      throw Object.assign(new Error(`the endpoint ${endpoint} is not an http:// or https:// URL`), { code: 'ERR_INVALID_URL' });
    }
    return next(args);
  };
  client.middlewareStack.add(middleware, { step: 'build', priority: 'high', name: 'pccHttpEndpointOnly', override: true });
}
