import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Field } from '../../shared/common/spec/model';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const corpus = resolve(repoRoot, '..', 'shared', 'corpus');
export const casePath = (name: string) => resolve(corpus, 'cases', name);
export const realPath = (name: string) => resolve(corpus, 'real', name);

/** A field in the corpus LOG notation: `path : type [req, ro, wo, null, enum=[..], const=.., fmt=.., cycle->X]`. */
export function fieldLine(f: Field): string {
  const flags: string[] = [];
  if (f.required) flags.push('req');
  if (f.readOnly) flags.push('ro');
  if (f.writeOnly) flags.push('wo');
  if (f.nullable) flags.push('null');
  if (f.enum) flags.push(`enum=[${f.enum.map((e) => String(e)).join(', ')}]`);
  if ('const' in f) flags.push(`const=${JSON.stringify(f.const)}`);
  if (f.format) flags.push(`fmt=${f.format}`);
  if (f.cycle) flags.push(`cycle->${f.cycle}`);
  return `${f.path} : ${f.type}${flags.length ? ` [${flags.join(', ')}]` : ''}`;
}
