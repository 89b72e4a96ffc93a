import type { z } from 'zod';
import type { Result } from '../../../kernel/result';
import type { technicianMethods } from '../../api/technician';

type Contract = typeof technicianMethods;
/** The technician area of the host API (the same shape HostApi has for these methods). */
export type TechnicianMethods = {
  [M in keyof Contract]: (
    args: z.output<Contract[M]['input']>,
  ) => Promise<Result<z.output<Contract[M]['output']>, Contract[M]['errors'][number]>>;
};
