/** Samples `process.memoryUsage().rss` every `everyMs` until stopped; `peakMiB()` is the largest sample. */
export function rssSampler(everyMs = 50): { peakMiB(): number; stop(): void } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, everyMs);
  return {
    peakMiB: () => Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20),
    stop: () => clearInterval(timer),
  };
}
