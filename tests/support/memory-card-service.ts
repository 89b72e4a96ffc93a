import type { IdentityView } from '../../host/api/identity';
import type { CardService, CardServiceFactory } from '../../host/services/card-service';
import { err, ok } from '../../kernel/result';

/**
 * An in-process card source for host API unit tests, which are about the API and not the reader.
 * Reader behaviour itself is tested over a real PTY with the protocol emulator (tests/drivers/idcard).
 */
export function memoryCardServiceFactory(cards: Record<string, IdentityView>): CardServiceFactory {
  return async ({ bus }) => {
    let placed: string | null = null;
    const service: CardService = {
      currentIdentity: () => (placed ? (cards[placed] ?? null) : null),
      demo: {
        list: () => Object.keys(cards).map((id) => ({ id, label: id })),
        placed: () => placed,
        async place(cardId) {
          const identity = cards[cardId];
          if (!identity) return err('unknown_card', `No test card ${cardId}.`);
          placed = cardId;
          bus.emit({ type: 'cardPlaced' });
          return ok({});
        },
        onReadReplyWritten: () => () => {},
        async remove() {
          if (placed) {
            placed = null;
            bus.emit({ type: 'cardRemoved' });
          }
          return ok({});
        },
      },
      async close() {},
    };
    return service;
  };
}
