/**
 * Renders centralOperations as an OpenAPI 3.1 document (YAML text). Pure: used by scripts/openapi.ts
 * to write docs/central-api.yaml and by a test that checks the committed file is current.
 */
import { z } from 'zod';
import { type StaffPermission, staffRolePermissions } from './central-admin';
import {
  apiRevisionHeader,
  centralApiRevision,
  centralApiVersion,
  minimumApiRevisionHeader,
} from './central-common';
import {
  type CentralOperation,
  centralOperations,
  documentedResponses,
  isBinaryBody as isBinary,
} from './central-operations';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Converts one schema; named sub-schemas go to components, referenced from the result. */
function convert(schema: z.ZodType, components: JsonObject, io: 'input' | 'output'): Json {
  const converted = z.toJSONSchema(schema, { unrepresentable: 'any', io }) as JsonObject;
  const text = JSON.stringify(converted).replaceAll('"#/$defs/', '"#/components/schemas/');
  const rewritten = JSON.parse(text) as JsonObject;
  const defs = (rewritten.$defs ?? {}) as JsonObject;
  for (const [name, def] of Object.entries(defs)) components[name] = def;
  delete rewritten.$defs;
  delete rewritten.$schema;
  return rewritten;
}

function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z][A-Za-z0-9]*)/g)].map((m) => m[1]!);
}

function queryParameters(schema: z.ZodType, components: JsonObject): Json[] {
  const converted = convert(schema, components, 'input') as JsonObject;
  const properties = (converted.properties ?? {}) as JsonObject;
  const required = new Set((converted.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: property,
  }));
}

function operationObject(op: CentralOperation & { operationId: string }, components: JsonObject): JsonObject {
  const paramSchemas = op.params
    ? (((convert(op.params, components, 'input') as JsonObject).properties ?? {}) as JsonObject)
    : {};
  const parameters: Json[] = pathParams(op.path).map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: paramSchemas[name] ?? { type: 'string' },
  }));
  if (op.query) parameters.push(...queryParameters(op.query, components));
  parameters.push({ $ref: '#/components/parameters/ApiRevision' });
  const result: JsonObject = {
    operationId: op.operationId,
    summary: op.summary,
    tags: [op.tag],
    security: op.auth === 'none' ? [] : [{ [op.auth === 'kiosk' ? 'kioskBearer' : 'staffBearer']: [] }],
  };
  if (op.permission && op.permission !== 'any') {
    const roles = Object.entries(staffRolePermissions)
      .filter(([, permissions]) => permissions.includes(op.permission as StaffPermission))
      .map(([role]) => role);
    result.description = `Staff roles allowed: ${roles.join(', ')}.`;
  }
  if (parameters.length > 0) result.parameters = parameters;
  if (op.body) {
    result.requestBody = {
      required: true,
      content: isBinary(op.body)
        ? { [op.body.binary]: { schema: { type: 'string', format: 'binary' } } }
        : { 'application/json': { schema: convert(op.body, components, 'input') } },
    };
  }
  const responses: JsonObject = {};
  const headers: JsonObject = {
    [apiRevisionHeader]: { $ref: '#/components/headers/ApiRevision' },
    [minimumApiRevisionHeader]: { $ref: '#/components/headers/MinimumApiRevision' },
  };
  for (const [status, schema] of Object.entries(documentedResponses(op))) {
    const description =
      statusDescriptions[Number(status)] ?? (Number(status) < 300 ? 'Success' : 'Error (see Error.code)');
    if (schema === null) responses[status] = { description, headers };
    else if (isBinary(schema)) {
      const binary: JsonObject = { schema: { type: 'string', format: 'binary' } };
      const types = [schema.binary, ...(schema.otherTypes ?? [])];
      responses[status] = {
        description,
        headers,
        content: Object.fromEntries(types.map((type) => [type, binary])),
      };
    } else {
      responses[status] = {
        description,
        headers,
        content: { 'application/json': { schema: convert(schema, components, 'output') } },
      };
    }
  }
  result.responses = responses;
  return result;
}

const statusDescriptions: Record<number, string> = {
  400: 'Malformed request: URL, JSON, parameters, query or body envelope (Error.code bad_request)',
  401: 'No valid credential (unauthorized)',
  403: 'Refused (see Error.code)',
  404: 'Not found (see Error.code)',
  409: 'Conflict: the key was used with another body (idempotency_conflict)',
  412: 'Named materials not held (materials_missing, Error.missing)',
  413: 'Body over the limit (payload_too_large)',
  414: 'A path parameter over 100 characters (uri_too_long)',
  415: 'A media type the route does not read (unsupported_media_type)',
  422: 'Well-formed but refused: payload or digest (see Error.code)',
  426: 'The kiosk API revision is below the central minimum (upgrade_required)',
  429: 'Over the rate limit (rate_limited)',
  431: 'Request headers too large (bad_request)',
  500: 'The server failed (internal)',
};

export function buildCentralOpenApi(): JsonObject {
  const components: JsonObject = {};
  const paths: JsonObject = {};
  for (const op of centralOperations) {
    const openApiPath = op.path.replace(/:([A-Za-z][A-Za-z0-9]*)/g, '{$1}');
    const entry = (paths[openApiPath] ?? {}) as JsonObject;
    entry[op.method] = operationObject(op, components);
    paths[openApiPath] = entry;
  }
  const sortedComponents: JsonObject = {};
  for (const name of Object.keys(components).sort()) sortedComponents[name] = components[name]!;
  return {
    openapi: '3.1.0',
    info: {
      title: 'hall-kiosk central API',
      version: `${centralApiVersion}.${centralApiRevision}`,
      description: [
        'Kiosk <-> central system contract, generated from sync/protocol/central-*.ts by `npm run openapi`. Do not edit by hand.',
        `Revisions: within ${centralApiVersion} the contract only grows. A kiosk sends \`${apiRevisionHeader}\`; every answer carries the central's revision and \`${minimumApiRevisionHeader}\` (the oldest kiosk revision served). A kiosk below it gets 426 upgrade_required; a kiosk refuses a central below its own minimum.`,
        'Receivers ignore object fields they do not know (a newer side may add optional ones); senders send only the documented fields.',
      ].join('\n\n'),
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        kioskBearer: { type: 'http', scheme: 'bearer', description: 'Per-kiosk credential from enrolment.' },
        staffBearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'Staff session token from POST /v1/staff/session.',
        },
      },
      parameters: {
        ApiRevision: {
          name: apiRevisionHeader,
          in: 'header',
          required: false,
          description: 'The kiosk API revision (absent: 1).',
          schema: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' },
        },
      },
      headers: {
        ApiRevision: {
          description: 'The central API revision.',
          schema: { type: 'string', pattern: '^[1-9][0-9]*$' },
        },
        MinimumApiRevision: {
          description: 'The oldest kiosk API revision this central serves.',
          schema: { type: 'string', pattern: '^[1-9][0-9]*$' },
        },
      },
      schemas: sortedComponents,
    },
  };
}

const plainKey = /^[A-Za-z_$][A-Za-z0-9_$.-]*$/;

function yamlScalar(value: Json): string {
  return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
}

function yamlLines(value: Json, indent: string, lines: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item !== null && typeof item === 'object' && Object.keys(item).length > 0) {
        const nested: string[] = [];
        yamlLines(item, `${indent}  `, nested);
        lines.push(`${indent}- ${nested[0]!.trimStart()}`, ...nested.slice(1));
      } else {
        lines.push(`${indent}- ${isEmptyContainer(item) ? emptyContainer(item) : yamlScalar(item)}`);
      }
    }
    return;
  }
  for (const [key, item] of Object.entries(value as JsonObject)) {
    const name = plainKey.test(key) ? key : JSON.stringify(key);
    if (item !== null && typeof item === 'object' && !isEmptyContainer(item)) {
      lines.push(`${indent}${name}:`);
      yamlLines(item, `${indent}  `, lines);
    } else {
      lines.push(`${indent}${name}: ${isEmptyContainer(item) ? emptyContainer(item) : yamlScalar(item)}`);
    }
  }
}

function isEmptyContainer(value: Json): boolean {
  return value !== null && typeof value === 'object' && Object.keys(value).length === 0;
}

function emptyContainer(value: Json): string {
  return Array.isArray(value) ? '[]' : '{}';
}

/** YAML with JSON-quoted strings: a subset every YAML 1.2 parser reads back as the same JSON. */
export function toYaml(document: JsonObject): string {
  const lines: string[] = [];
  yamlLines(document, '', lines);
  return `# Generated by scripts/openapi.ts from sync/protocol/central-*.ts. Do not edit.\n${lines.join('\n')}\n`;
}

export function renderCentralOpenApiYaml(): string {
  return toYaml(buildCentralOpenApi());
}
