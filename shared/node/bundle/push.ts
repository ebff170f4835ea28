/** Pushing a bundle to a broker URL: HTTP POST, JSON body, bounded retries with backoff. */
import { StudioError } from '../../common/api/define';

export interface PushResult {
  status: number;
  body?: unknown;
  /** Set when no HTTP answer came back at all (network error or timeout on every attempt). */
  error?: string;
  attempts: number;
}

export interface PushOptions {
  attempts?: number;
  timeoutMs?: number;
  baseDelayMs?: number;
}

const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const MAX_BODY_CHARS = 4000;

function sleep(ms: number): Promise<void> {
  return new Promise((res) => setTimeout(res, ms));
}

function retryAfterMs(header: string | null, fallback: number): number {
  if (!header) return fallback;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.min(Math.max(seconds * 1000, 0), 5000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.min(Math.max(at - Date.now(), 0), 5000) : fallback;
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Not JSON after all: show it as text below.
    }
  }
  return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}… (${text.length} characters)` : text;
}

/** POSTs the bundle text; retries network errors, timeouts, 408, 429 and 5xx a bounded number of times. */
export async function pushBundle(url: string, text: string, opts: PushOptions = {}): Promise<PushResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StudioError('bad-input', `not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new StudioError('bad-input', `the broker URL must be http or https, not ${parsed.protocol}`);
  }
  if (parsed.username || parsed.password) {
    throw new StudioError('bad-input', 'the broker URL must not carry credentials');
  }
  const attempts = Math.max(1, opts.attempts ?? 3);
  const base = opts.baseDelayMs ?? 250;
  let last: PushResult = { status: 0, error: 'not attempted', attempts: 0 };
  for (let i = 1; i <= attempts; i++) {
    try {
      const res = await fetch(parsed, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: text,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        redirect: 'error',
      });
      const body = await readBody(res);
      last = { status: res.status, body, attempts: i };
      if (!RETRY_STATUS.has(res.status) || i === attempts) return last;
      await sleep(retryAfterMs(res.headers.get('retry-after'), base * 2 ** (i - 1)));
    } catch (err) {
      const e = err as Error;
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const reason = e.name === 'TimeoutError' ? `no answer within ${(opts.timeoutMs ?? 10_000) / 1000} s` : (cause?.code ?? cause?.message ?? e.message);
      last = { status: 0, error: `cannot reach ${parsed.origin}: ${reason}`, attempts: i };
      if (i < attempts) await sleep(base * 2 ** (i - 1));
    }
  }
  return last;
}
