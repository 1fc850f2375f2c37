/**
 * A tiny HTTP proxy on 127.0.0.1 for tests: forwards plain HTTP requests (absolute URIs) and tunnels CONNECT,
 * and records each. `refuseConnect` answers every CONNECT 403, so nothing leaves the machine.
 */
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';

export interface ProxyRecord {
  method: string;
  /** The absolute URI of a forwarded request, or host:port of a CONNECT. */
  target: string;
}

export interface TestProxy {
  url: string;
  seen: ProxyRecord[];
  close(): Promise<void>;
}

export async function startTestProxy(options: { refuseConnect?: boolean } = {}): Promise<TestProxy> {
  const seen: ProxyRecord[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', target: req.url ?? '' });
    const url = new URL(req.url ?? '');
    const upstream = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, client, head) => {
    seen.push({ method: 'CONNECT', target: req.url ?? '' });
    if (options.refuseConnect) {
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
