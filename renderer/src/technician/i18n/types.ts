import type { zhHans } from './zh-Hans';

type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Every language has the keys of zh-Hans, with its own words. */
export type TechnicianStrings = Widen<typeof zhHans>;
