import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/ipc/contract.ts';
import { bridge } from '../bridge.ts';

/** Bottom bar: tenant connection summary on the left, build on the right. */
export function StatusBar() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let active = true;
    void bridge()
      .app.getInfo()
      .then((result) => {
        if (active && result.ok) setInfo(result.value);
      });
    return () => {
      active = false;
    };
  }, []);
  return (
    <footer className="status-bar" aria-label="Status">
      <span className="status-item">
        <span className="status-dot status-dot-idle" aria-hidden="true" />
        No tenants connected
      </span>
      <span className="status-spacer" />
      {info ? (
        <span className="status-item status-muted" data-testid="app-version">
          Tessera {info.version}
          {info.runtime === 'harness' ? ' · test harness' : ''}
        </span>
      ) : null}
    </footer>
  );
}
