/** The e2e target switch (e2e/targets.ts): one environment variable, and a clear refusal without a binary. */
import { describe, expect, it } from 'vitest';
import { electronExecutable, electronStudioPage, isAppUrl, launchElectronStudio, studioTarget } from '../../e2e/targets';

describe('STUDIO_E2E_TARGET', () => {
  it('defaults to browser mode and accepts electron; anything else is an error', () => {
    expect(studioTarget({})).toBe('browser');
    expect(studioTarget({ STUDIO_E2E_TARGET: 'browser' })).toBe('browser');
    expect(studioTarget({ STUDIO_E2E_TARGET: 'Electron' })).toBe('electron');
    expect(() => studioTarget({ STUDIO_E2E_TARGET: 'electorn' })).toThrow(/expected "browser" or "electron"/);
  });

  it('allows only the app origin in the Electron window', () => {
    expect(isAppUrl('studio://app/index.html')).toBe(true);
    expect(isAppUrl('https://cdn.example/monaco.js')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
  });

  it.runIf(electronExecutable() === null)('refuses to launch without the Electron binary, saying why', async () => {
    await expect(launchElectronStudio('/tmp/unused')).rejects.toThrow(/needs the Electron binary/);
    await expect(electronStudioPage('/tmp/unused', [])).rejects.toThrow(/needs the Electron binary/);
  });
});
