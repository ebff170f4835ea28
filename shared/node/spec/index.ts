/**
 * The spec engine's Node API: load an OpenAPI/Swagger document (file, URL or text), list its
 * operations and role candidates, flatten body fields, export self-contained JSON Schemas for
 * Ajv, and lint (Spectral + connector-readiness rules) in a worker thread.
 */
export type { LoadedSpec, LoadOptions } from './load';
export { loadSpec, loadSpecFile } from './load';
export { inspectSpec, extractFields, operationSchema, findOperation, serverDetails } from './query';
export type { OperationSchema } from './query';
export type { NormOperation, NormParameter, NormBody, NormResponse } from '../../common/spec/normalize';
export { lintSpec, lintLoadedSpec } from './lint-client';
