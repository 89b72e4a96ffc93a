/** The top-level state name of a machine's state value ('review' of { review: 'signing' }). */
export type TopState<V> = V extends string ? V : V extends object ? keyof V & string : never;

export function topState<V>(value: V): TopState<V> {
  return (typeof value === 'string' ? value : Object.keys(value as object)[0]) as TopState<V>;
}
