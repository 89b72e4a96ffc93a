import { describe, expect, it } from 'vitest';
import { decodeIdentity } from '../../drivers/idcard';
import { CardTextBuilder } from '../../drivers/idcard/simulator/card-text';

/** Finding 14: a lone UTF-16 surrogate in the card's name was shown as "\uFFFDA英" instead of reported. */
const now = new Date('2026-11-26T10:00:00+08:00');

describe('card text that is not valid UTF-16', () => {
  it('a lone UTF-16 surrogate in the name is a misread, not a name', () => {
    const text = new CardTextBuilder()
      .put(0, 30, '某人')
      .put(30, 2, '1')
      .put(32, 4, '01')
      .put(36, 16, '19900101')
      .put(122, 36, '350583199001011234')
      .put(188, 16, '20200101')
      .put(204, 16, '20300101')
      .build();
    // The first UCS-2LE unit of the name becomes a high surrogate with no low one after it ("\uD800A英").
    text.writeUInt16LE(0xd800, 0);
    text.write('A', 2, 'utf16le');
    text.write('英', 4, 'utf16le');
    const result = decodeIdentity(text, Buffer.alloc(0), { now });
    expect(result).toMatchObject({ ok: false, error: { code: 'malformed_card_data' } });
    expect(JSON.stringify(result)).not.toContain('\ufffd');
  });
});
