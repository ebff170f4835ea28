import { describe, expect, it } from 'vitest';
import { basename, dirname, isAbsolutePath, resolveBeside, slugify } from '../../renderer/src/lib/paths';
import { copyPath, defaultBundlePath, defaultProjectPath, findingsOf } from '../../renderer/src/lib/project-files';

describe('paths from the Node side', () => {
  it.each([
    { from: '/home/a/p/demo.connector.json', target: 'sandbox.openapi.yaml', expected: '/home/a/p/sandbox.openapi.yaml' },
    { from: '/home/a/p/demo.connector.json', target: '../specs/./api.yaml', expected: '/home/a/specs/api.yaml' },
    { from: '/home/a/p/demo.connector.json', target: '/abs/api.json', expected: '/abs/api.json' },
    { from: 'C:\\work\\p\\x.connector.json', target: 'specs\\api.yaml', expected: 'C:\\work\\p\\specs\\api.yaml' },
    { from: 'C:\\work\\p\\x.connector.json', target: 'D:\\api.yaml', expected: 'D:\\api.yaml' },
  ])('resolves $target beside $from', ({ from, target, expected }) => {
    expect(resolveBeside(from, target)).toBe(expected);
  });

  it('splits names and folders', () => {
    expect(dirname('/a/b/c.json')).toBe('/a/b');
    expect(dirname('/c.json')).toBe('/');
    expect(dirname('c.json')).toBe('.');
    expect(basename('C:\\x\\y.yaml')).toBe('y.yaml');
    expect(isAbsolutePath('relative/x')).toBe(false);
  });

  it.each([
    { name: 'Demo: Field Nation ⇄ Jobs API', expected: 'demo-field-nation-jobs-api' },
    { name: '   ', expected: 'project' },
    { name: 'Stripe connector', expected: 'stripe-connector' },
  ])('slugifies "$name"', ({ name, expected }) => {
    expect(slugify(name)).toBe(expected);
  });
});

describe('default document locations', () => {
  it('puts new projects in the studio home', () => {
    expect(defaultProjectPath('/home/me/.connector-studio', 'Stripe connector')).toBe('/home/me/.connector-studio/stripe-connector.connector.json');
  });

  it('suggests a -copy file for save as, beside the original', () => {
    expect(copyPath('/p/demo.connector.json')).toBe('/p/demo-copy.connector.json');
    expect(copyPath('/p/other.json')).toBe('/p/other-copy.connector.json');
  });

  it('puts the bundle beside the project file', () => {
    expect(defaultBundlePath('/p/demo.connector.json', 'Demo API')).toBe('/p/demo-api.bundle.json');
  });

  it('reads the secret-scan findings of a refused export', () => {
    const findings = [{ path: 'environments.sandbox.username', reason: 'matches a stored password' }];
    expect(findingsOf({ code: 'secret-found', message: 'refusing', details: findings })).toEqual(findings);
    expect(findingsOf({ code: 'secret-found', message: 'refusing', details: { findings } })).toEqual(findings);
    expect(findingsOf({ code: 'io', message: 'disk full', details: findings })).toEqual([]);
    expect(findingsOf(null)).toEqual([]);
  });
});
