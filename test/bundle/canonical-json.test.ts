import { describe, expect, it } from 'vitest';
import { canonicalize, CanonicalJsonError, compareUtf16 } from '../../shared/common/bundle/canonical-json';

/** A double from its IEEE 754 bit pattern, as RFC 8785 Appendix B lists them. */
function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('RFC 8785 canonical JSON', () => {
  // RFC 8785 Appendix B: IEEE 754 bit patterns and their required serialisation.
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serialises the double 0x%s as %s', (bits, expected) => {
    expect(canonicalize(fromBits(bits))).toBe(expected);
  });

  it.each([
    ['7fffffffffffffff', 'NaN'],
    ['7ff0000000000000', 'Infinity'],
    ['fff0000000000000', '-Infinity'],
  ])('refuses the double 0x%s (%s)', (bits) => {
    expect(() => canonicalize([fromBits(bits)])).toThrow(CanonicalJsonError);
    expect(() => canonicalize([fromBits(bits)])).toThrow(/at \$\[0\]/);
  });

  it('matches the RFC 8785 §3.2.2 example (numbers, string escapes, literals, member order)', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    ) as unknown;
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts members by UTF-16 code units as in the RFC 8785 §3.2.3 example', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalize(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis",' +
        '"€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('orders a supplementary-plane name before a high BMP name (code units, not code points)', () => {
    // U+1F600 is D83D DE00 in UTF-16, so it sorts before U+FB33 although its code point is larger.
    expect(compareUtf16('\ud83d\ude00', '\ufb33')).toBeLessThan(0);
    expect(canonicalize({ '\ufb33': 1, '\ud83d\ude00': 2 })).toBe('{"😀":2,"\ufb33":1}');
  });

  it('escapes every C0 control with the short form where one exists, else \\u00xx in lower case', () => {
    const all = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join('');
    const expected =
      '"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f' +
      '\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"';
    expect(canonicalize(all)).toBe(expected);
    expect(canonicalize('/\u007f\u2028')).toBe('"/\u007f\u2028"');
  });

  it('refuses lone surrogates and names where they are', () => {
    expect(() => canonicalize({ a: ['ok', 'x\ud800'] })).toThrow(/lone surrogate.*\$\.a\[1\]/);
    expect(() => canonicalize('\udc00')).toThrow(CanonicalJsonError);
  });

  it('leaves out undefined members, keeps nested structure, and refuses non-JSON values', () => {
    expect(canonicalize({ b: [1, { d: true, c: null }], a: undefined, '': 'empty' })).toBe(
      '{"":"empty","b":[1,{"c":null,"d":true}]}',
    );
    expect(() => canonicalize({ when: new Date(0) })).toThrow(/plain objects.*\$\.when/);
    expect(() => canonicalize([undefined])).toThrow(CanonicalJsonError);
    expect(() => canonicalize({ n: 1n })).toThrow(/bigint/);
  });

  it('round-trips: parsing the canonical text and canonicalising again gives the same bytes', () => {
    const value = { z: [0.1, -0, 1e-7, 123456789012345680000], y: { 'é': 'ü', e: '\u0000' } };
    const once = canonicalize(value);
    expect(canonicalize(JSON.parse(once))).toBe(once);
    expect(once).toBe('{"y":{"e":"\\u0000","é":"ü"},"z":[0.1,0,1e-7,123456789012345680000]}');
  });
});
