/**
 * Helpers of the secrets test: capture of everything a process prints (winston lines as
 * the production format writes them, standard output and error, the console) and a
 * search for secrets in their plain, partial and encoded forms.
 */
import { Writable } from 'node:stream';
import winston from 'winston';

/** A secret the test gives the worker or the org. */
export interface Secret {
    readonly name: string;
    readonly value: string;
    /**
     * The part that identifies the secret when its start is shared with ordinary text,
     * such as the path of a webhook URL; default the value.
     */
    readonly distinctive?: string;
}

/** Length of the partial form searched for: a secret's first 20 characters. */
const PARTIAL_LENGTH = 20;

/**
 * Forms a secret may take in output, by name: whole, its first and last 20 characters,
 * percent-encoded (URL and form), JSON-escaped and Base64.
 */
export function secretForms(secret: Secret): [string, string][] {
    const value = secret.value;
    const distinctive = secret.distinctive ?? value;
    const base64 = Buffer.from(value, 'utf8').toString('base64').replace(/=+$/, '');
    const forms: [string, string][] = [
        ['whole', value],
        ['URL-encoded', encodeURIComponent(value)],
        ['form-encoded', new URLSearchParams({ v: value }).toString().slice(2)],
        ['JSON-escaped', JSON.stringify(value).slice(1, -1)],
        ['Base64', base64],
        ['Base64url', Buffer.from(value, 'utf8').toString('base64url')]
    ];
    if (distinctive.length > PARTIAL_LENGTH) {
        forms.push(['first 20 characters', distinctive.slice(0, PARTIAL_LENGTH)]);
        forms.push(['last 20 characters', distinctive.slice(-PARTIAL_LENGTH)]);
    } else {
        forms.push(['distinctive part', distinctive]);
    }
    return forms;
}

/** Shapes of secrets the test does not know in advance, such as tokens minted mid-run. */
const SECRET_SHAPES: readonly [string, RegExp][] = [
    ['a Salesforce session id', /\b00D[A-Za-z0-9]{12,15}(?:!|%21)[A-Za-z0-9._]{4}/],
    ['a signed JWT', /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
    ['a PEM private key', /PRIVATE KEY-----/]
];

/**
 * Returns one line per secret form or secret shape found in a source, as
 * `name (form) in source: ...context...`; empty when nothing leaked.
 */
export function findLeaks(
    sources: Readonly<Record<string, string>>,
    secrets: readonly Secret[]
): string[] {
    const leaks: string[] = [];
    const context = (text: string, index: number): string =>
        JSON.stringify(text.slice(Math.max(0, index - 40), index + 60));
    for (const [source, text] of Object.entries(sources)) {
        for (const secret of secrets) {
            for (const [form, needle] of secretForms(secret)) {
                const index = text.indexOf(needle);
                if (index >= 0) {
                    leaks.push(`${secret.name} (${form}) in ${source}: ${context(text, index)}`);
                }
            }
        }
        for (const [shape, pattern] of SECRET_SHAPES) {
            const match = pattern.exec(text);
            if (match !== null) {
                leaks.push(`${shape} in ${source}: ${context(text, match.index)}`);
            }
        }
    }
    return leaks;
}

/** Everything captured, by channel. */
export interface CapturedOutput {
    readonly logs: string[];
    readonly stdout: string[];
    readonly stderr: string[];
    readonly console: string[];
}

/**
 * Captures the output of the given root loggers, at every level, as the lines their
 * own format produces (redaction included), and standard output, standard error and
 * the console. `restore` puts the streams and the console back.
 */
export function captureOutput(roots: readonly winston.Logger[]): CapturedOutput & {
    restore(): void;
} {
    const captured: CapturedOutput = { logs: [], stdout: [], stderr: [], console: [] };
    for (const root of roots) {
        const stream = new Writable({
            write(chunk: Buffer, _encoding, done) {
                captured.logs.push(chunk.toString('utf8'));
                done();
            }
        });
        root.clear();
        root.level = 'silly';
        // winston types its transports as interfaces, which this rule cannot see through.
        // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
        root.add(new winston.transports.Stream({ stream }));
    }
    const text = (chunk: unknown): string =>
        typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    const spies = [
        jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
            captured.stdout.push(text(chunk));
            return true;
        }),
        jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
            captured.stderr.push(text(chunk));
            return true;
        }),
        ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
            jest.spyOn(console, method).mockImplementation((...values: unknown[]) => {
                captured.console.push(values.map(String).join(' '));
            })
        )
    ];
    return {
        ...captured,
        restore: () => {
            for (const spy of spies) {
                spy.mockRestore();
            }
        }
    };
}

/** Returns the root logger behind a module logger. */
export function rootOf(moduleLogger: winston.Logger): winston.Logger {
    return Object.getPrototypeOf(moduleLogger) as winston.Logger;
}
