import type { z } from 'zod';
import type { Failure, Result } from '../../kernel/result';
import { agentMethods } from './agent';
import { cardlessMethods } from './cardless';
import type { MethodDef } from './define';
import { demoMethods } from './demo';
import { faceCheckMethods } from './face-check';
import { helpMethods } from './help';
import { journeyMethods } from './journey';
import { kioskMethods } from './kiosk';
import { sessionMethods } from './session';
import { technicianMethods } from './technician';

/**
 * The one API between renderer and host. Each area keeps its methods in its own file;
 * this merges them. Method names are unique across areas.
 */
export const hostContract = {
  ...kioskMethods,
  ...sessionMethods,
  ...demoMethods,
  ...journeyMethods,
  ...technicianMethods,
  ...faceCheckMethods,
  ...cardlessMethods,
  ...helpMethods,
  ...agentMethods,
} as const satisfies Record<string, MethodDef>;

export type HostContract = typeof hostContract;
export type MethodName = keyof HostContract;
export type MethodInput<M extends MethodName> = z.input<HostContract[M]['input']>;
export type MethodArgs<M extends MethodName> = z.output<HostContract[M]['input']>;
export type MethodValue<M extends MethodName> = z.output<HostContract[M]['output']>;
export type MethodErrorCode<M extends MethodName> = HostContract[M]['errors'][number];
export type MethodResult<M extends MethodName> = Result<MethodValue<M>, MethodErrorCode<M>>;
export type MethodError<M extends MethodName> = Failure<MethodErrorCode<M>>;

/** What the host implements: a plain object of async methods. */
export type HostApi = { [M in MethodName]: (args: MethodArgs<M>) => Promise<MethodResult<M>> };

/** What the renderer calls: same names, inputs before defaults are applied. */
export type KioskClient = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodResult<M>> };

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(hostContract, name);
}
