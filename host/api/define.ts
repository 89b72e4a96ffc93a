import { z } from 'zod';

/**
 * One method of the host API: its argument schema, its value schema and the codes of the
 * expected failures it may return. Arguments are always a single strict object, so that
 * unknown keys (including `__proto__`) are rejected rather than ignored.
 */
export interface MethodDef<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  E extends readonly string[] = readonly string[],
> {
  readonly input: I;
  readonly output: O;
  readonly errors: E;
  readonly summary: string;
}

export function method<I extends z.ZodType, O extends z.ZodType, const E extends readonly string[]>(def: {
  input: I;
  output: O;
  errors: E;
  summary: string;
}): MethodDef<I, O, E> {
  return def;
}

/** Upper bounds for strings crossing the bridge: generous for people, tight for abuse. */
export const limits = {
  shortText: 200,
  text: 2_000,
  longText: 20_000,
  /** A base64 data URL of one compressed page (a few MB at most). */
  dataUrl: 12_000_000,
} as const;

export const shortText = () => z.string().max(limits.shortText);
export const emptyInput = z.strictObject({});
