import { type HallSettings, hallSettingsSchema } from '../../api/technician';
import type { KioskConfig } from '../../config/config';

/** The store setting that holds what a hall changed in technician mode (over the config file's values). */
export const hallSettingsKey = 'technician.hall_settings';

export interface SettingsReader {
  get(key: string): unknown;
}

/**
 * The longest idle timeout a hall may set. The host's session guard is sized from the config's idle
 * timeout and warning (plus 30 s) when the host starts; the renderer must end a quiet session before
 * that guard does, so a hall may lengthen the timeout by the warning time at most.
 */
export function maxHallIdleTimeoutSeconds(config: KioskConfig): number {
  return Math.min(3600, config.ui.idleTimeoutSeconds + config.ui.idleWarningSeconds);
}

/** The config's values, the default for every hall setting. */
export function configHallSettings(config: KioskConfig): HallSettings {
  return {
    idleTimeoutSeconds: config.ui.idleTimeoutSeconds,
    languages: [...config.ui.languages],
    elderlyModeDefault: config.ui.elderlyModeDefault,
    manualIdentifyAllowed: config.ui.manualIdentifyAllowed,
    itemsOffered: null,
    printerPaper: config.printer.paper,
  };
}

/** What applies now: the stored settings where valid, else the config's. */
export function effectiveHallSettings(config: KioskConfig, settings: SettingsReader | null): HallSettings {
  const base = configHallSettings(config);
  if (!settings) return base;
  const parsed = hallSettingsSchema.partial().safeParse(settings.get(hallSettingsKey) ?? {});
  if (!parsed.success) return base;
  const stored = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  const merged: HallSettings = { ...base, ...stored };
  return {
    ...merged,
    idleTimeoutSeconds: Math.min(merged.idleTimeoutSeconds, maxHallIdleTimeoutSeconds(config)),
  };
}

/** The session settings getKioskInfo reports, with the hall's changes applied. */
export function kioskUiSettings(
  config: KioskConfig,
  settings: SettingsReader | null,
): Pick<
  KioskConfig['ui'],
  'languages' | 'defaultLanguage' | 'idleTimeoutSeconds' | 'elderlyModeDefault' | 'manualIdentifyAllowed'
> {
  const hall = effectiveHallSettings(config, settings);
  const languages = [...new Set(hall.languages)];
  return {
    languages,
    defaultLanguage: languages.includes(config.ui.defaultLanguage)
      ? config.ui.defaultLanguage
      : (languages[0] ?? 'zh-Hans'),
    idleTimeoutSeconds: hall.idleTimeoutSeconds,
    elderlyModeDefault: hall.elderlyModeDefault,
    manualIdentifyAllowed: hall.manualIdentifyAllowed,
  };
}

/** The items a hall offers on this kiosk (null: all). For the journey's catalogue listing. */
export function offeredItemIds(
  config: KioskConfig,
  settings: SettingsReader | null,
): ReadonlySet<string> | null {
  const items = effectiveHallSettings(config, settings).itemsOffered;
  return items === null ? null : new Set(items);
}
