// Connector Studio's $.util: the 14 helper functions the broker documents (reference §3.2),
// version 1.0.0. Where the broker's docs leave behaviour open, the choice made here is written
// beside the function and in docs/mapping-semantics.md. Date work is done by native callbacks
// (dayjs on the Node side), because Jsonnet has no calendar or time-zone support.
local native(name) = std.native(name);

// Performance notes (libjsonnet 0.20, measured: docs/mapping-semantics.md §performance):
// builtins (std.type, std.primitiveEquals, std.length, std.objectHasEx, std.filter,
// std.makeArray, std.splitLimit, std.strReplace, std.join) and plain function calls cost a few
// microseconds, while the std functions written in Jsonnet (std.map, std.foldl, std.member,
// std.sort, std.set, std.objectHasAll, std.flattenArrays, std.toString, and `==`, which goes
// through std.equals) cost 30–300 µs each, and a native callback ~50 µs (a round trip to the
// Node main thread). So the code below uses builtins and small local recursions only, and
// splits ordinary paths in Jsonnet (the native parser is only asked about bracket syntax).

local isType(v, t) = std.primitiveEquals(std.type(v), t);
local has(o, k) = std.objectHasEx(o, k, true);

// Path syntax shared with the engine (dots, [n], bracket-quoted keys ["a.b"]). A path without
// brackets and without empty keys is split here; anything else goes to the engine's own parser
// (a native callback), which also reports a malformed path with its message.
local simpleKeys(path) =
  if isType(path, 'string') && std.primitiveEquals(std.strReplace(path, '[', ''), path) then
    local segs = std.splitLimit(path, '.', -1);
    local n = std.length(segs);
    // an empty key shows as an empty first or last segment, or as '..'
    if n > 0 && std.length(segs[0]) > 0 && std.length(segs[n - 1]) > 0
       && (n < 3 || std.primitiveEquals(std.strReplace(path, '..', ''), path)) then segs
    else null
  else null;

local get(cur, seg) =
  if isType(seg, 'number') then
    (if isType(cur, 'array') && seg < std.length(cur) then cur[seg] else null)
  else if isType(cur, 'object') && has(cur, seg) then cur[seg]
  else null;

local walkFrom(cur, segs, i) =
  if i >= std.length(segs) || isType(cur, 'null') then cur
  else walkFrom(get(cur, segs[i]), segs, i + 1);

// The value at `segs` under `cur`, or null when any step is missing or null.
local walk(obj, segs) = walkFrom(obj, segs, 0);

// The same for a path of object keys only (no indices): fewer checks per step.
local walkKeys(cur, segs, i) =
  if i >= std.length(segs) then cur
  else if std.primitiveEquals(std.type(cur), 'object') && std.objectHasEx(cur, segs[i], true) then walkKeys(cur[segs[i]], segs, i + 1)
  else null;

// The value of key `k` of `cur` (an object), or null.
local getKey(cur, k) = if std.primitiveEquals(std.type(cur), 'object') && std.objectHasEx(cur, k, true) then cur[k] else null;

// A reader for `path`, parsed once for many items: function(obj) → the value or null.
local reader(path, raw) =
  if raw then function(obj) get(obj, path)
  else
    local keys = simpleKeys(path);
    if std.primitiveEquals(std.type(keys), 'null') then
      local segs = native('cs_path')(path);
      function(obj) walk(obj, segs)
    else function(obj) walkKeys(obj, keys, 0);

// Read `path` (text) under `obj`.
local read(obj, path, raw) =
  if raw then get(obj, path)
  else
    local keys = simpleKeys(path);
    if std.primitiveEquals(std.type(keys), 'null') then walk(obj, native('cs_path')(path)) else walkKeys(obj, keys, 0);

local valueOr(v, default) = if isType(v, 'null') then default else v;

local isNumeric(v) = isType(v, 'number') || (isType(v, 'string') && !isType(native('cs_to_number')(v), 'null'));
local toNumber(v) = if isType(v, 'number') then v else native('cs_to_number')(v);

local isPrimitive(v) = local t = std.type(v); !(std.primitiveEquals(t, 'array') || std.primitiveEquals(t, 'object') || std.primitiveEquals(t, 'function'));
// `a == b` (deep, type-strict), without std.equals when both sides are primitives.
local eq(a, b) =
  if isPrimitive(a) && isPrimitive(b) then std.primitiveEquals(std.type(a), std.type(b)) && std.primitiveEquals(a, b)
  else a == b;

// Is `v` among the first `n` items of `arr`?
local memberUpTo(arr, v, n) =
  local loop(i) = i < n && (eq(arr[i], v) || loop(i + 1));
  loop(0);

// The same array as std.map(f, arr) for an array (strings keep std.map's behaviour).
local mapArr(f, arr) = if isType(arr, 'array') then std.makeArray(std.length(arr), function(i) f(arr[i])) else std.map(f, arr);

{
  version:: '1.0.0',

  // 1. Null-safe nested read; `default` when any step is missing or the value is null.
  lookup_field(obj, path, default, raw=false)::
    valueOr(read(obj, path, raw), default),

  // 2. An FN custom field's value by ID (string or number), walking
  //    custom_fields.results[].results[] (also under `workorder.`, and a flat array).
  //    Missing, null or "" → default.
  lookup_custom_field(id, obj, default='')::
    local cf =
      if isType(obj, 'object') && has(obj, 'custom_fields') then obj.custom_fields
      else walk(obj, ['workorder', 'custom_fields']);
    local groups =
      if isType(cf, 'array') then [{ results: cf }]
      else local res = getKey(cf, 'results'); if isType(res, 'array') then res else [];
    local key = '' + id;
    local matches(f) = isType(f, 'object') && has(f, 'id') && (std.primitiveEquals(f.id, id) || std.primitiveEquals('' + f.id, key));
    // the first match over all groups' fields in order (a group without `results` that has
    // an `id` is a field itself), without building the list of fields
    local searchIn(arr, i) = if i >= std.length(arr) then null else if matches(arr[i]) then arr[i] else searchIn(arr, i + 1);
    local search(i) =
      if i >= std.length(groups) then null
      else
        local g = groups[i];
        local gr = getKey(g, 'results');
        local found = if isType(gr, 'array') then searchIn(gr, 0) else if matches(g) then g else null;
        if isType(found, 'null') then search(i + 1) else found;
    local hit = search(0);
    if isType(hit, 'null') then default
    else
      local v = getKey(hit, 'value');
      if isType(v, 'null') || (isType(v, 'string') && std.primitiveEquals(v, '')) then default else v,

  // 3. Exact, type-strict lookup in [{cmp, val}]; the first match wins.
  array_map(array_def, val, default)::
    local n = std.length(array_def);
    local first(i) = if i >= n then default else if eq(array_def[i].cmp, val) then array_def[i].val else first(i + 1);
    if isType(array_def, 'array') then first(0)
    else local hits = [e.val for e in array_def if e.cmp == val]; if std.length(hits) > 0 then hits[0] else default,

  // 4. Bucket with the smallest threshold ≥ val (thresholds in any order; equal is inside);
  //    non-numeric val (numeric strings count as numbers) → default. Of equal thresholds, the
  //    first one listed wins.
  range_map(range_def, val, default)::
    if !isNumeric(val) then default
    else
      local n = toNumber(val);
      local fits = std.filter(function(e) isType(e.cmp, 'number') && n <= e.cmp, range_def);
      local best(i, b) = if i >= std.length(fits) then b else best(i + 1, if fits[i].cmp < b.cmp then fits[i] else b);
      if std.length(fits) > 0 then best(1, fits[0]).val else default,

  // 5. Reformat and convert between IANA zones (moment-style tokens, DST-correct).
  date_convert(value, format_input, format_output, timezone_in='UTC', timezone_out='UTC')::
    native('cs_date_convert')(value, format_input, format_output, timezone_in, timezone_out),

  // 6. FN's UTC timestamp format.
  date_time_format_fn_utc():: 'YYYY-MM-DD HH:mm:ss',

  // 7. One calendar day later, in the same format as the input ("" = FN's UTC format).
  date_add(value, format_input='')::
    native('cs_date_add')(value, format_input),

  // 8. Sum of the numeric elements (others are ignored).
  array_sum(array)::
    if isType(array, 'array') then
      local n = std.length(array);
      local sum(i, acc) = if i >= n then acc else sum(i + 1, if isType(array[i], 'number') then acc + array[i] else acc);
      sum(0, 0)
    else std.foldl(function(acc, x) if isType(x, 'number') then acc + x else acc, array, 0),

  // 9. Rebuild each object with only the mapped keys: { "<source path>": "<new key>" }.
  //    A missing source path gives null.
  object_map_array(arr, map)::
    local keys = [{ to: map[k], read: reader(k, false) } for k in std.objectFieldsEx(map, false)];
    [
      { [k.to]: k.read(item) for k in keys }
      for item in arr
    ],

  // 10. The `field` value of every item (duplicates kept; missing → default).
  results_values(results, field, default='', raw=false)::
    local read = reader(field, raw);
    mapArr(function(r) valueOr(read(r), default), results),

  // 11. Same, duplicates removed, first occurrence order kept.
  results_values_unique(results, field, default='', raw=false)::
    local all = $.results_values(results, field, default, raw);
    std.join([], std.makeArray(std.length(all), function(i) if memberUpTo(all, all[i], i) then [] else [all[i]])),

  // 12. Group items by a field's value: { "<value as text>": [items...] }. Items failing
  //     `additional_filter` (a predicate, or null for none) are left out; a missing group
  //     value groups under "".
  results_group_by(results, group_by_field, additional_filter=null, raw=false)::
    local kept = if isType(additional_filter, 'null') then results else std.filter(additional_filter, results);
    local read = reader(group_by_field, raw);
    local keyOf(r) = std.toString(valueOr(read(r), ''));
    local keyed = mapArr(function(r) [keyOf(r), r], kept);
    local keys = std.set([k[0] for k in keyed]);
    { [k]: [e[1] for e in keyed if std.primitiveEquals(e[0], k)] for k in keys },

  // 13. True for an approved expense: status "approved" (any case).
  is_expense_approved_fn(expense)::
    local s = getKey(expense, 'status');
    isType(s, 'string') && (std.primitiveEquals(s, 'approved') || std.primitiveEquals(std.asciiLower(s), 'approved')),

  // 14. Sum of `field` over the expenses given (all of them: filter with
  //     is_expense_approved_fn first for approved only). Non-numeric values count as 0.
  sum_expense_field(expenses, field)::
    local read = reader(field, false);
    local add(acc, e) = local v = read(e); acc + (if isType(v, 'number') then v else 0);
    if isType(expenses, 'array') then
      local n = std.length(expenses);
      local sum(i, acc) = if i >= n then acc else sum(i + 1, add(acc, expenses[i]));
      sum(0, 0)
    else std.foldl(add, expenses, 0),
}
