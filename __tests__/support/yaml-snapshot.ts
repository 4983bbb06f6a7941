// Everything a parser of src/core/yaml.ts's shape tells about a text, as plain data to compare: the
// rejection message, or the data and, for every path in it (and paths just beside it), the located
// value, the located key and whether the path exists.
import type { DataPath } from '../../src/core/types.js';
import type { ParsedYaml } from '../../src/core/yaml.js';

export type Snapshot = { error: string } | { error?: undefined; data: unknown; positions: Array<[string, string, string, boolean]> };

function paths(data: unknown, prefix: DataPath, out: DataPath[]): DataPath[] {
  out.push(prefix);
  if (Array.isArray(data)) {
    for (const [i, item] of data.entries()) paths(item, [...prefix, i], out);
    out.push([...prefix, data.length], [...prefix, 'missing']);
  } else if (data !== null && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) paths(value, [...prefix, key], out);
    out.push([...prefix, 'missing', 'deeper'], [...prefix, 0]);
  }
  return out;
}

const where = (l: { line: number; column: number }) => `${l.line}:${l.column}`;

export function snapshot(parse: (text: string, file: string) => ParsedYaml, text: string): Snapshot {
  let parsed: ParsedYaml;
  try {
    parsed = parse(text, 'x.yml');
  } catch (error) {
    return { error: error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error) };
  }
  const positions = paths(parsed.data, [], []).map((path): [string, string, string, boolean] => [
    JSON.stringify(path),
    where(parsed.locate(path)),
    where(parsed.locateKey(path)),
    parsed.has(path),
  ]);
  return { data: parsed.data, positions };
}
