import { expect, it } from 'vitest';
import { parseTimeSpan } from '../../local/durable/timespan.js';

it.each([
  { input: '3.00:00:00', want: 3 * 86_400_000 },
  { input: '6.00:00:00', want: 6 * 86_400_000 },
  { input: '00:05:00', want: 300_000 },
  { input: '01:02:03.5', want: 3_723_500 },
])('parses $input', ({ input, want }) => {
  expect(parseTimeSpan(input)).toBe(want);
});

it('rejects what is not a TimeSpan', () => {
  expect(() => parseTimeSpan('3 days')).toThrow(/not a TimeSpan/);
});
