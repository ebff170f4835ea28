/** `verify <bundle> [--key <public-jwk.json>]`: reading the files, then verifyBundle. */
import { readFile } from 'node:fs/promises';
import { StudioError } from '../../common/api/define';
import { verifyBundle, type VerifyOutcome } from './sign';

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new StudioError(code === 'ENOENT' ? 'not-found' : 'io', `cannot read the ${what} ${path}: ${code ?? (err as Error).message}`, { file: path });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    let line = 1;
    let column = 1;
    if (m) {
      const before = text.slice(0, Number(m[1]));
      line = before.split('\n').length;
      column = before.length - before.lastIndexOf('\n');
    }
    throw new StudioError('unparseable', `the ${what} is not JSON: ${(err as Error).message}`, { file: path, line, column });
  }
}

/** Reads and verifies; unreadable or non-JSON input throws (exit 2), an invalid bundle is a result (exit 1). */
export async function verifyBundleFile(bundlePath: string, publicKey?: string | Record<string, unknown>): Promise<VerifyOutcome> {
  const bundle = await readJson(bundlePath, 'bundle');
  const key = typeof publicKey === 'string' ? await readJson(publicKey, 'public key file') : publicKey;
  return verifyBundle(bundle, key);
}
