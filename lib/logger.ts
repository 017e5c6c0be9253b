// Structured JSON logs for every long-running binary: one line per event on stderr, with a
// level gate and secret redaction at the edge so no caller can leak a token by accident.
// Built once in `main` and passed down (no module-level logger). Tests in logger.test.ts.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger whose lines all carry `fields` (e.g. `{ cluster: 'rke2/cluster01' }`). */
  child(fields: LogFields): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /token|password|kubeconfig|secret|authorization|cert-?data|key-?data/i;

/** Parses a `--log-level` value; throws with the accepted values named. */
export function parseLogLevel(value: string): LogLevel {
  if (value in ORDER) return value as LogLevel;
  throw new Error(`Invalid log level "${value}": use one of debug, info, warn, error`);
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go; defaults to process.stderr. */
  write?: (line: string) => void;
  /** Fields on every line, e.g. `{ component: 'controller' }`. */
  base?: LogFields;
  now?: () => Date;
}

/** Creates a JSON-lines logger. Values of keys that look secret are replaced by `[redacted]`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const now = options.now ?? (() => new Date());
  const make = (base: LogFields): Logger => {
    const emit = (level: LogLevel, msg: string, fields?: LogFields): void => {
      if (ORDER[level] < threshold) return;
      const record = {
        time: now().toISOString(),
        level,
        msg,
        ...redact(base),
        ...redact(fields ?? {}),
      };
      write(JSON.stringify(record, errorReplacer) + '\n');
    };
    return {
      debug: (m, f) => emit('debug', m, f),
      info: (m, f) => emit('info', m, f),
      warn: (m, f) => emit('warn', m, f),
      error: (m, f) => emit('error', m, f),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make(options.base ?? {});
}

function redact(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = SECRET_KEY.test(key) && value !== undefined ? '[redacted]' : value;
  }
  return out;
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { message: value.message, name: value.name };
  return value;
}

/** A logger that drops everything, for tests and library defaults. */
export const silentLogger: Logger = createLogger({ level: 'error', write: () => {} });
