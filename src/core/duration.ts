// Durations as written in policies: a positive whole number and a unit (m, h, d, w).

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const DURATION = /^([1-9][0-9]{0,5})([mhdw])$/;

/** Milliseconds in a duration such as `14d`, `72h`, `2w`, `30m`; null when the text is not one. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text);
  if (!match) return null;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** A compact, human reading of a span of milliseconds: `9d 4h`, `5h 12m`, `40m`, `0m`. */
export function formatSpan(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(rest / 1440);
  rest -= days * 1440;
  const hours = Math.floor(rest / 60);
  const minutes = rest - hours * 60;
  if (days > 0) return `${sign}${days}d${hours > 0 ? ` ${hours}h` : ''}`;
  if (hours > 0) return `${sign}${hours}h${minutes > 0 ? ` ${minutes}m` : ''}`;
  return `${sign}${minutes}m`;
}
