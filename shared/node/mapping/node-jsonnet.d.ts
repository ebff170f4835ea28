/**
 * The package's `exports` map points ESM imports at lib/module.mjs, which has no typings beside
 * it, so TypeScript (moduleResolution Bundler) cannot find ./types/index.d.ts. These are the
 * parts of the 2.1.0 API the Jsonnet host uses.
 */
declare module '@hanazuki/node-jsonnet' {
  export type JsonnetPrimitiveValue = null | boolean | number | string;
  export class JsonnetError extends Error {}
  export class Jsonnet {
    static readonly version: string;
    constructor();
    setMaxStack(value: number): this;
    setMaxTrace(value: number): this;
    extString(key: string, value: string): this;
    extCode(key: string, value: string): this;
    addJpath(path: string): this;
    nativeCallback(name: string, fun: (...args: JsonnetPrimitiveValue[]) => unknown, ...params: string[]): this;
    evaluateSnippet(snippet: string, filename?: string): Promise<string>;
  }
}
