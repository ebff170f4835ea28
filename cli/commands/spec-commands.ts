/**
 * `inspect`, `lint`, `fields` (CLI.md "Spec commands").
 */
import type { Command } from '../command';
import { CliError, EXIT_FINDINGS, EXIT_OK } from '../io';
import type { Diagnostic, Severity } from '../../shared/common/spec/model';
import { ROLES } from '../../shared/common/spec/model';
import { extractFields, inspectSpec, lintSpec, loadSpecFile } from '../../shared/node/spec/index';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export const inspect: Command = {
  name: 'inspect',
  usage: 'inspect <spec> [--json]',
  summary: "the spec's shape and endpoint candidates",
  options: { json: { type: 'boolean' } },
  positionals: 1,
  async run(args, io) {
    const file = args.positionals[0] as string;
    const spec = await loadSpecFile(file);
    const result = inspectSpec(spec);
    if (args.values.json) {
      io.json({
        ...result,
        roles: Object.fromEntries(ROLES.map((r) => [r, result.roles[r]])),
      });
      return EXIT_OK;
    }
    const lines = [
      `${result.title} ${result.version} (${result.format})`,
      `servers: ${result.servers.join(', ') || '(none)'}`,
      `basic auth: ${result.basicAuth ? 'declared' : 'not declared'}`,
      `operations: ${result.operations.length}${result.webhooks.length ? `, webhooks: ${result.webhooks.length}` : ''}`,
      ...result.operations.map((o) => `  ${o.method.padEnd(7)} ${o.path}${o.operationId ? `  (${o.operationId})` : ''}`),
      ...result.webhooks.map((w) => `  WEBHOOK ${w.name} ${w.method}${w.operationId ? `  (${w.operationId})` : ''}`),
      'suggested endpoints:',
      ...ROLES.map((r) => {
        const best = result.roles[r][0];
        return `  ${r.padEnd(10)} ${best ? `${best.method} ${best.path}  (score ${best.score})` : '(no candidate)'}`;
      }),
    ];
    io.out(lines.join('\n'));
    if (spec.diagnostics.length) io.err(`${spec.diagnostics.length} load diagnostic(s); run \`lint\` for details`);
    return EXIT_OK;
  },
};

function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${d.file ?? file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`;
}

export const lint: Command = {
  name: 'lint',
  usage: 'lint <spec> [--json] [--fail-on error|warning]',
  summary: "Spectral's oas ruleset plus the connector-readiness rules",
  options: { json: { type: 'boolean' }, 'fail-on': { type: 'string' } },
  positionals: 1,
  async run(args, io) {
    const file = args.positionals[0] as string;
    const failOn = (args.values['fail-on'] ?? 'error') as string;
    if (failOn !== 'error' && failOn !== 'warning') {
      throw new CliError(`lint: --fail-on must be "error" or "warning" (got "${failOn}")`);
    }
    if (!args.values.json) io.err(`linting ${file} ...`);
    const result = await lintSpec({ kind: 'file', path: file });
    const threshold = RANK[failOn];
    const failing = result.diagnostics.filter((d) => RANK[d.severity] <= threshold).length;
    if (args.values.json) {
      io.json({ diagnostics: result.diagnostics, summary: result.summary });
    } else {
      for (const d of result.diagnostics) io.out(formatDiagnostic(file, d));
      io.out(`${result.summary.errors} error(s), ${result.summary.warnings} warning(s) (${result.lintMs} ms)`);
    }
    return failing > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
};

export const fields: Command = {
  name: 'fields',
  usage: 'fields <spec> --operation "<METHOD> <path>" [--part request|response] [--json]',
  summary: "the flattened fields of an operation's JSON body",
  options: { operation: { type: 'string' }, part: { type: 'string' }, json: { type: 'boolean' } },
  positionals: 1,
  async run(args, io) {
    const file = args.positionals[0] as string;
    const operation = args.values.operation;
    if (typeof operation !== 'string' || operation.trim() === '') {
      throw new CliError('fields: --operation "<METHOD> <path>" is required');
    }
    const part = (args.values.part ?? 'request') as string;
    if (part !== 'request' && part !== 'response') {
      throw new CliError(`fields: --part must be "request" or "response" (got "${part}")`);
    }
    const spec = await loadSpecFile(file);
    const result = extractFields(spec, operation, part);
    if (args.values.json) {
      io.json(result);
      return EXIT_OK;
    }
    const lines = [`${result.operation} ${result.part} (${result.contentType ?? 'no body'})`];
    for (const f of result.fields) {
      const flags = [
        f.required && 'required',
        f.readOnly && 'readOnly',
        f.writeOnly && 'writeOnly',
        f.nullable && 'nullable',
        f.enum && `enum=${JSON.stringify(f.enum)}`,
        'const' in f && `const=${JSON.stringify(f.const)}`,
        f.format && `format=${f.format}`,
        f.cycle && `cycle->${f.cycle}`,
      ].filter(Boolean);
      lines.push(`  ${f.path} : ${f.type}${flags.length ? `  [${flags.join(', ')}]` : ''}`);
    }
    if (result.truncated) lines.push('  ... (truncated)');
    io.out(lines.join('\n'));
    return EXIT_OK;
  },
};

export const commands: Command[] = [inspect, lint, fields];
