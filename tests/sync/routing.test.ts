import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn } from '../../kernel/age';
import { priorityReasonsOf, routeSubmission, waitBandOf } from '../../sync/client/routing';
import type { QueueState } from '../../sync/protocol/central-api';
import { testQueues, testWindows } from './support/test-hall';

const today = '2026-05-20';

function state(queues: QueueState['queues']): QueueState {
  return {
    serviceDate: today,
    atMs: 0,
    queues,
    windows: testWindows.map((w) => ({ windowId: w.id, open: w.open, queueIds: w.queueIds, serving: null })),
  };
}

describe('routing', () => {
  it('counts age from the birth date, the birthday itself included', () => {
    expect(ageOn('1966-05-20', today)).toBe(60);
    expect(ageOn('1966-05-21', today)).toBe(59);
    expect(ageOn('1966-06-01', today)).toBe(59);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });

  it('gives every green-channel reason', () => {
    expect(
      priorityReasonsOf(
        { birthDate: '1950-01-01', disability: true, veteran: true, pregnant: true, appointmentHolder: true },
        today,
      ),
    ).toEqual(['elderly', 'disability', 'veteran', 'pregnant', 'appointment']);
    expect(priorityReasonsOf({ birthDate: '1990-01-01' }, today)).toEqual([]);
    expect(priorityReasonsOf({ birthDate: null }, today)).toEqual([]);
  });

  it('bands the expected wait', () => {
    expect(waitBandOf(0)).toBe('under_10');
    expect(waitBandOf(599)).toBe('under_10');
    expect(waitBandOf(600)).toBe('10_20');
    expect(waitBandOf(1199)).toBe('10_20');
    expect(waitBandOf(1200)).toBe('20_40');
    expect(waitBandOf(2400)).toBe('over_40');
    expect(waitBandOf(null)).toBe('unknown');
  });

  it('bands are monotone in the wait', () => {
    const order = ['under_10', '10_20', '20_40', 'over_40'];
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          return order.indexOf(waitBandOf(lo)) <= order.indexOf(waitBandOf(hi));
        },
      ),
    );
  });

  it('sends priority applicants to the department priority queue, others to a general one', () => {
    const live = state([
      { queueId: 'market-general', waiting: 3, openWindows: 2, averageServiceSeconds: 360, lastCalled: null },
      {
        queueId: 'market-priority',
        waiting: 1,
        openWindows: 1,
        averageServiceSeconds: 360,
        lastCalled: null,
      },
    ]);
    const base = {
      departmentId: 'market',
      today,
      queues: testQueues,
      windows: testWindows,
      queueState: live,
    };
    const elderly = routeSubmission({ ...base, applicant: { birthDate: '1960-01-01' } })!;
    expect(elderly).toMatchObject({
      queueId: 'market-priority',
      priority: true,
      peopleAhead: 1,
      expectedWaitSeconds: 360,
      waitBand: 'under_10',
    });
    const young = routeSubmission({ ...base, applicant: { birthDate: '1995-01-01' } })!;
    expect(young).toMatchObject({
      queueId: 'market-general',
      priority: false,
      peopleAhead: 3,
      expectedWaitSeconds: 540,
    });
  });

  it('a department without a priority queue serves priority applicants in its general queue', () => {
    const decision = routeSubmission({
      departmentId: 'civil',
      today,
      queues: testQueues,
      windows: testWindows,
      queueState: state([
        {
          queueId: 'civil-general',
          waiting: 10,
          openWindows: 1,
          averageServiceSeconds: 600,
          lastCalled: null,
        },
      ]),
      applicant: { birthDate: '1940-01-01', veteran: true },
    })!;
    expect(decision).toMatchObject({
      queueId: 'civil-general',
      priority: false,
      priorityReasons: ['elderly', 'veteran'],
      waitBand: 'over_40',
    });
  });

  it('picks the least expected wait among queues with open windows', () => {
    const queues = [...testQueues, { ...testQueues[0]!, id: 'market-express', prefix: 'C' }];
    const live = state([
      { queueId: 'market-general', waiting: 8, openWindows: 2, averageServiceSeconds: 300, lastCalled: null },
      { queueId: 'market-express', waiting: 3, openWindows: 1, averageServiceSeconds: 300, lastCalled: null },
    ]);
    const decision = routeSubmission({
      departmentId: 'market',
      today,
      queues,
      windows: testWindows,
      queueState: live,
      applicant: { birthDate: null },
    })!;
    expect(decision).toMatchObject({
      queueId: 'market-express',
      expectedWaitSeconds: 900,
      waitBand: '10_20',
    });
    const closed = state([
      { queueId: 'market-general', waiting: 8, openWindows: 2, averageServiceSeconds: 300, lastCalled: null },
      { queueId: 'market-express', waiting: 0, openWindows: 0, averageServiceSeconds: 300, lastCalled: null },
    ]);
    expect(
      routeSubmission({
        departmentId: 'market',
        today,
        queues,
        windows: testWindows,
        queueState: closed,
        applicant: { birthDate: null },
      })!.queueId,
    ).toBe('market-general');
  });

  it('offline (no queue state) still routes, with an unknown band', () => {
    const decision = routeSubmission({
      departmentId: 'market',
      today,
      queues: testQueues,
      windows: testWindows,
      queueState: null,
      applicant: { birthDate: null },
    })!;
    expect(decision).toMatchObject({
      queueId: 'market-general',
      waitBand: 'unknown',
      expectedWaitSeconds: null,
    });
    expect(
      routeSubmission({
        departmentId: 'nowhere',
        today,
        queues: testQueues,
        windows: testWindows,
        queueState: null,
        applicant: { birthDate: null },
      }),
    ).toBeNull();
  });
});
