/**
 * Issue 18 part 3, "Done when", in Chromium against a real kiosk process (demo mode: simulated reader,
 * embedded central seeded with the sample hall, fake camera): an agent applies for an elderly parent
 * with a power of attorney captured by the camera; a parent applies for their minor child found in the
 * household register. The people are the sample hall's agent demos: the returning applicant
 * (sample-returning) for his mother 许秀英 (sample-parent, held in the form-free store), and 林志强
 * (sample-guardian), whose register lists his minor daughter and his dependent father.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentDemoPeople } from '../../sync/sample-hall';
import { launchChromium } from '../support/chromium';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import {
  checkScreen,
  Effort,
  type Identity,
  learnIdentity,
  openPage,
  personalTraces,
  placeCard,
  removeCard,
  screen,
} from './journey-kit';

let kiosk: KioskProcess;
let browser: Browser;
/** 社会保障卡申领: an item a child and an elderly parent alike apply for. */
const itemId = 'rs-sbk-sl';

beforeAll(async () => {
  kiosk = await startKioskProcess({ mode: 'demo' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

/** 邱*国: how the kiosk shows a principal's name. */
function masked(name: string): string {
  const characters = [...name];
  if (characters.length <= 2) return `${characters[0]}*`;
  return `${characters[0]}${'*'.repeat(characters.length - 2)}${characters.at(-1)}`;
}

/** The agent's card, then 为他人办理 on the menu. */
async function startAsAgent(page: Page, effort: Effort, cardId = 'sample-returning'): Promise<void> {
  await placeCard(page, cardId);
  await screen(page, 'menu');
  await effort.tap(page.getByTestId('act-for-other'));
  await screen(page, 'acting-for');
}

/**
 * The item, its form completed where nothing filled it, its documents photographed, signed: the ticket.
 * Returns the documents the materials step asked for, by code, with whether each was required.
 */
async function applyToTicket(page: Page, effort: Effort, name: string): Promise<Record<string, boolean>> {
  await screen(page, 'choose-item');
  await page.locator('[data-item-id]').first().waitFor();
  while ((await page.locator(`[data-item-id="${itemId}"]`).count()) === 0)
    await effort.tap(page.getByTestId('next-page'));
  await effort.tap(page.locator(`[data-item-id="${itemId}"]`));
  await effort.tap(page.getByTestId('start-item'));
  await screen(page, 'form');
  await page.getByTestId('agent-section').waitFor();
  await checkScreen(page, `${name}-03-form`);
  const unticked = page.locator(
    '.form-field:has(.required-mark)[data-provenance="empty"] .check-button[aria-pressed="false"]',
  );
  while ((await unticked.count()) > 0) await effort.tap(unticked.first());
  const unchosen = page.locator('.form-field:has(.required-mark)[data-provenance="empty"]:has(.option)');
  // Each choice answered leaves the list (its value is then typed): the first one left, until none.
  while ((await unchosen.count()) > 0) await effort.tap(unchosen.first().locator('.option').first());
  for (const [id, value] of [
    ['phone', '13800138000'],
    ['currentAddress', '福建省南安市溪美街道新华路1号'],
  ] as const) {
    const input = page.locator(`#field-${id}`);
    if ((await input.count()) > 0 && (await input.inputValue()) === '') await input.fill(value);
  }
  await effort.tap(page.getByTestId('next'));
  await page.locator('[data-screen-id="materials"], [data-testid="form-summary"]').first().waitFor();
  // A field left wrong is named in the failure, not just a screen that never came.
  const wrong = await page
    .locator('.form-field.has-error')
    .evaluateAll((fields) => fields.map((field) => field.getAttribute('data-field')));
  expect(wrong).toEqual([]);
  await screen(page, 'materials');
  const asked: Record<string, boolean> = {};
  const cards = page.locator('.material-card');
  for (let index = 0; index < (await cards.count()); index++) {
    const code = (await cards.nth(index).getAttribute('data-material')) ?? '';
    asked[code] = (await cards.nth(index).locator('.tag.required').count()) > 0;
  }
  // Nothing of the principal's archive is shown to an agent who did not bring their card.
  expect(await page.locator('.material-card .archived').count()).toBe(0);
  const needsPhoto = page.locator('.material-card:has(.tag.required):not(:has(.archived))');
  for (let index = 0; index < (await needsPhoto.count()); index++) {
    await effort.tap(needsPhoto.nth(index).locator('[data-testid^="capture-"]'));
    await page.getByTestId('take-photo').and(page.locator(':enabled')).waitFor({ timeout: 20_000 });
    await effort.tap(page.getByTestId('take-photo'));
    await screen(page, 'materials');
    await needsPhoto.nth(index).locator('.page').first().waitFor();
  }
  await checkScreen(page, `${name}-04-materials`);
  await effort.tap(page.getByTestId('use-all-archived').or(page.getByTestId('next')).first());
  await screen(page, 'review');
  await page.getByTestId('agent-section').waitFor();
  await page.getByTestId('confirm').waitFor();
  await effort.sign();
  await effort.tap(page.getByTestId('confirm'));
  await screen(page, 'ticket');
  return asked;
}

async function finish(page: Page): Promise<void> {
  await page.getByTestId('finish').click();
  await screen(page, 'take-card');
  await removeCard(page);
  await screen(page, 'attract');
  await page.context().close();
}

describe('applying for someone else (帮办代办)', () => {
  let agent: Identity;
  let elderly: Identity;

  it('an agent applies for an elderly parent on their ID number, with a power of attorney photographed (简体, portrait)', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    elderly = await learnIdentity(page, 'sample-parent');
    agent = await learnIdentity(page, 'sample-returning');
    const effort = new Effort(page);
    await startAsAgent(page, effort);
    await checkScreen(page, 'agent-poa-01-ways');
    await effort.tap(page.getByTestId('act-by-number'));
    await page.getByTestId('keyboard').waitFor();
    // A wrong name first: the same "没有找到" as for a number nobody holds, and one try fewer.
    await effort.type(elderly.idNumber);
    await page.locator('#principal-name').fill(`${elderly.name}华`);
    await effort.tap(page.getByTestId('act-check'));
    await expect.poll(() => page.getByTestId('acting-for-problem').textContent()).toContain('没有找到');
    expect(await page.getByTestId('attempts-left').textContent()).toContain('2');
    await page.locator('#principal-name').fill(elderly.name);
    await checkScreen(page, 'agent-poa-02-number');
    await effort.tap(page.getByTestId('act-check'));

    await screen(page, 'choose-item');
    const banner = page.getByTestId('acting-for-banner');
    expect(await banner.textContent()).toBe(`正在为 ${masked(elderly.name)} 办理（代办人：${agent.name}）`);
    const asked = await applyToTicket(page, effort, 'agent-poa');
    // The power of attorney was asked for, required, and photographed with the rest.
    expect(asked.POWER_OF_ATTORNEY).toBe(true);
    expect(await page.getByTestId('ticket-applicant').textContent()).toBe(masked(elderly.name));
    expect(await page.getByTestId('ticket-agent').textContent()).toBe(agent.name);
    await checkScreen(page, 'agent-poa-05-ticket');
    // The principal's full ID number is nowhere on the page once it was typed.
    expect(await personalTraces(page, [elderly.idNumber])).toEqual([]);
    await finish(page);
  });

  it('the materials step requires the power of attorney only on the ID-number way', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    const effort = new Effort(page);
    await startAsAgent(page, effort);
    await effort.tap(page.getByTestId('act-by-number'));
    await page.getByTestId('keyboard').waitFor();
    await effort.type(elderly.idNumber);
    await page.locator('#principal-name').fill(elderly.name);
    await effort.tap(page.getByTestId('act-check'));
    await screen(page, 'choose-item');
    await page.locator('[data-item-id]').first().waitFor();
    while ((await page.locator(`[data-item-id="${itemId}"]`).count()) === 0)
      await page.getByTestId('next-page').click();
    await page.locator(`[data-item-id="${itemId}"]`).click();
    await page.getByTestId('start-item').click();
    await screen(page, 'form');
    const unchosen = page.locator('.form-field:has(.required-mark)[data-provenance="empty"]:has(.option)');
    while ((await unchosen.count()) > 0) await unchosen.first().locator('.option').first().click();
    const unticked = page.locator(
      '.form-field:has(.required-mark)[data-provenance="empty"] .check-button[aria-pressed="false"]',
    );
    while ((await unticked.count()) > 0) await unticked.first().click();
    await page.getByTestId('next').click();
    await screen(page, 'materials');
    const attorney = page.locator('.material-card[data-material="POWER_OF_ATTORNEY"]');
    expect(await attorney.locator('.tag.required').count()).toBe(1);
    await page.getByTestId('home').click();
    await page.getByTestId('discard-and-home').click();
    await screen(page, 'take-card');
    await removeCard(page);
    await screen(page, 'attract');
    await page.context().close();
  });

  it('takes the principal’s own card, laid after the agent lifts theirs, without ending the agent’s visit', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    const effort = new Effort(page);
    await startAsAgent(page, effort);
    await effort.tap(page.getByTestId('act-by-card'));
    await page.getByTestId('card-placement').waitFor();
    await removeCard(page);
    await page.waitForTimeout(700);
    await placeCard(page, 'sample-parent');
    await screen(page, 'choose-item');
    expect(await page.getByTestId('acting-for-banner').textContent()).toBe(
      `正在为 ${masked(elderly.name)} 办理（代办人：${agent.name}）`,
    );
    // Back on the menu the agent applies for themselves again: the banner goes.
    await page.getByTestId('back').click();
    await screen(page, 'menu');
    expect(await page.getByTestId('acting-for-banner').count()).toBe(0);
    expect(await page.getByTestId('greeting').textContent()).toContain(agent.name);
    await page.getByTestId('home').click();
    await screen(page, 'take-card');
    await removeCard(page);
    await screen(page, 'attract');
    await page.context().close();
  });

  it('a parent applies for their minor child found in the household register, no power of attorney (简体, landscape)', async () => {
    const page = await openPage(browser, kiosk.url, 'landscape');
    const parent = await learnIdentity(page, 'sample-guardian');
    const effort = new Effort(page);
    await startAsAgent(page, effort, 'sample-guardian');
    const wards = page.getByTestId('act-for-ward');
    await wards.first().waitFor();
    // Offered by masked name only: his daughter (a minor) and his dependent father.
    const names = (await wards.allTextContents()).sort();
    expect(names).toHaveLength(2);
    for (const text of names) expect(text).toMatch(/^.\*+.?(子女|父母) · \d{1,3} 岁$/);
    // Never their full names or ID numbers.
    const { minor, dependentParent } = agentDemoPeople();
    expect(
      await personalTraces(page, [
        minor.identity.idNumber,
        minor.identity.name,
        dependentParent.identity.idNumber,
        dependentParent.identity.name,
      ]),
    ).toEqual([]);
    await checkScreen(page, 'agent-guardian-01-ways');
    const child = page.locator('[data-testid="act-for-ward"][data-relation="child"]');
    const chosenName = (await child.getAttribute('data-masked-name')) ?? '';
    await effort.tap(child);
    await screen(page, 'choose-item');
    expect(await page.getByTestId('acting-for-banner').textContent()).toBe(
      `正在为 ${chosenName} 办理（代办人：${parent.name}）`,
    );
    const asked = await applyToTicket(page, effort, 'agent-guardian');
    expect(asked.POWER_OF_ATTORNEY).toBeUndefined();
    expect(asked.ID_PHOTO).toBe(true);
    expect(await page.getByTestId('ticket-applicant').textContent()).toBe(chosenName);
    expect(await page.getByTestId('ticket-agent').textContent()).toBe(parent.name);
    await finish(page);
  });
});
