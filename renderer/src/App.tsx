import { useEffect, useState } from 'react';
import { callStudio } from './bridge';
import type { AppInfo } from '../../shared/common/api/calls-app';

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void callStudio('app.info', {}).then(setInfo);
  }, []);
  return (
    <main>
      <h1>Connector Studio</h1>
      <p data-testid="app-ready">{info ? `v${info.version} (${info.mode})` : 'connecting…'}</p>
    </main>
  );
}
