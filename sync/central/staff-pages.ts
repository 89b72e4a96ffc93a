/**
 * The window staff's desk page and the hall calling display: static HTML + JS with no inline script,
 * served under a strict Content-Security-Policy; they talk to /v1/staff/* and /v1/display/calls.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const pageDir = join(import.meta.dirname, 'staff-page');
const contentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const assets: Record<string, { file: string; type: string }> = {
  '/staff': { file: 'staff.html', type: 'text/html; charset=utf-8' },
  '/display': { file: 'display.html', type: 'text/html; charset=utf-8' },
  '/supervisor': { file: 'supervisor.html', type: 'text/html; charset=utf-8' },
  '/staff/supervisor.js': { file: 'supervisor.js', type: 'text/javascript; charset=utf-8' },
  '/staff/staff.js': { file: 'staff.js', type: 'text/javascript; charset=utf-8' },
  '/staff/display.js': { file: 'display.js', type: 'text/javascript; charset=utf-8' },
  '/staff/help-requests.js': { file: 'help-requests.js', type: 'text/javascript; charset=utf-8' },
  '/staff/staff.css': { file: 'staff.css', type: 'text/css; charset=utf-8' },
  '/staff/staff-cases.js': { file: 'staff-cases.js', type: 'text/javascript; charset=utf-8' },
  '/staff/page-parts.js': { file: 'page-parts.js', type: 'text/javascript; charset=utf-8' },
};

export function registerStaffPages(app: FastifyInstance): void {
  for (const [route, asset] of Object.entries(assets)) {
    const body = readFileSync(join(pageDir, asset.file));
    app.get(route, async (_request, reply) =>
      reply
        .type(asset.type)
        .header('content-security-policy', contentSecurityPolicy)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(body),
    );
  }
}
