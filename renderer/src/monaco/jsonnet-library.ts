/**
 * Completion and hover data for Jsonnet: the standard library (`std.*`, written from the
 * Jsonnet standard library documentation, one line each) and the broker's `$.util` helpers
 * (the 14 documented functions). Pure data plus lookup helpers; no Monaco import.
 */
export interface LibraryFunction {
  name: string;
  signature: string;
  doc: string;
}

const STD: [string, string, string][] = [
  // Types and reflection
  ['extVar', 'x', 'Value of the external variable x.'],
  ['thisFile', '', 'Name of the current file (a field, not a function).'],
  ['type', 'x', 'Type of x as a string: "array", "boolean", "function", "null", "number", "object" or "string".'],
  ['length', 'x', 'Length of an array, string (code points), object (visible fields) or function (parameters).'],
  ['get', 'o, f, default=null, inc_hidden=true', 'Field f of object o, or default when it is missing.'],
  ['objectHas', 'o, f', 'True if object o has the visible field f.'],
  ['objectFields', 'o', 'Sorted names of the visible fields of o.'],
  ['objectValues', 'o', 'Values of the visible fields of o, ordered by field name.'],
  ['objectKeysValues', 'o', 'Array of {key, value} for the visible fields of o.'],
  ['objectHasAll', 'o, f', 'True if o has the field f, hidden fields included.'],
  ['objectFieldsAll', 'o', 'Names of all fields of o, hidden ones included.'],
  ['objectValuesAll', 'o', 'Values of all fields of o, hidden ones included.'],
  ['objectKeysValuesAll', 'o', 'Array of {key, value} for all fields of o, hidden ones included.'],
  ['objectRemoveKey', 'obj, key', 'A copy of obj without the field key.'],
  ['prune', 'a', 'Recursively removes null fields, empty arrays and empty objects.'],
  ['mapWithKey', 'func, obj', 'Object with each field value replaced by func(key, value).'],
  ['isArray', 'v', 'True if v is an array.'],
  ['isBoolean', 'v', 'True if v is a boolean.'],
  ['isFunction', 'v', 'True if v is a function.'],
  ['isNumber', 'v', 'True if v is a number.'],
  ['isObject', 'v', 'True if v is an object.'],
  ['isString', 'v', 'True if v is a string.'],
  // Maths
  ['abs', 'n', 'Absolute value of n.'],
  ['sign', 'n', '-1, 0 or 1 by the sign of n.'],
  ['max', 'a, b', 'The larger of a and b.'],
  ['min', 'a, b', 'The smaller of a and b.'],
  ['pow', 'x, n', 'x to the power n.'],
  ['exp', 'x', 'e to the power x.'],
  ['log', 'x', 'Natural logarithm of x.'],
  ['exponent', 'x', 'Binary exponent of x.'],
  ['mantissa', 'x', 'Binary mantissa of x.'],
  ['floor', 'x', 'Largest integer ≤ x.'],
  ['ceil', 'x', 'Smallest integer ≥ x.'],
  ['round', 'x', 'x rounded to the nearest integer (halves away from zero).'],
  ['sqrt', 'x', 'Square root of x.'],
  ['sin', 'x', 'Sine of x (radians).'],
  ['cos', 'x', 'Cosine of x (radians).'],
  ['tan', 'x', 'Tangent of x (radians).'],
  ['asin', 'x', 'Arc sine of x.'],
  ['acos', 'x', 'Arc cosine of x.'],
  ['atan', 'x', 'Arc tangent of x.'],
  ['modulo', 'a, b', 'Remainder of a / b (what the % operator does on numbers).'],
  ['clamp', 'x, minVal, maxVal', 'x limited to the range [minVal, maxVal].'],
  ['isEven', 'x', 'True if the integer x is even.'],
  ['isOdd', 'x', 'True if the integer x is odd.'],
  ['isInteger', 'x', 'True if x is a whole number.'],
  ['isDecimal', 'x', 'True if x has a fractional part.'],
  // Assertions
  ['assertEqual', 'a, b', 'true when a == b, otherwise an error that shows both values.'],
  // Strings
  ['toString', 'a', 'a as a string (strings unchanged, other values as JSON).'],
  ['codepoint', 'str', 'Unicode code point of the one-character string str.'],
  ['char', 'n', 'One-character string of the code point n.'],
  ['substr', 'str, from, len', 'len characters of str starting at index from.'],
  ['findSubstr', 'pat, str', 'Array of the indices where pat occurs in str.'],
  ['startsWith', 'a, b', 'True if string a starts with b.'],
  ['endsWith', 'a, b', 'True if string a ends with b.'],
  ['stripChars', 'str, chars', 'str without any of the characters chars at either end.'],
  ['lstripChars', 'str, chars', 'str without any of the characters chars at the start.'],
  ['rstripChars', 'str, chars', 'str without any of the characters chars at the end.'],
  ['trim', 'str', 'str without leading and trailing whitespace.'],
  ['equalsIgnoreCase', 'str1, str2', 'True if the strings are equal ignoring ASCII case.'],
  ['split', 'str, c', 'str split at every occurrence of the separator c.'],
  ['splitLimit', 'str, c, maxsplits', 'Like split, at most maxsplits splits from the left.'],
  ['splitLimitR', 'str, c, maxsplits', 'Like split, at most maxsplits splits from the right.'],
  ['strReplace', 'str, from, to', 'str with every occurrence of from replaced by to.'],
  ['isEmpty', 'str', 'True if the string str is empty.'],
  ['asciiUpper', 'str', 'str with ASCII letters in upper case.'],
  ['asciiLower', 'str', 'str with ASCII letters in lower case.'],
  ['stringChars', 'str', 'Array of the characters of str.'],
  ['format', 'str, vals', 'Python-style % formatting of vals into str (slow in this engine).'],
  ['escapeStringBash', 'str', 'str quoted for a bash command line.'],
  ['escapeStringDollars', 'str', 'str with $ doubled (for Terraform-style templates).'],
  ['escapeStringJson', 'str', 'str as a JSON string literal.'],
  ['escapeStringPython', 'str', 'str as a Python string literal.'],
  ['escapeStringXml', 'str', 'str with XML special characters escaped.'],
  // Parsing
  ['parseInt', 'str', 'Decimal integer in str, e.g. "-123" → -123.'],
  ['parseOctal', 'str', 'Octal integer in str.'],
  ['parseHex', 'str', 'Hexadecimal integer in str.'],
  ['parseJson', 'str', 'The value of the JSON text str.'],
  ['parseYaml', 'str', 'The value of the YAML text str (avoid multi-document input in this engine).'],
  ['encodeUTF8', 'str', 'Array of the UTF-8 bytes of str.'],
  ['decodeUTF8', 'arr', 'String from an array of UTF-8 bytes.'],
  // Manifestation
  ['manifestIni', 'ini', 'INI text from {main, sections}.'],
  ['manifestPython', 'v', 'v as Python literal text.'],
  ['manifestPythonVars', 'conf', 'Python variable assignments from an object.'],
  ['manifestJsonEx', 'value, indent, newline="\\n", key_val_sep=": "', 'value as JSON text with the given indentation.'],
  ['manifestJson', 'value', 'value as pretty JSON text (4-space indent).'],
  ['manifestJsonMinified', 'value', 'value as JSON text without whitespace.'],
  ['manifestYamlDoc', 'value, indent_array_in_object=false, quote_keys=true', 'value as a YAML document.'],
  ['manifestYamlStream', 'value, indent_array_in_object=false, c_document_end=false, quote_keys=true', 'An array as a YAML stream of documents.'],
  ['manifestXmlJsonml', 'value', 'XML text from a JsonML array.'],
  ['manifestTomlEx', 'toml, indent', 'An object as TOML text.'],
  // Arrays
  ['makeArray', 'sz, func', 'Array of sz elements, element i being func(i).'],
  ['member', 'arr, x', 'True if x is an element of the array (or a substring of the string) arr.'],
  ['count', 'arr, x', 'Number of elements of arr equal to x.'],
  ['find', 'value, arr', 'Array of the indices of arr whose element equals value.'],
  ['map', 'func, arr', 'Array of func(x) for each element x of arr.'],
  ['mapWithIndex', 'func, arr', 'Array of func(i, x) for each element x at index i.'],
  ['filterMap', 'filter_func, map_func, arr', 'map_func applied to the elements for which filter_func is true.'],
  ['flatMap', 'func, arr', 'func applied to each element, the resulting arrays concatenated.'],
  ['filter', 'func, arr', 'Elements of arr for which func returns true.'],
  ['foldl', 'func, arr, init', 'Left fold: func(func(init, arr[0]), arr[1])…'],
  ['foldr', 'func, arr, init', 'Right fold: func(arr[0], func(arr[1], …init)).'],
  ['range', 'from, to', 'Array of the integers from..to, both included.'],
  ['repeat', 'what, count', 'The array or string what repeated count times.'],
  ['slice', 'indexable, index, end, step', 'Elements index..end (exclusive) with step, like a[index:end:step].'],
  ['join', 'sep, arr', 'Elements of arr (strings or arrays) joined with sep.'],
  ['deepJoin', 'arr', 'Nested arrays of strings flattened and concatenated.'],
  ['lines', 'arr', 'The strings of arr joined with newlines, with a final newline.'],
  ['flattenArrays', 'arr', 'An array of arrays concatenated into one array.'],
  ['flattenDeepArray', 'value', 'Nested arrays flattened to any depth.'],
  ['reverse', 'arr', 'arr in reverse order.'],
  ['sort', 'arr, keyF=id', 'arr sorted (stable) by keyF(x).'],
  ['uniq', 'arr, keyF=id', 'arr with consecutive duplicates removed.'],
  ['set', 'arr, keyF=id', 'arr sorted with duplicates removed (a set).'],
  ['setInter', 'a, b, keyF=id', 'Intersection of the sets a and b.'],
  ['setUnion', 'a, b, keyF=id', 'Union of the sets a and b.'],
  ['setDiff', 'a, b, keyF=id', 'Elements of the set a not in b.'],
  ['setMember', 'x, arr, keyF=id', 'True if x is in the set arr.'],
  ['all', 'arr', 'True if every element of the boolean array arr is true.'],
  ['any', 'arr', 'True if some element of the boolean array arr is true.'],
  ['sum', 'arr', 'Sum of the numbers in arr.'],
  ['avg', 'arr', 'Average of the numbers in arr.'],
  ['minArray', 'arr, keyF=id, onEmpty=error', 'Smallest element of arr by keyF.'],
  ['maxArray', 'arr, keyF=id, onEmpty=error', 'Largest element of arr by keyF.'],
  ['contains', 'arr, elem', 'True if arr contains elem.'],
  ['remove', 'arr, elem', 'arr without the first occurrence of elem.'],
  ['removeAt', 'arr, idx', 'arr without the element at index idx.'],
  // Encoding
  ['base64', 'input', 'Base64 of a string or byte array.'],
  ['base64DecodeBytes', 'str', 'Byte array decoded from base64 text.'],
  ['base64Decode', 'str', 'String decoded from base64 text.'],
  ['md5', 's', 'MD5 hex digest of the string s.'],
  ['sha1', 's', 'SHA-1 hex digest of the string s.'],
  ['sha256', 's', 'SHA-256 hex digest of the string s.'],
  ['sha512', 's', 'SHA-512 hex digest of the string s.'],
  ['sha3', 's', 'SHA3-512 hex digest of the string s.'],
  // Objects and misc
  ['mergePatch', 'target, patch', 'target with the JSON merge patch (RFC 7386) patch applied.'],
  ['trace', 'str, rest', 'Prints str to the log (the integration log / the test panel) and returns rest.'],
  ['native', 'name', 'The native function registered as name.'],
];

const UTIL: [string, string, string][] = [
  ['lookup_field', 'obj, path, default, raw=false', 'Null-safe read of a dot path (`a.b[0].c`) in obj; default when any part is missing. raw=true reads path as one literal key.'],
  ['lookup_custom_field', 'id, obj, default=""', 'Value of the work order custom field with this ID (walks the custom-field structure).'],
  ['array_map', 'array_def, val, default', 'Exact-match lookup in [{cmp, val}] (note cmp/val, not compare/value); default when nothing matches.'],
  ['range_map', 'range_def, val, default', 'Numeric bucketing over [{cmp, val}]: the smallest cmp ≥ val wins; default above all.'],
  ['date_convert', "value, format_input, format_output, timezone_in='UTC', timezone_out='UTC'", 'Re-formats a date/time string (moment-style tokens) and converts it between IANA zones.'],
  ['date_time_format_fn_utc', '', 'The marketplace UTC timestamp format, "YYYY-MM-DD HH:mm:ss".'],
  ['date_add', 'value, format_input=""', 'value plus one day, parsed with format_input.'],
  ['array_sum', 'array', 'Sum of the numeric elements of array.'],
  ['object_map_array', 'arr, map', 'Rebuilds each object of arr keeping only the mapped keys ({"source.path": "newKey"}).'],
  ['results_values', "results, field, default='', raw=false", 'The values of field (a path) across an array of objects; missing → default.'],
  ['results_values_unique', "results, field, default='', raw=false", 'Like results_values, duplicates removed.'],
  ['results_group_by', 'results, group_by_field, additional_filter, raw=false', 'Groups the items of results by the value of a field, keeping those additional_filter accepts.'],
  ['is_expense_approved_fn', 'expense', 'Predicate: true for an approved expense (use with std.filter).'],
  ['sum_expense_field', 'expenses, field', 'Sum of field (e.g. "amount") across an expense array.'],
];

function toEntries(rows: [string, string, string][]): LibraryFunction[] {
  return rows.map(([name, params, doc]) => ({ name, signature: name === 'thisFile' ? name : `${name}(${params})`, doc }));
}

export const STD_FUNCTIONS: readonly LibraryFunction[] = toEntries(STD);
export const UTIL_FUNCTIONS: readonly LibraryFunction[] = toEntries(UTIL);

const STD_BY_NAME = new Map(STD_FUNCTIONS.map((f) => [f.name, f] as const));
const UTIL_BY_NAME = new Map(UTIL_FUNCTIONS.map((f) => [f.name, f] as const));

/** What a dotted word at the cursor refers to: `std.trim` / `$.util.lookup_field`. */
export function lookupLibrary(qualified: string): (LibraryFunction & { namespace: 'std' | '$.util' }) | null {
  const std = /^std\.([A-Za-z0-9_]+)$/.exec(qualified);
  if (std) {
    const f = STD_BY_NAME.get(std[1] ?? '');
    return f ? { ...f, namespace: 'std' } : null;
  }
  const util = /^\$\.util\.([A-Za-z0-9_]+)$/.exec(qualified);
  if (util) {
    const f = UTIL_BY_NAME.get(util[1] ?? '');
    return f ? { ...f, namespace: '$.util' } : null;
  }
  return null;
}

export type CompletionContext =
  | { kind: 'std'; prefix: string }
  | { kind: 'util'; prefix: string }
  | { kind: 'input'; path: string; prefix: string }
  | { kind: 'root'; prefix: string }
  | { kind: 'none' };

/** Which list to complete from, given the text of the line up to the cursor. */
export function completionContext(linePrefix: string): CompletionContext {
  let m = /\bstd\.([A-Za-z0-9_]*)$/.exec(linePrefix);
  if (m) return { kind: 'std', prefix: m[1] ?? '' };
  m = /\$\.util\.([A-Za-z0-9_]*)$/.exec(linePrefix);
  if (m) return { kind: 'util', prefix: m[1] ?? '' };
  m = /\$\.input((?:\.[A-Za-z0-9_]+|\[\d+\])*)\.([A-Za-z0-9_]*)$/.exec(linePrefix);
  if (m) return { kind: 'input', path: (m[1] ?? '').replace(/^\./, '').replace(/\[\d+\]/g, '[]'), prefix: m[2] ?? '' };
  m = /\$\.([A-Za-z0-9_]*)$/.exec(linePrefix);
  if (m) return { kind: 'root', prefix: m[1] ?? '' };
  return { kind: 'none' };
}

/** Child segment names of `path` among the source field keys (`a.b` → children of a.b). */
export function inputChildren(fieldKeys: readonly string[], path: string): { name: string; key: string; isArray: boolean }[] {
  const out = new Map<string, { name: string; key: string; isArray: boolean }>();
  const prefix = path === '' ? '' : `${path}.`;
  for (const key of fieldKeys) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const seg = rest.split('.')[0] ?? '';
    if (seg === '') continue;
    const name = seg.replace(/\[\]$/, '');
    const isArray = seg.endsWith('[]') || fieldKeys.some((k) => k.startsWith(`${prefix}${name}[]`));
    if (!out.has(name)) out.set(name, { name, key: `${prefix}${name}`, isArray });
  }
  return [...out.values()];
}
