import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/** What the process needs of the embedded demo CRM (its implementation lives in fake-crms/demo/). */
export interface DemoCrm {
  url: string;
  /** Human instructions printed once the bridge listens, with a ready-to-paste curl. */
  banner(bridgePort: number): string;
  close(): Promise<void>;
}

export class DemoUnavailableError extends Error {
  constructor() {
    super(
      'DEMO_CRM is on, but this build carries no demo CRM (production builds and the container image leave the fake CRMs out); ' +
        'run it from a clone with `npm start`, or set DEMO_CRM=off',
    );
    this.name = 'DemoUnavailableError';
  }
}

/**
 * Load and start the demo CRM. It is loaded by path, not imported, so that the production build
 * (src/ only) carries no fake CRM: from src/demo/ under tsx and from dist/src/demo/ once compiled
 * alike, the module sits at ../../fake-crms/demo/.
 */
export async function startDemoCrm(config: Config, logger: Logger): Promise<DemoCrm> {
  const url = new URL('../../fake-crms/demo/start-demo-crm.js', import.meta.url);
  let mod: { startDemoCrm(config: Config, logger: Logger): Promise<DemoCrm> };
  try {
    mod = (await import(url.href)) as typeof mod;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && (err as Error).message.includes('start-demo-crm')) throw new DemoUnavailableError();
    throw err;
  }
  return mod.startDemoCrm(config, logger);
}
