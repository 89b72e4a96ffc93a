import { err, ok, type Result } from '../../../kernel/result';
import { type Profile, profileSchema } from '../../../sync/protocol/profile';
import type { KioskDatabase } from '../../../sync/store';
import type { IdentifiedBy } from '../../api/cardless';
import type { IdentityView } from '../../api/identity';
import type { HostContext } from '../../core/host-context';
import type { KioskRuntime } from '../../core/kiosk-runtime';
import { type AgentOnSession, principalReach } from '../agent/acting-for-policy';
import { CatalogueView } from '../catalogue-view';
import { LicenceCopies } from '../licences/licence-copies';

/** The open session a request names, with the runtime it needs. */
export interface JourneySession {
  readonly id: string;
  readonly identity: IdentityView;
  readonly identifiedBy: IdentifiedBy;
  readonly runtime: KioskRuntime;
  /**
   * 帮办代办: who applies on `identity`'s behalf, or null. When set, `identity` is the principal's and
   * `identifiedBy` what the principal's data may reach (acting-for-policy.ts).
   */
  readonly agent: AgentOnSession | null;
}

/** What every journey use case shares: the host's context, the catalogue view, the open session. */
export class JourneyContext {
  #catalogue: { store: KioskDatabase; view: CatalogueView } | null = null;
  /** The open session's electronic licences, rendered as pages when asked. */
  readonly licenceCopies = new LicenceCopies();

  constructor(readonly host: HostContext) {}

  /** One view per store: a re-provisioned kiosk gets a fresh one. */
  catalogueOf(runtime: KioskRuntime): CatalogueView {
    if (this.#catalogue?.store !== runtime.store)
      this.#catalogue = { store: runtime.store, view: new CatalogueView(runtime.store) };
    return this.#catalogue.view;
  }

  /** The open session, if it is this one and the kiosk is enrolled. */
  session(sessionId: string): Result<JourneySession, 'no_session'> {
    const current = this.host.sessions.current();
    const runtime = this.host.runtime();
    if (!current || current.id !== sessionId || !runtime) return err('no_session', 'The session has ended.');
    const acting = current.actingFor;
    if (acting)
      return ok({
        id: current.id,
        identity: acting.identity,
        identifiedBy: principalReach(acting.basis),
        runtime,
        agent: { identity: current.identity, basis: acting.basis, relation: acting.relation },
      });
    return ok({
      id: current.id,
      identity: current.identity,
      identifiedBy: current.identifiedBy,
      runtime,
      agent: null,
    });
  }

  /**
   * The person's form-free record as this kiosk holds it. Never fetched here: the sync service
   * prefetches it when the card is accepted, so a request does not wait on the network.
   */
  localProfile(runtime: KioskRuntime, idNumber: string): Profile | null {
    const cached = profileSchema.safeParse(runtime.store.people.get(idNumber));
    return cached.success ? cached.data : null;
  }

  /** Today in the hall's time zone. */
  today(): string {
    return this.host.clock.today();
  }

  now(): number {
    return this.host.clock.now();
  }

  /** The hall's public address when it has one (the central's own may be internal); a route it serves. */
  progressUrl(runtime: KioskRuntime, caseNumber: string): string {
    const base = runtime.enrolment.hall.publicBaseUrl ?? runtime.enrolment.centralUrl;
    return `${base.replace(/\/+$/, '')}/v1/progress/${encodeURIComponent(caseNumber)}`;
  }
}
