import { StudioError } from '../../common/api/define';

/** Placeholder while an area is being built; every use is replaced before its issue closes. */
export function notImplemented(name: string): () => Promise<never> {
  return () => Promise.reject(new StudioError('internal', `${name} is not implemented yet`));
}
