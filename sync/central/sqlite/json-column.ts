import type { z } from 'zod';

/**
 * Reads a JSON column through its zod schema: a row that does not parse is a damaged database (a bug
 * or a hand edit), so it throws, naming the column but never the value (it may hold personal data).
 */
export function parseJsonColumn<S extends z.ZodType>(schema: S, text: string, column: string): z.infer<S> {
  const parsed = schema.safeParse(JSON.parse(text));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(
    `central database: ${column} breaks its schema at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? ''}`,
  );
}
