/** npm run openapi: writes docs/central-api.yaml from the zod contract in sync/protocol/central-*.ts. */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderCentralOpenApiYaml } from '../sync/protocol/central-openapi';

const target = join(resolve(import.meta.dirname, '..'), 'docs', 'central-api.yaml');
writeFileSync(target, renderCentralOpenApiYaml());
process.stdout.write(`wrote ${target}\n`);
