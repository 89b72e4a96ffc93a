import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { calibrationResult, calibrationTargets, meanShift } from '../../renderer/src/technician/calibration';
import { createCornerGesture, inCorner } from '../../renderer/src/technician/gesture';
import { en } from '../../renderer/src/technician/i18n/en';
import { registerTechnicianStrings, technicianNamespace } from '../../renderer/src/technician/i18n/register';
import { zhHans } from '../../renderer/src/technician/i18n/zh-Hans';
import { zhHant } from '../../renderer/src/technician/i18n/zh-Hant';
import { parseProvisioningPayload } from '../../renderer/src/technician/qr-payload';

describe('the hidden corner gesture', () => {
  const options = { taps: 5, windowMs: 3000, cornerPx: 120 };

  it('opens on five corner taps within three seconds', () => {
    const gesture = createCornerGesture(options);
    const results = [0, 500, 1000, 1500, 2000].map((t) => gesture.tap(10, 10, t));
    expect(results).toEqual([false, false, false, false, true]);
    // The count starts again afterwards.
    expect(gesture.tap(10, 10, 2100)).toBe(false);
  });

  it('does not open when the taps are spread over more than three seconds', () => {
    const gesture = createCornerGesture(options);
    expect([0, 1000, 2000, 3000, 4000].map((t) => gesture.tap(5, 5, t))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    // ... but any five within three seconds count, whatever came before.
    expect([4100, 4200].map((t) => gesture.tap(5, 5, t))).toEqual([false, true]);
  });

  it('a tap outside the corner breaks the sequence', () => {
    const gesture = createCornerGesture(options);
    for (const t of [0, 100, 200, 300]) gesture.tap(10, 10, t);
    expect(gesture.tap(500, 900, 350)).toBe(false);
    expect(gesture.tap(10, 10, 400)).toBe(false);
  });

  it('knows the corner', () => {
    expect(inCorner(0, 0, 120)).toBe(true);
    expect(inCorner(120, 120, 120)).toBe(true);
    expect(inCorner(121, 10, 120)).toBe(false);
    expect(inCorner(10, 121, 120)).toBe(false);
  });
});

describe('the touchscreen calibration check', () => {
  it('puts targets in the four corners and the centre', () => {
    expect(calibrationTargets(1080, 1920, 80)).toEqual([
      { x: 80, y: 80 },
      { x: 1000, y: 80 },
      { x: 540, y: 960 },
      { x: 80, y: 1840 },
      { x: 1000, y: 1840 },
    ]);
  });

  it('passes taps near the target and finds a systematic shift', () => {
    expect(calibrationResult({ x: 100, y: 100 }, { x: 110, y: 110 })).toMatchObject({
      offsetPx: 14,
      ok: true,
    });
    expect(calibrationResult({ x: 100, y: 100 }, { x: 140, y: 100 })).toMatchObject({
      offsetPx: 40,
      ok: false,
    });
    const shifted = calibrationTargets(1080, 1920).map((t) =>
      calibrationResult(t, { x: t.x + 30, y: t.y - 10 }),
    );
    expect(shifted.every((r) => !r.ok)).toBe(true);
    expect(meanShift(shifted)).toEqual({ x: 30, y: -10 });
    expect(meanShift([])).toEqual({ x: 0, y: 0 });
  });
});

describe('provisioning QR codes', () => {
  it('reads JSON, query URLs, a bare URL and a bare code', () => {
    expect(
      parseProvisioningPayload('{"central":"https://central.example.cn/","code":"ab12cd34ef56"}'),
    ).toEqual({
      centralUrl: 'https://central.example.cn',
      enrolmentCode: 'AB12CD34EF56',
    });
    expect(
      parseProvisioningPayload('hallkiosk://enrol?central=http%3A%2F%2F10.0.0.5%3A8080&code=1DE4B5921049'),
    ).toEqual({
      centralUrl: 'http://10.0.0.5:8080',
      enrolmentCode: '1DE4B5921049',
    });
    expect(parseProvisioningPayload('http://10.0.0.5:8080')).toEqual({ centralUrl: 'http://10.0.0.5:8080' });
    expect(parseProvisioningPayload(' 1de4b5921049 ')).toEqual({ enrolmentCode: '1DE4B5921049' });
  });

  it('ignores what is not a provisioning code', () => {
    expect(parseProvisioningPayload('')).toEqual({});
    expect(parseProvisioningPayload('javascript:alert(1)')).toEqual({});
    expect(parseProvisioningPayload('{"central":"file:///etc/passwd","code":"<b>"}')).toEqual({});
    expect(parseProvisioningPayload('{not json')).toEqual({});
    expect(parseProvisioningPayload('x'.repeat(5000))).toEqual({});
  });
});

type Tree = { readonly [key: string]: string | Tree };
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('technician translations', () => {
  const reference = flatten(zhHans);
  for (const [language, strings] of Object.entries({ 'zh-Hant': zhHant, en })) {
    it(`${language} has every key of zh-Hans, non-empty, with the same placeholders`, () => {
      const flat = flatten(strings as Tree);
      expect([...flat.keys()].sort()).toEqual([...reference.keys()].sort());
      for (const [key, text] of reference) {
        expect(flat.get(key)?.trim(), key).toBeTruthy();
        expect(placeholders(flat.get(key) ?? ''), key).toEqual(placeholders(text));
      }
    });
  }

  it('uses the words of UI.md and registers as its own namespace', async () => {
    expect([zhHans.title, zhHant.title, en.title]).toEqual(['维护模式', '維護模式', 'Maintenance mode']);
    const instance = i18next.createInstance();
    await instance.init({ lng: 'zh-Hant', resources: {} });
    registerTechnicianStrings(instance);
    registerTechnicianStrings(instance);
    expect(instance.t('title', { ns: technicianNamespace })).toBe('維護模式');
    expect(instance.t('pin.wrong', { ns: technicianNamespace, count: 3 })).toBe('密碼錯誤，還可嘗試 3 次');
  });
});
