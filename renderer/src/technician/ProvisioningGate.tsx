import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { useKiosk } from '../api/kiosk-context';
import './technician.css';

const ProvisioningScreen = lazy(() =>
  import('./ProvisioningScreen').then((m) => ({ default: m.ProvisioningScreen })),
);

type GateState = { name: 'checking' } | { name: 'provisioned' } | { name: 'needed'; initialUrl: string };

/**
 * A kiosk never enrolled with its central system shows the provisioning screen instead of the
 * attract screen. Given children, it renders them only once the kiosk is enrolled; without, it is a
 * full-screen layer over the app while provisioning is needed.
 */
export function ProvisioningGate({ children }: { children?: ReactNode }) {
  const { client } = useKiosk();
  const [state, setState] = useState<GateState>({ name: 'checking' });

  useEffect(() => {
    let cancelled = false;
    const check = async (attempt: number): Promise<void> => {
      try {
        const result = await client.getProvisioningState({});
        if (cancelled) return;
        if (result.ok && !result.value.provisioned) {
          setState({ name: 'needed', initialUrl: result.value.configuredCentralUrl ?? '' });
        } else setState({ name: 'provisioned' });
      } catch {
        // The host is starting or restarting: look again shortly.
        if (!cancelled && attempt < 20) setTimeout(() => void check(attempt + 1), 1000);
      }
    };
    void check(0);
    return () => {
      cancelled = true;
    };
  }, [client]);

  if (state.name === 'needed') {
    return (
      <Suspense fallback={<div className="tech-overlay" />}>
        <ProvisioningScreen initialUrl={state.initialUrl} onDone={() => setState({ name: 'provisioned' })} />
      </Suspense>
    );
  }
  if (state.name === 'checking') return null;
  return <>{children ?? null}</>;
}
