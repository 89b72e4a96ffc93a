import type { CardLeftOnBehaviour } from './id-card-reader';

/**
 * How a reader model behaves beyond the protocol itself. Which models do what is not published;
 * see docs/idcard.md for what was checked against an emulator and what needs the real device.
 */
export interface ReaderBehaviourProfile {
  readonly label: string;
  /** What find answers for a card left on after a read. */
  readonly cardLeftOn: CardLeftOnBehaviour;
}

export const readerBehaviourProfiles = {
  standard: {
    label: 'find keeps answering 9F for a card left on (most UART modules)',
    cardLeftOn: 'found',
  },
  'halts-after-read': {
    label: 'find answers 80 for a card left on after a read; a SAM reset wakes it to confirm it stays',
    cardLeftOn: 'halted',
  },
} as const satisfies Record<string, ReaderBehaviourProfile>;

export type ReaderBehaviourName = keyof typeof readerBehaviourProfiles;

export const readerBehaviourNames = Object.keys(readerBehaviourProfiles) as ReaderBehaviourName[];
