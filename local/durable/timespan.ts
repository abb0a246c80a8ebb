/**
 * Parses a .NET TimeSpan string (`[d.]hh:mm:ss[.fffffff]`, as host.json and the extension
 * write durations) into milliseconds. Throws on anything else.
 */
export function parseTimeSpan(text: string): number {
  const match = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,7}))?$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a TimeSpan ([d.]hh:mm:ss[.fffffff]).`);
  const [, sign, days, hours, minutes, seconds, fraction] = match;
  const ms =
    ((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 +
    Number(seconds) * 1000 +
    Math.round(Number(`0.${fraction ?? '0'}`) * 1000);
  return sign ? -ms : ms;
}
