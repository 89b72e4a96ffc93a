import { readFileSync } from 'node:fs';
import { Agent, fetch as undiciFetch } from 'undici';

export interface CentralTransport {
  /** The fetch every CentralClient of this kiosk uses. */
  readonly fetch: typeof fetch;
  /** Closes the kiosk's connections to the central system (keep-alive sockets included). */
  close(): Promise<void>;
}

/**
 * The kiosk's own connection pool to the central system. With `central.caFile` the hall's CA is the
 * only one trusted (pinned): a certificate from any other CA, public ones included, is refused. Owning
 * the pool also lets a closed host close its keep-alive sockets instead of waiting for them to time out.
 */
export function centralTransport(options: { caFile?: string | undefined }): CentralTransport {
  const ca = options.caFile ? readFileSync(options.caFile, 'utf8') : undefined;
  const agent = new Agent({ connect: ca ? { ca, rejectUnauthorized: true } : { rejectUnauthorized: true } });
  const pooledFetch = ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
    undiciFetch(input, { ...init, dispatcher: agent })) as unknown as typeof fetch;
  return {
    fetch: pooledFetch,
    close: () => agent.close(),
  };
}
