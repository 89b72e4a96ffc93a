/** Staff-side messages: the window desk page and the hall calling display (served by the central server). */
import { z } from 'zod';
import {
  caseNumberSchema,
  entityIdSchema,
  epochMsSchema,
  localizedLabelSchema,
  ticketDisplaySchema,
} from './central-common';

export const ticketStateSchema = z
  .enum(['waiting', 'called', 'served', 'no_show'])
  .meta({ id: 'TicketState' });
export type TicketState = z.infer<typeof ticketStateSchema>;

export const ticketViewSchema = z
  .strictObject({
    ticketId: entityIdSchema,
    display: ticketDisplaySchema,
    queueId: entityIdSchema,
    state: ticketStateSchema,
    windowId: entityIdSchema.nullable(),
    caseNumber: caseNumberSchema.nullable(),
    itemId: entityIdSchema.nullable(),
    priority: z.boolean(),
    issuedAtMs: epochMsSchema,
    calledAtMs: epochMsSchema.nullable(),
  })
  .meta({ id: 'TicketView' });
export type TicketView = z.infer<typeof ticketViewSchema>;

export const staffWindowSchema = z
  .strictObject({
    windowId: entityIdSchema,
    label: z.string().min(1).max(20),
    departmentId: entityIdSchema,
    departmentName: localizedLabelSchema,
    open: z.boolean(),
    queueIds: z.array(entityIdSchema),
    serving: ticketViewSchema.nullable(),
    waiting: z.array(ticketViewSchema),
  })
  .meta({ id: 'StaffWindow' });
export type StaffWindow = z.infer<typeof staffWindowSchema>;

export const staffOverviewSchema = z
  .strictObject({
    serviceDate: z.string(),
    windows: z.array(staffWindowSchema),
    queues: z.array(
      z.strictObject({
        queueId: entityIdSchema,
        prefix: z.string(),
        departmentId: entityIdSchema,
        priority: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'StaffOverview' });
export type StaffOverview = z.infer<typeof staffOverviewSchema>;

export const windowOpenRequestSchema = z
  .strictObject({ open: z.boolean() })
  .meta({ id: 'WindowOpenRequest' });
export const callNextResponseSchema = z
  .strictObject({ called: ticketViewSchema.nullable() })
  .meta({ id: 'CallNextResponse' });
export const transferRequestSchema = z
  .strictObject({ queueId: entityIdSchema })
  .meta({ id: 'TransferRequest' });
export const ticketActionResponseSchema = z
  .strictObject({ ticket: ticketViewSchema })
  .meta({ id: 'TicketActionResponse' });

export const displayCallsSchema = z
  .strictObject({
    calls: z.array(
      z.strictObject({ display: ticketDisplaySchema, windowLabel: z.string(), calledAtMs: epochMsSchema }),
    ),
  })
  .meta({ id: 'DisplayCalls' });
export type DisplayCalls = z.infer<typeof displayCallsSchema>;
