import type { Migration } from './migration';

/**
 * Verified central orders the kiosk may not carry out yet (a purge of a person whose submission has not
 * reached the central system): kept here, retried each pull round, so the feed's cursor can move on.
 */
export const heldOrdersMigration: Migration = {
  version: 3,
  name: 'held_orders',
  up(db) {
    db.exec(`
      CREATE TABLE held_orders (
        order_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('purge')),
        body TEXT NOT NULL,
        reason TEXT NOT NULL,
        held_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
