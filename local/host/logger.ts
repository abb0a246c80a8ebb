/** Log levels in increasing severity, as the Functions host names them. */
export const logLevels = ['trace', 'debug', 'information', 'warning', 'error', 'critical', 'none'] as const;
/** One of {@link logLevels}. */
export type LogLevel = (typeof logLevels)[number];

/** Where the host writes its own and the app's log lines. */
export interface Logger {
  log(level: LogLevel, category: string, message: string): void;
}

const rank = (level: string): number => {
  const normalized = level.toLowerCase() === 'info' ? 'information' : level.toLowerCase();
  const index = logLevels.indexOf(normalized as LogLevel);
  return index < 0 ? logLevels.indexOf('information') : index;
};

/** Normalizes a library level name (`info`, `warning`, ...) to a {@link LogLevel}. */
export const toLogLevel = (level: string): LogLevel => logLevels[rank(level)] as LogLevel;

/** Writes lines at or above `minimum` to stdout/stderr with a timestamp and category. */
export function consoleLogger(minimum: LogLevel = 'information'): Logger {
  return {
    log(level, category, message) {
      if (rank(level) < rank(minimum) || level === 'none') return;
      const line = `[${new Date().toISOString()}] ${category}: ${message}`;
      if (rank(level) >= rank('warning')) console.error(line);
      else console.log(line);
    },
  };
}

/** Discards everything (tests that assert on behaviour, not logs). */
export const silentLogger: Logger = { log: () => undefined };
