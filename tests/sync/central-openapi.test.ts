import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCentralOpenApi, renderCentralOpenApiYaml } from '../../sync/protocol/central-openapi';
import { centralOperations } from '../../sync/protocol/central-operations';

describe('docs/central-api.yaml', () => {
  it('is the document generated from the zod contract (run `npm run openapi` after changing it)', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'central-api.yaml'), 'utf8');
    expect(committed).toBe(renderCentralOpenApiYaml());
  });

  it('names every operation once, under /v1, and every $ref resolves', () => {
    const doc = buildCentralOpenApi() as {
      paths: Record<string, Record<string, { operationId: string }>>;
      components: { schemas: Record<string, unknown> };
    };
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(centralOperations.length);
    for (const path of Object.keys(doc.paths)) expect(path.startsWith('/v1/')).toBe(true);
    const refs = [...JSON.stringify(doc).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of refs) expect(doc.components.schemas).toHaveProperty(ref);
  });
});
