import { contract, isCallName, type CallName, type CallOutput, type ParsedInput } from '../../common/api/contract';
import { StudioError, type Outcome } from '../../common/api/define';

export type Handler<N extends CallName> = (input: ParsedInput<N>) => Promise<CallOutput<N>>;
export type Handlers<K extends CallName> = { [N in K]: Handler<N> };
export type CallTable = Handlers<CallName>;

export type Dispatch = (name: unknown, rawInput: unknown) => Promise<Outcome<unknown>>;

/**
 * The single entry for every transport: refuse unknown names, validate the untrusted input
 * against the contract's schema, run the handler, and fold any error into an Outcome.
 */
export function createDispatcher(table: CallTable, onInternalError?: (name: string, err: unknown) => void): Dispatch {
  return async (name, rawInput) => {
    if (!isCallName(name)) {
      return { ok: false, error: { code: 'bad-input', message: `unknown call: ${String(name)}` } };
    }
    const parsed = contract[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
      return {
        ok: false,
        error: { code: 'bad-input', message: `invalid input for ${name}${where}: ${first?.message ?? 'invalid'}` },
      };
    }
    try {
      const handler = table[name] as (input: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (err) {
      if (err instanceof StudioError) return { ok: false, error: err.toData() };
      onInternalError?.(name, err);
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, error: { code: 'internal', message } };
    }
  };
}
