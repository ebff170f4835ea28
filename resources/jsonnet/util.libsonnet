// Connector Studio's $.util: the 14 helper functions the broker documents (reference §3.2),
// version 1.0.0. Where the broker's docs leave behaviour open, the choice made here is written
// beside the function and in docs/mapping-semantics.md. Date work is done by native callbacks
// (dayjs on the Node side), because Jsonnet has no calendar or time-zone support.
local native(name) = std.native(name);

// Performance notes (libjsonnet 0.20): every Jsonnet function call and every `==` (which goes
// through the Jsonnet-level std.equals) costs tens of microseconds, so the hot paths below
// compare types with the native std.primitiveEquals, walk paths without std.foldl, and split a
// path once per call rather than once per item.

// Path syntax shared with the engine (dots, [n], bracket-quoted keys ["a.b"]), split by a
// native callback: splitting strings in Jsonnet costs more than the call into Node.
local segments(path, raw) = if raw then [path] else native('cs_path')(path);

local isType(v, t) = std.primitiveEquals(std.type(v), t);

local get(cur, seg) =
  if std.primitiveEquals(std.type(seg), 'number') then
    (if std.primitiveEquals(std.type(cur), 'array') && seg < std.length(cur) then cur[seg] else null)
  else if std.primitiveEquals(std.type(cur), 'object') && std.objectHasAll(cur, seg) then cur[seg]
  else null;

local walkFrom(cur, segs, i) =
  if i >= std.length(segs) || std.primitiveEquals(std.type(cur), 'null') then cur
  else walkFrom(get(cur, segs[i]), segs, i + 1);

// The value at `segs` under `cur`, or null when any step is missing or null (unrolled for the
// usual short paths: every Jsonnet function call is expensive here).
local walk(obj, segs) =
  local n = std.length(segs);
  if n < 1 then obj
  else
    local a = get(obj, segs[0]);
    if n < 2 then a
    else
      local b = get(a, segs[1]);
      if n < 3 then b
      else
        local c = get(b, segs[2]);
        if n < 4 then c
        else walkFrom(c, segs, 3);

local valueOr(v, default) = if isType(v, 'null') then default else v;

local isNumeric(v) = isType(v, 'number') || (isType(v, 'string') && !isType(native('cs_to_number')(v), 'null'));
local toNumber(v) = if isType(v, 'number') then v else native('cs_to_number')(v);

{
  version:: '1.0.0',

  // 1. Null-safe nested read; `default` when any step is missing or the value is null.
  lookup_field(obj, path, default, raw=false)::
    valueOr(walk(obj, segments(path, raw)), default),

  // 2. An FN custom field's value by ID (string or number), walking
  //    custom_fields.results[].results[] (also under `workorder.`, and a flat array).
  //    Missing, null or "" → default.
  lookup_custom_field(id, obj, default='')::
    local cf =
      if isType(obj, 'object') && std.objectHasAll(obj, 'custom_fields') then obj.custom_fields
      else walk(obj, ['workorder', 'custom_fields']);
    local groups =
      if isType(cf, 'array') then [{ results: cf }]
      else if isType(cf, 'object') && isType(get(cf, 'results'), 'array') then cf.results
      else [];
    local fields = std.flattenArrays([
      if isType(get(g, 'results'), 'array') then g.results
      else if isType(g, 'object') && std.objectHasAll(g, 'id') then [g]
      else []
      for g in groups
    ]);
    local key = '' + id;
    local hits = std.filter(function(f) isType(f, 'object') && std.objectHasAll(f, 'id')
                                        && (std.primitiveEquals(f.id, id) || std.primitiveEquals('' + f.id, key)), fields);
    if std.length(hits) == 0 then default
    else
      local v = get(hits[0], 'value');
      if isType(v, 'null') || (isType(v, 'string') && std.primitiveEquals(v, '')) then default else v,

  // 3. Exact, type-strict lookup in [{cmp, val}]; the first match wins.
  array_map(array_def, val, default)::
    local hits = [e.val for e in array_def if e.cmp == val];
    if std.length(hits) > 0 then hits[0] else default,

  // 4. Bucket with the smallest threshold ≥ val (thresholds in any order; equal is inside);
  //    non-numeric val (numeric strings count as numbers) → default.
  range_map(range_def, val, default)::
    if !isNumeric(val) then default
    else
      local n = toNumber(val);
      local fits = std.sort(std.filter(function(e) isType(e.cmp, 'number') && n <= e.cmp, range_def), keyF=function(e) e.cmp);
      if std.length(fits) > 0 then fits[0].val else default,

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
    std.foldl(function(acc, x) if isType(x, 'number') then acc + x else acc, array, 0),

  // 9. Rebuild each object with only the mapped keys: { "<source path>": "<new key>" }.
  //    A missing source path gives null.
  object_map_array(arr, map)::
    local keys = [{ to: map[k], segs: segments(k, false) } for k in std.objectFields(map)];
    [
      { [k.to]: walk(item, k.segs) for k in keys }
      for item in arr
    ],

  // 10. The `field` value of every item (duplicates kept; missing → default).
  results_values(results, field, default='', raw=false)::
    local segs = segments(field, raw);
    std.map(function(r) valueOr(walk(r, segs), default), results),

  // 11. Same, duplicates removed, first occurrence order kept.
  results_values_unique(results, field, default='', raw=false)::
    std.foldl(
      function(acc, v) if std.member(acc, v) then acc else acc + [v],
      $.results_values(results, field, default, raw),
      []
    ),

  // 12. Group items by a field's value: { "<value as text>": [items...] }. Items failing
  //     `additional_filter` (a predicate, or null for none) are left out; a missing group
  //     value groups under "".
  results_group_by(results, group_by_field, additional_filter=null, raw=false)::
    local kept = if isType(additional_filter, 'null') then results else std.filter(additional_filter, results);
    local segs = segments(group_by_field, raw);
    local keyOf(r) = std.toString(valueOr(walk(r, segs), ''));
    local keys = std.set([keyOf(r) for r in kept]);
    { [k]: [r for r in kept if keyOf(r) == k] for k in keys },

  // 13. True for an approved expense: status "approved" (any case).
  is_expense_approved_fn(expense)::
    local s = get(expense, 'status');
    isType(s, 'string') && (std.primitiveEquals(s, 'approved') || std.primitiveEquals(std.asciiLower(s), 'approved')),

  // 14. Sum of `field` over the expenses given (all of them: filter with
  //     is_expense_approved_fn first for approved only). Non-numeric values count as 0.
  sum_expense_field(expenses, field)::
    local segs = segments(field, false);
    std.foldl(function(acc, e)
      local v = walk(e, segs);
      acc + (if isType(v, 'number') then v else 0), expenses, 0),
}
