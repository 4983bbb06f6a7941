// A forward proxy on 127.0.0.1 for tests: it records every CONNECT (the host it names and the
// Proxy-Authorization header) and tunnels it to one local server, whatever host was named, so that
// requests to a host name only the proxy can "reach" arrive at the fake GitHub.
import { createServer } from 'node:http';
import { connect } from 'node:net';

export interface TestProxy {
  port: number;
  tunnels: Array<{ target: string; auth: string | undefined }>;
  close(): Promise<void>;
}

export async function startProxy(toPort: number): Promise<TestProxy> {
  const tunnels: TestProxy['tunnels'] = [];
  const server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client) => {
    tunnels.push({ target: req.url ?? '', auth: req.headers['proxy-authorization'] });
    const upstream = connect(toPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    tunnels,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
