/**
 * `--since` and `--until` name days on the site team's calendar: days in Japan (UTC+9, no
 * daylight saving), whatever the time zone of the machine that runs the report.
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export class DayFormatError extends Error {
  constructor(
    readonly option: string,
    readonly value: string,
  ) {
    super(`Error at ${option}: expected a date like 2026-11-01, got "${value}"`);
    this.name = 'DayFormatError';
  }
}

/** The instant a day starts in Japan: 2026-11-01 → 2026-10-31T15:00:00Z. */
export function startOfJapanDay(day: string, option: string): Date {
  const match = DAY.exec(day);
  if (!match) throw new DayFormatError(option, day);
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utcMidnight = Date.UTC(year, month - 1, date);
  const check = new Date(utcMidnight);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) {
    throw new DayFormatError(option, day);
  }
  return new Date(utcMidnight - JAPAN_OFFSET_MS);
}

/** The instant the day after `day` starts in Japan: the end of an inclusive `--until`. */
export function endOfJapanDay(day: string, option: string): Date {
  return new Date(startOfJapanDay(day, option).getTime() + DAY_MS);
}

/** An instant as a date and time in Japan, for people: 2026-10-31T15:00:00Z → 2026-11-01 00:00. */
export function formatJapanTime(instant: string): string {
  return new Date(Date.parse(instant) + JAPAN_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
