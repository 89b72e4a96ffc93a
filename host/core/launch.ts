import { join } from 'node:path';
import type { KeyProvider } from '../../sync/store';
import { type KioskConfig, loadConfig } from '../config/config';
import { createLogger } from '../logging/logger';
import { createCardService } from '../services/idcard';
import { applyDeviceChoice } from '../services/technician/device-choice';
import { createHost, type Host } from './create-host';
import type { EmbeddedCentralFactory } from './host-context';

export interface LaunchOptions {
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Which shell hosts the core (for the log only). */
  shell: 'electron' | 'web';
  /** Replace parts of the loaded config (tests, CLI flags). */
  override?: (config: KioskConfig) => KioskConfig;
  /** The Electron shell wraps the store's data key with the OS key store (safeStorage). */
  keyProvider?: KeyProvider;
  version?: string;
  /** Demo mode's in-process reference server (sync/central/embedded): only launchers import it. */
  startEmbeddedCentral?: EmbeddedCentralFactory;
}

/** Load the config, open the logs and build the host: the same for the Electron shell and browser mode. */
export async function launchHost(options: LaunchOptions): Promise<Host> {
  const loaded = loadConfig(options.argv, options.env);
  // Devices chosen on the technician screen take the place of the file's device sections.
  const config = applyDeviceChoice(options.override ? options.override(loaded.config) : loaded.config);
  const logger = createLogger({
    level: config.logging.level,
    pretty: config.logging.pretty,
    logDir: join(config.dataDir, 'logs'),
  });
  logger.info(
    { shell: options.shell, mode: config.mode, configFile: loaded.path ?? '(defaults)' },
    'kiosk starting',
  );
  return createHost({
    config,
    logger,
    cardServiceFactory: createCardService,
    ...(options.keyProvider ? { keyProvider: options.keyProvider } : {}),
    ...(options.version ? { version: options.version } : {}),
    ...(options.startEmbeddedCentral ? { startEmbeddedCentral: options.startEmbeddedCentral } : {}),
  });
}
