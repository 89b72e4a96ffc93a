import { z } from 'zod';
import { method } from './define';

/** 呼叫工作人员 (issue 15 part 3): a help request on the staff page; no personal data. */
export const helpMethods = {
  callStaff: method({
    summary:
      'The applicant asks for a member of staff: the kiosk, the time and the screen go to the staff page (queued while offline).',
    input: z.strictObject({ screen: z.string().regex(/^[a-z0-9-]{1,40}$/) }),
    /** sent: the staff page has it; queued: the link is down, it goes as soon as it is back. */
    output: z.strictObject({ requestId: z.string().max(64), delivery: z.enum(['sent', 'queued']) }),
    errors: [],
  }),
} as const;
