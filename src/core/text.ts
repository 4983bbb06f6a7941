// Any value as text, the one conversion every message and renderer starts from.

/**
 * Any value as text, without throwing: strings as they are, numbers, booleans and bigints through
 * String(), null and undefined as '', and objects as JSON (or their tag when JSON cannot show them).
 * A schema-invalid manifest can put any of these where the report expects a string.
 */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'symbol') return value.description ?? 'Symbol()';
  if (typeof value === 'function') return '[function]';
  try {
    const json = JSON.stringify(value);
    if (typeof json === 'string') return json;
  } catch {
    // a cycle, a bigint inside, a throwing toJSON: fall through to the tag
  }
  try {
    return Object.prototype.toString.call(value);
  } catch {
    return '[object]';
  }
}
