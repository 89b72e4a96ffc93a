/**
 * The receiving side of the contract: senders are checked with the strict schemas (a kiosk never sends
 * a field the table does not name), receivers parse with `tolerant(schema)`, the same checks except that
 * unknown object keys are dropped instead of refused. So a newer central may add fields to its answers
 * and a newer kiosk optional fields to its requests without breaking the older side (additive change;
 * anything else is a new API version, see centralApiVersionHeader).
 */
import type { z } from 'zod';

type Def = Record<string, unknown> & { type: string };
type Node = z.ZodType & { _zod: { def: Def }; clone(def: Def): z.ZodType };

const cache = new WeakMap<z.ZodType, z.ZodType>();

function defOf(schema: z.ZodType): Def {
  return (schema as Node)._zod.def;
}

function loosen(schema: z.ZodType): z.ZodType {
  const cached = cache.get(schema);
  if (cached) return cached;
  const def = defOf(schema);
  const child = (key: string): z.ZodType => loosen(def[key] as z.ZodType);
  let next: Def | null = null;
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(
        Object.entries(def.shape as Record<string, z.ZodType>).map(([key, value]) => [key, loosen(value)]),
      );
      // No catchall: unknown keys are stripped (zod's default object mode).
      next = { ...def, shape, catchall: undefined };
      break;
    }
    case 'array':
      next = { ...def, element: child('element') };
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      next = { ...def, innerType: child('innerType') };
      break;
    case 'union':
      next = { ...def, options: (def.options as z.ZodType[]).map(loosen) };
      break;
    case 'record':
      next = { ...def, valueType: child('valueType') };
      break;
    case 'tuple':
      next = {
        ...def,
        items: (def.items as z.ZodType[]).map(loosen),
        rest: def.rest ? loosen(def.rest as z.ZodType) : def.rest,
      };
      break;
    case 'intersection':
      next = { ...def, left: child('left'), right: child('right') };
      break;
    case 'pipe':
      next = { ...def, in: child('in'), out: child('out') };
      break;
    case 'lazy': {
      const getter = def.getter as () => z.ZodType;
      next = { ...def, getter: () => loosen(getter()) };
      break;
    }
    default:
      // Leaves (string, number, enum, literal, unknown ...) carry no keys to tolerate.
      next = null;
  }
  const result = next ? (schema as Node).clone(next) : schema;
  cache.set(schema, result);
  return result;
}

/** The schema with every object, at any depth, accepting and dropping keys it does not name. */
export function tolerant<S extends z.ZodType>(schema: S): S {
  return loosen(schema) as S;
}
