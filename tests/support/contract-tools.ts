/**
 * The third-party contract tools (Stoplight Prism, Redocly CLI), resolved from node_modules/.bin;
 * CONTRACT_TOOLS_BIN points elsewhere (a folder holding `prism` and `redocly`) where they are installed apart.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');

export function contractToolBin(name: 'prism' | 'redocly'): string {
  return join(process.env.CONTRACT_TOOLS_BIN ?? join(repoRoot, 'node_modules', '.bin'), name);
}

/** A loopback port nobody listens on right now. */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
