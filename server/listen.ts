/**
 * Starts the HTTP server and stops it cleanly.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { UpstreamError } from '../core/errors';

/** A running server with its address. */
export interface RunningServer {
  readonly server: Server;
  /** Base URL with a trailing slash, such as `http://127.0.0.1:8080/`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Listens on `host:port` (port 0 picks a free port).
 * @throws UpstreamError when the port cannot be bound, naming host and port.
 */
export function listen(app: Express, host: string, port: number): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    // Keep idle connections open longer than the usual client and proxy idle timeouts (60 s), so a client never
    // sends a request on a connection that the server is closing at that moment.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    server.once('error', (error) => {
      reject(new UpstreamError(`Could not listen on ${host}:${port}; choose another port with --port or BOUWBLOKKEN_PORT`, { cause: error }));
    });
    server.once('listening', () => {
      const address = server.address() as AddressInfo;
      const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        server,
        url: `http://${hostPart}:${address.port}/`,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
