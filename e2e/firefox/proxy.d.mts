// Types of the plain-JS proxy (proxy.mjs).
import type { IncomingHttpHeaders } from 'node:http';

export interface ProxyResponse {
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array | null;
}

/** What a URL gets: a response, or null to drop the connection (a network error in the browser). */
export type ProxyResolver = (
  url: string,
  request: { method: string; headers: IncomingHttpHeaders },
) => ProxyResponse | null | Promise<ProxyResponse | null>;

export interface ProxyOptions {
  resolve: ProxyResolver;
  /** Default: a free port. */
  port?: number;
  /** Default: a fresh self-signed certificate for CERT_HOSTS (openssl CLI). */
  tls?: { key: string; cert: string };
}

export interface ProxyLogEntry {
  url: string;
  method: string;
  /** 0: dropped (the resolver returned null or threw). */
  status: number;
  error?: string;
}

export interface TestProxy {
  host: string;
  port: number;
  /** Every request answered or dropped, and every CONNECT (as connect://host:port), in order. */
  log: ProxyLogEntry[];
  /** The certificate's PEM. */
  cert: string;
  /** Requests answered (status > 0) whose URL starts with the string or matches the pattern. */
  served(pattern: string | RegExp): ProxyLogEntry[];
  close(): Promise<void>;
}

export const CERT_HOSTS: string[];
export function selfSignedCert(hosts?: string[]): { key: string; cert: string };
export function startProxy(options: ProxyOptions): Promise<TestProxy>;
