/**
 * npm run bench -- card-to-screen
 * The last byte of the emulator's read-card reply on the PTY -> the person's name on screen in the
 * real renderer (browser mode, Chromium): driver, the host's acceptance policy opening the session,
 * sessionStarted on the event bus, WebSocket, renderer session machine and React render (no call: the
 * host pushes the session it opened). A PTY has no baud rate: the ~112 ms a 1295-byte reply
 * takes on a real 115200 line comes on top (TARGETS.md counts only what follows the last byte).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseConfig } from '../../host/config/config';
import { createHost } from '../../host/core/create-host';
import { silentLogger } from '../../host/logging/logger';
import { createCardService } from '../../host/services/idcard';
import { createDispatcher } from '../../host/transport/dispatcher';
import { startWebServer } from '../../host/transport/web-server';
import { startEmbeddedCentral } from '../../sync/central/embedded';
import { launchChromium } from '../support/chromium';
import { type BenchReport, summarise } from './report';

const placements = Number(process.env.CARD_BENCH_PLACEMENTS ?? 60);

/**
 * A page-side wait written as a string: the strict CSP forbids Playwright's eval-based waitForFunction,
 * and tsx's name helpers would not exist in the page anyway.
 */
function untilText(condition: string): string {
  return `new Promise((done) => {
    if (${condition}) return done(true);
    const observer = new MutationObserver(() => { if (${condition}) { observer.disconnect(); done(true); } });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  })`;
}

export default async function (): Promise<BenchReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-card-bench-'));
  const host = await createHost({
    // Each placement's session ends when its card is taken away (the hall's "hold" policy).
    config: parseConfig({ mode: 'demo', dataDir, ui: { cardPolicy: 'hold' } }),
    logger: silentLogger(),
    cardServiceFactory: createCardService,
    startEmbeddedCentral,
  });
  const server = await startWebServer({
    dispatcher: createDispatcher(host.api, silentLogger()),
    bus: host.bus,
    logger: silentLogger(),
    rendererDir: resolve(import.meta.dirname, '..', '..', 'dist', 'renderer'),
  });
  const browser = await launchChromium();
  const demo = host.context.cards.demo!;
  // The read of each placement: the first read-base-info reply written after the card was laid (later
  // polls re-read a card that stays, issue 17; those must not be taken for the read that opened it).
  let awaitingRead: ((at: number) => void) | null = null;
  const unsubscribe = demo.onReadReplyWritten((at) => {
    awaitingRead?.(at);
    awaitingRead = null;
  });
  const toScreen: number[] = [];
  const toEvent: number[] = [];
  try {
    const page = await (await browser.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
    await page.goto(server.url);
    await page.evaluate(untilText('document.body.innerText.length > 0'));
    const cards = demo.list().filter((card) => card.id.startsWith('sample-') || card.id === 'resident');
    for (let i = 0; i < placements + 5; i++) {
      const card = cards[i % cards.length]!;
      const read = new Promise<number>((resolveRead) => {
        awaitingRead = resolveRead;
      });
      const opened = new Promise<{ at: number; name: string }>((resolveEvent) => {
        const off = host.bus.subscribe((event) => {
          if (event.type === 'sessionStarted') {
            off();
            resolveEvent({ at: performance.timeOrigin + performance.now(), name: event.identity.name });
          }
        });
      });
      await demo.place(card.id);
      const [{ at: placedAt, name }, readAt] = await Promise.all([opened, read]);
      // A string, not a function: tsx's name helpers do not exist in the page.
      const shownAt = (await page.evaluate(`new Promise((resolveShown) => {
        const name = ${JSON.stringify(name)};
        if (document.body.innerText.includes(name)) return resolveShown(performance.timeOrigin + performance.now());
        const observer = new MutationObserver(() => {
          if (document.body.innerText.includes(name)) {
            observer.disconnect();
            resolveShown(performance.timeOrigin + performance.now());
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      })`)) as number;
      if (i >= 5) {
        toScreen.push(shownAt - readAt);
        toEvent.push(placedAt - readAt);
      }
      await demo.remove();
      await page.evaluate(untilText(`!document.body.innerText.includes(${JSON.stringify(name)})`));
    }
  } finally {
    unsubscribe();
    await browser.close();
    await server.close();
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const screen = summarise(toScreen);
  const event = summarise(toEvent);
  return {
    name: 'card-to-screen',
    figures: [
      {
        what: 'last byte of the read reply on the PTY -> sessionStarted on the host bus (policy applied)',
        unit: 'ms',
        ...event,
      },
      {
        what: 'last byte of the read reply on the PTY -> the name on screen (Chromium, browser mode)',
        unit: 'ms',
        ...screen,
        target: 'p95 under 30 ms',
        met: screen.p95 < 30,
      },
    ],
    notes: [
      `${placements} placements after 5 warm-up ones, cycling the demo cards; the page's MutationObserver timestamps the first frame whose text holds the name.`,
    ],
  };
}
