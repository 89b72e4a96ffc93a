import type { Logger } from 'pino';
import { z } from 'zod';
import { type HostApi, hostContract, isMethodName } from '../api/contract';
import type { CallResponse } from '../api/wire';

export interface CallDispatcher {
  call(method: unknown, input: unknown): Promise<CallResponse>;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : '(arguments)';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * Every call from the renderer passes here, whatever the transport: the method must exist, its
 * arguments must match the schema exactly, and what the host returns is checked too, so that a
 * host bug surfaces as a clear rejection instead of bad data on screen.
 */
export function createDispatcher(api: HostApi, logger: Logger): CallDispatcher {
  return {
    async call(method, input) {
      if (!isMethodName(method)) {
        return {
          status: 'rejected',
          code: 'unknown_method',
          message: `Unknown method: ${String(method).slice(0, 80)}`,
        };
      }
      const def = hostContract[method];
      const parsed = def.input.safeParse(input);
      if (!parsed.success) {
        logger.warn({ method, issues: parsed.error.issues.length }, 'rejected malformed call');
        return {
          status: 'rejected',
          code: 'invalid_arguments',
          message: `Invalid arguments for ${method}: ${describeIssues(parsed.error)}`,
        };
      }
      try {
        const handler = api[method] as (args: unknown) => Promise<unknown>;
        const result = await handler(parsed.data);
        const checked = resultSchemaFor(method).safeParse(result);
        if (!checked.success) {
          logger.error(
            { method, problem: describeIssues(checked.error) },
            'host returned a malformed result',
          );
          return {
            status: 'rejected',
            code: 'internal_error',
            message: `The kiosk could not complete ${method}.`,
          };
        }
        return { status: 'ok', result: checked.data };
      } catch (error) {
        logger.error({ method, err: error }, 'host method threw');
        return {
          status: 'rejected',
          code: 'internal_error',
          message: `The kiosk could not complete ${method}.`,
        };
      }
    },
  };
}

const resultSchemas = new Map<string, z.ZodType>();
function resultSchemaFor(method: keyof typeof hostContract): z.ZodType {
  let schema = resultSchemas.get(method);
  if (!schema) {
    const def = hostContract[method];
    const codes = def.errors as readonly string[];
    schema = z.union([
      z.strictObject({ ok: z.literal(true), value: def.output }),
      z.strictObject({
        ok: z.literal(false),
        error: z.strictObject({
          code: codes.length > 0 ? z.enum(codes as [string, ...string[]]) : z.never(),
          message: z.string().max(2000),
        }),
      }),
    ]);
    resultSchemas.set(method, schema);
  }
  return schema;
}
