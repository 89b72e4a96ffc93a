import { ok } from '../../../kernel/result';
import { hallSettingsSchema } from '../../api/technician';
import { effectiveHallSettings, hallSettingsKey, maxHallIdleTimeoutSeconds } from './hall-settings';
import { enrolledRuntime, type TechnicianKit, technicianActor } from './kit';
import type { TechnicianMethods } from './technician-methods';

type SettingsMethods = Pick<TechnicianMethods, 'getSettings' | 'updateSettings'>;

/** The hall's settings for this kiosk (items offered, idle time, card-less applying...), audited. */
export function createSettingsMethods(kit: TechnicianKit): SettingsMethods {
  const { context, guard } = kit;
  return {
    getSettings: ({ token }) =>
      guard(token, async () => {
        const runtime = context.runtime();
        const settings = effectiveHallSettings(context.config, runtime?.store.settings ?? null);
        const items = (runtime?.store.catalogue.list('item') ?? [])
          .map((entry) => {
            const body = entry.body as { name?: unknown } | null;
            const name = body?.name as { 'zh-Hans'?: unknown; 'zh-Hant'?: unknown; en?: unknown } | undefined;
            const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v.slice(0, 500) : entry.id);
            return {
              id: entry.id.slice(0, 64),
              name: {
                'zh-Hans': text(name?.['zh-Hans']),
                'zh-Hant': text(name?.['zh-Hant']),
                en: text(name?.en),
              },
            };
          })
          .slice(0, 2000);
        return ok({ settings, items, maxIdleTimeoutSeconds: maxHallIdleTimeoutSeconds(context.config) });
      }),

    updateSettings: ({ token, settings }) =>
      guard(token, async () => {
        const enrolled = enrolledRuntime(kit);
        if (!enrolled.ok) return enrolled;
        const runtime = enrolled.value;
        const requested = hallSettingsSchema.parse(settings);
        const parsed = {
          ...requested,
          idleTimeoutSeconds: Math.min(
            requested.idleTimeoutSeconds,
            maxHallIdleTimeoutSeconds(context.config),
          ),
        };
        const before = effectiveHallSettings(context.config, runtime.store.settings);
        const changed = (Object.keys(parsed) as (keyof typeof parsed)[]).filter(
          (key) => JSON.stringify(parsed[key]) !== JSON.stringify(before[key]),
        );
        runtime.store.transaction(() => {
          runtime.store.settings.set(hallSettingsKey, parsed);
          runtime.store.auditLog.append(technicianActor, 'settings.update', { changed });
        });
        return ok({ settings: parsed });
      }),
  };
}
