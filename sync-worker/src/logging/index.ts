import winston from 'winston';
import { redactText, redactValue } from './redact';

export { registerSecret, redactText, redactValue } from './redact';

export type Logger = winston.Logger;

/** Removes secrets from the message and every metadata field of a log entry. */
const redactSecrets = winston.format((info) => {
    for (const key of Object.keys(info)) {
        info[key] = key === 'level' ? info[key] : redactValue(info[key]);
    }
    return info;
});

/** Terminal format: `12:00:01 info sync.cycle Cycle finished read=10 written=2`. */
const readable = winston.format.printf((info) => {
    const { level, message, timestamp, module: moduleName, ...facts } = info;
    const pairs = Object.entries(facts)
        .filter(([key]) => typeof key === 'string')
        .map(
            ([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`
        );
    const time = typeof timestamp === 'string' ? timestamp.slice(11, 19) : '';
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    return [time, level, moduleName, text, ...pairs].filter(Boolean).join(' ');
});

function createRootLogger(): winston.Logger {
    const useJson =
        process.env.LOG_FORMAT === 'json' ||
        (!process.stderr.isTTY && process.env.LOG_FORMAT !== 'text');
    return winston.createLogger({
        level: process.env.LOG_LEVEL ?? 'info',
        format: winston.format.combine(
            redactSecrets(),
            winston.format.timestamp(),
            useJson
                ? winston.format.json()
                : winston.format.combine(winston.format.colorize(), readable)
        ),
        transports: [
            // Every level goes to stderr, so that stdout carries only a command's output
            // (JSON of report, simulate and dry runs) and can be piped to a parser.
            // winston's typings declare the Console transport as an interface rather than a
            // subclass of TransportStream, which this rule cannot see through.
            // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
            new winston.transports.Console({ stderrLevels: Object.keys(winston.config.npm.levels) })
        ]
    });
}

let root: winston.Logger | undefined;

/**
 * Returns the child logger of one module, named by stage and job (`sync.cycle`,
 * `salesforce.write`, `local-org.http`). The root logger is created on first use so that
 * `LOG_LEVEL` and `LOG_FORMAT` set by the command line take effect.
 */
export function getLogger(moduleName: string): winston.Logger {
    root ??= createRootLogger();
    return root.child({ module: moduleName });
}

/** Replaces the root logger, for tests that capture output or silence it. */
export function setRootLogger(logger: winston.Logger): void {
    root = logger;
}

/** Redacts an error into one line, for messages printed outside the logger. */
export function describeError(error: unknown): string {
    if (error instanceof Error) {
        return redactText(error.message);
    }
    return redactText(String(error));
}
