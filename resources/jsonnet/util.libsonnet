// Connector Studio's $.util: the 14 helper functions the broker documents (reference §3.2),
// version 1.0.0. Where the broker's docs leave behaviour open, the choice made here is written
// beside the function and in docs/mapping-semantics.md. Date work is done by native callbacks
// (dayjs on the Node side), because Jsonnet has no calendar or time-zone support.
local native(name) = std.native(name);

// Path syntax shared with the engine (dots, [n], bracket-quoted keys ["a.b"]), split by a
// native callback: splitting strings in Jsonnet costs milliseconds per call in this engine.
local segments(path) = native('cs_path')(path);

local step(cur, seg) =
  if cur == null then null
  else if std.isNumber(seg) then
    (if std.isArray(cur) && seg < std.length(cur) then cur[seg] else null)
  else if std.isObject(cur) && std.objectHasAll(cur, seg) then cur[seg]
  else null;

// { ok, v }: ok=false as soon as a step is missing or null.
local walk(obj, path, raw) =
  local segs = if raw then [path] else segments(path);
  std.foldl(function(acc, seg)
    if !acc.ok then acc
    else
      local v = step(acc.v, seg);
      if v == null then { ok: false } else { ok: true, v: v }, segs, { ok: obj != null, v: obj });

local isNumeric(v) = std.isNumber(v) || (std.isString(v) && native('cs_to_number')(v) != null);
local toNumber(v) = if std.isNumber(v) then v else native('cs_to_number')(v);

{
  version:: '1.0.0',

  // 1. Null-safe nested read; `default` when any step is missing or the value is null.
  lookup_field(obj, path, default, raw=false)::
    local r = walk(obj, path, raw);
    if r.ok then r.v else default,

  // 2. An FN custom field's value by ID (string or number), walking
  //    custom_fields.results[].results[] (also under `workorder.`, and a flat array).
  //    Missing, null or "" → default.
  lookup_custom_field(id, obj, default='')::
    local root =
      if std.isObject(obj) && std.objectHas(obj, 'custom_fields') then obj.custom_fields
      else if std.isObject(obj) && std.objectHas(obj, 'workorder') && std.isObject(obj.workorder)
              && std.objectHas(obj.workorder, 'custom_fields') then obj.workorder.custom_fields
      else null;
    local groups =
      if root == null then []
      else if std.isArray(root) then [{ results: root }]
      else if std.isObject(root) && std.objectHas(root, 'results') && std.isArray(root.results) then root.results
      else [];
    local fields = std.flattenArrays([
      if std.isObject(g) && std.objectHas(g, 'results') && std.isArray(g.results) then g.results
      else if std.isObject(g) && std.objectHas(g, 'id') then [g]
      else []
      for g in groups
    ]);
    local hits = [
      f for f in fields
      if std.isObject(f) && std.objectHas(f, 'id') && std.toString(f.id) == std.toString(id)
    ];
    if std.length(hits) == 0 then default
    else
      local v = if std.objectHas(hits[0], 'value') then hits[0].value else null;
      if v == null || v == '' then default else v,

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
      local fits = std.sort([e for e in range_def if std.isNumber(e.cmp) && n <= e.cmp], keyF=function(e) e.cmp);
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
    std.foldl(function(acc, x) if std.isNumber(x) then acc + x else acc, array, 0),

  // 9. Rebuild each object with only the mapped keys: { "<source path>": "<new key>" }.
  //    A missing source path gives null.
  object_map_array(arr, map)::
    [
      { [map[k]]: $.lookup_field(item, k, null) for k in std.objectFields(map) }
      for item in arr
    ],

  // 10. The `field` value of every item (duplicates kept; missing → default).
  results_values(results, field, default='', raw=false)::
    [$.lookup_field(r, field, default, raw) for r in results],

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
    local kept = if additional_filter == null then results else std.filter(additional_filter, results);
    local keyOf(r) = std.toString($.lookup_field(r, group_by_field, '', raw));
    local keys = std.set([keyOf(r) for r in kept]);
    { [k]: [r for r in kept if keyOf(r) == k] for k in keys },

  // 13. True for an approved expense: status "approved" (any case).
  is_expense_approved_fn(expense)::
    local s = $.lookup_field(expense, 'status', '');
    std.isString(s) && std.asciiLower(s) == 'approved',

  // 14. Sum of `field` over the expenses given (all of them: filter with
  //     is_expense_approved_fn first for approved only). Non-numeric values count as 0.
  sum_expense_field(expenses, field)::
    std.foldl(function(acc, e)
      local v = $.lookup_field(e, field, 0);
      acc + (if std.isNumber(v) then v else 0), expenses, 0),
}
