/** Expected failures travel as values; bugs throw. */
export interface HostError<C extends string = string> {
  readonly code: C;
  /** Plain words for a technician or a log; the renderer maps codes to translated text. */
  readonly message: string;
}

export type Result<T, C extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: HostError<C> };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<C extends string>(
  code: C,
  message: string,
): { readonly ok: false; readonly error: HostError<C> } {
  return { ok: false, error: { code, message } };
}
