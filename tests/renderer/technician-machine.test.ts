import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import type { MethodInput } from '../../host/api/contract';
import { createTechnicianMachine } from '../../renderer/src/technician/technician-machine';

function rig() {
  const exits: MethodInput<'exitMaintenance'>[] = [];
  let restarts = 0;
  const machine = createTechnicianMachine(
    {
      exitMaintenance: async (input) => {
        exits.push(input);
        return { ok: true, value: {} };
      },
    },
    () => restarts++,
  );
  const actor = createActor(machine).start();
  return { actor, exits, restarts: () => restarts };
}

describe('technician machine', () => {
  it('opens only through the PIN, tells the host on the way out, and restarts for changed settings', async () => {
    const { actor, exits, restarts } = rig();
    actor.send({ type: 'PIN_ACCEPTED', token: 'nope', idleSeconds: 300 });
    expect(actor.getSnapshot().value).toBe('closed');
    actor.send({ type: 'CORNER_GESTURE' });
    actor.send({ type: 'CANCEL' });
    expect(actor.getSnapshot().value).toBe('closed');
    actor.send({ type: 'CORNER_GESTURE' });
    actor.send({ type: 'PIN_ACCEPTED', token: 't-1', idleSeconds: 300 });
    expect(actor.getSnapshot().value).toBe('open');
    expect(actor.getSnapshot().context.token).toBe('t-1');
    actor.send({ type: 'EXIT', settingsChanged: true, reason: 'inactivity' });
    await waitFor(actor, (snapshot) => snapshot.matches('closed'));
    expect(exits).toEqual([{ token: 't-1', reason: 'inactivity' }]);
    expect(restarts()).toBe(1);
    expect(actor.getSnapshot().context.token).toBeNull();
  });

  it('does not restart when nothing changed', async () => {
    const { actor, restarts } = rig();
    actor.send({ type: 'CORNER_GESTURE' });
    actor.send({ type: 'PIN_ACCEPTED', token: 't-2', idleSeconds: 300 });
    actor.send({ type: 'EXIT', settingsChanged: false, reason: 'exit' });
    await waitFor(actor, (snapshot) => snapshot.matches('closed'));
    expect(restarts()).toBe(0);
  });
});
