/**
 * Inputs that edit the document: local text while typing, committed after a short pause, on
 * Enter and on blur (so one word is one undo step, not one per keystroke, and the preview
 * still follows the typing).
 */
import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';
import { formatTypedValue, parseTypedValue, typeOfValue, VALUE_TYPES, type ValueType } from '../logic/typed-value';

export const COMMIT_DELAY_MS = 350;

export function CommitInput({
  value,
  onCommit,
  validate,
  ...rest
}: { value: string; onCommit(text: string): void; validate?: (text: string) => string | null } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const [text, setText] = useState(value);
  const focused = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const last = useRef(value);
  useEffect(() => {
    if (!focused.current) setText(value);
    last.current = value;
  }, [value]);
  const error = validate ? validate(text) : null;
  const commit = (t: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (t !== last.current && !(validate && validate(t))) {
      last.current = t;
      onCommit(t);
    }
  };
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  return (
    <input
      {...rest}
      className={`input${rest.className ? ` ${rest.className}` : ''}`}
      value={text}
      aria-invalid={error ? true : undefined}
      title={error ?? rest.title}
      onFocus={() => {
        focused.current = true;
      }}
      onBlur={() => {
        focused.current = false;
        commit(text);
      }}
      onChange={(e) => {
        const t = e.target.value;
        setText(t);
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => commit(t), COMMIT_DELAY_MS);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(text);
        rest.onKeyDown?.(e);
      }}
    />
  );
}

/** A value with a JSON type picker: string / number / boolean / null / JSON. */
export function TypedValueInput({
  value,
  onChange,
  label,
  defaultType,
  placeholder,
}: {
  value: unknown;
  onChange(v: unknown): void;
  label: string;
  defaultType?: ValueType;
  placeholder?: string;
}) {
  const [type, setType] = useState<ValueType>(value === undefined ? (defaultType ?? 'string') : typeOfValue(value));
  useEffect(() => {
    if (value !== undefined) setType(typeOfValue(value));
  }, [value]);
  return (
    <span className="typed">
      <select
        className="select typed__type"
        aria-label={`${label} type`}
        value={type}
        onChange={(e) => {
          const t = e.target.value as ValueType;
          setType(t);
          const p = parseTypedValue(formatTypedValue(value, typeOfValue(value)), t);
          onChange(p.ok ? p.value : t === 'boolean' ? false : t === 'number' ? 0 : t === 'json' ? {} : '');
        }}
      >
        {VALUE_TYPES.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      {type === 'boolean' ? (
        <select className="select typed__value" aria-label={label} value={String(value === true)} onChange={(e) => onChange(e.target.value === 'true')}>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : type === 'null' ? (
        <span className="typed__value faint mono">null</span>
      ) : (
        <CommitInput
          className={`typed__value${type !== 'string' ? ' mono' : ''}`}
          aria-label={label}
          placeholder={placeholder}
          value={formatTypedValue(value, type)}
          validate={(t) => {
            const p = parseTypedValue(t, type);
            return p.ok ? null : p.error;
          }}
          onCommit={(t) => {
            const p = parseTypedValue(t, type);
            if (p.ok) onChange(p.value);
          }}
        />
      )}
    </span>
  );
}
