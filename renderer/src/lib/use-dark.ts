import { useEffect, useState } from 'react';
import { useUi } from '../store/ui';

/** Whether the effective theme is dark (toggle, else the OS preference). */
export function useIsDark(): boolean {
  const theme = useUi((s) => s.theme);
  const [systemDark, setSystemDark] = useState(() => globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false);
  useEffect(() => {
    const mq = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
    if (!mq) return;
    const on = (e: MediaQueryListEvent) => setSystemDark(e.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return theme === 'dark' || (theme === 'system' && systemDark);
}
