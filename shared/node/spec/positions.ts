/**
 * JSON-pointer path → 1-based line/column in a document's source text. Computed lazily, only
 * when a diagnostic needs it, by re-reading the text with the `yaml` package (which also reads
 * JSON) and keeping its node tree per file.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';

export interface Position {
  line: number;
  column: number;
}

export class PositionIndex {
  private doc: ReturnType<typeof parseDocument> | null = null;
  private readonly counter = new LineCounter();

  constructor(private readonly text: string) {}

  private tree() {
    if (!this.doc) this.doc = parseDocument(this.text, { lineCounter: this.counter, uniqueKeys: false, keepSourceTokens: false, strict: false });
    return this.doc;
  }

  /** Position of the node at `path` (of its key when the last step is a mapping key). */
  locate(path: readonly string[]): Position {
    const doc = this.tree();
    let node: unknown = doc.contents;
    let offset = (node as YamlNode | null)?.range?.[0] ?? 0;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i] as string;
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
        if (!pair) break;
        const keyNode = pair.key as YamlNode | null;
        if (i === path.length - 1 && keyNode?.range) {
          offset = keyNode.range[0];
          break;
        }
        node = pair.value;
        const r = (node as YamlNode | null)?.range;
        if (r) offset = r[0];
        else if (keyNode?.range) offset = keyNode.range[0];
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)] as YamlNode | undefined;
        if (!item) break;
        node = item;
        if (item.range) offset = item.range[0];
      } else break;
    }
    const p = this.counter.linePos(offset);
    return { line: p.line, column: p.col };
  }
}
