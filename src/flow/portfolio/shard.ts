// A shard of the organisation's repositories, as the Action's input and the CLI's --shard write it.
import { InputError } from '../../core/errors.js';

/** `2/4` → the second of four shards. */
export function parseShard(text: string, where: string): { index: number; count: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new InputError(`${where}: "${text}" is not a shard; write INDEX/COUNT with 1 ≤ INDEX ≤ COUNT, for example 2/4`);
  }
  return { index, count };
}
