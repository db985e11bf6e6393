/**
 * Redaction of secrets from anything that may reach a log line, an error message or a
 * journal: OAuth tokens, session ids, client secrets, private keys and passwords.
 */

const REDACTED = '[REDACTED]';

/** Keys whose values are secrets wherever they appear in a logged object. */
const SECRET_KEY =
    /(token|secret|password|passwd|authorization|sessionid|session_id|private_?key|jwt|assertion|api_?key|signature|cookie)/i;

/**
 * Patterns that find secrets inside free text: bearer and basic authorization headers,
 * Salesforce session ids (`00D` org id, `!`, then the token), PEM blocks and `key=value`
 * pairs with a secret key. Each keeps the label and replaces only the secret.
 */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
    [/(Bearer|OAuth)\s+[A-Za-z0-9._~+/=!-]+/g, `$1 ${REDACTED}`],
    // Base64 of `client_id:client_secret`; at least 16 characters, so prose such as "Basic plan" stays.
    [/(Basic)\s+[A-Za-z0-9+/]{16,}={0,2}/g, `$1 ${REDACTED}`],
    // A session id keeps its form in JSON and encodeURIComponent, but form encoding turns `!` into `%21`.
    [/\b00D[A-Za-z0-9]{12,15}(?:!|%21)[A-Za-z0-9._]+/g, REDACTED],
    [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, REDACTED],
    [
        /\b((?:access_token|refresh_token|client_secret|password|assertion|token|sid)=)[^&\s"']+/gi,
        `$1${REDACTED}`
    ],
    [
        /("(?:access_token|refresh_token|client_secret|password|assertion|signature)"\s*:\s*")[^"]*(")/gi,
        `$1${REDACTED}$2`
    ]
];

/** Shortest secret that is registered; shorter values would mangle ordinary text. */
const MIN_SECRET_LENGTH = 6;

/** Extra literal secrets (from the settings) and their encoded forms, to remove wherever they appear. */
const knownSecrets = new Set<string>();

/**
 * Forms a secret takes when it travels inside other text: percent-encoded in a URL or
 * a form body, escaped in JSON, and Base64 (Basic authorization, tokens in tokens).
 */
function encodedForms(value: string): string[] {
    const base64 = Buffer.from(value, 'utf8').toString('base64');
    return [
        value,
        encodeURIComponent(value),
        new URLSearchParams({ value }).toString().slice('value='.length),
        JSON.stringify(value).slice(1, -1),
        base64.replace(/=+$/, ''),
        Buffer.from(value, 'utf8').toString('base64url')
    ];
}

/**
 * Registers a secret value so that every later redaction removes it and its encoded
 * forms, even where no pattern would recognise them. Values shorter than 6 characters
 * are ignored because replacing them would mangle ordinary text.
 */
export function registerSecret(value: string | undefined): void {
    if (value === undefined || value.length < MIN_SECRET_LENGTH) {
        return;
    }
    for (const form of encodedForms(value)) {
        knownSecrets.add(form);
    }
}

let sortedSecrets: string[] = [];

function secretsLongestFirst(): readonly string[] {
    if (sortedSecrets.length !== knownSecrets.size) {
        sortedSecrets = [...knownSecrets].sort((left, right) => right.length - left.length);
    }
    return sortedSecrets;
}

/** Returns the text with every recognised secret replaced by `[REDACTED]`. */
export function redactText(text: string): string {
    let result = text;
    // Longest first, so that a secret is removed whole before a shorter form inside it.
    for (const secret of secretsLongestFirst()) {
        result = result.split(secret).join(REDACTED);
    }
    for (const [pattern, replacement] of SECRET_PATTERNS) {
        result = result.replace(pattern, replacement);
    }
    return result;
}

/**
 * Returns a deep copy of a value with secret-named keys blanked and secrets in strings
 * redacted. Cycles are cut, so any object can be passed.
 */
export function redactValue(value: unknown, seen = new WeakSet<object>()): unknown {
    if (typeof value === 'string') {
        return redactText(value);
    }
    if (value === null || typeof value !== 'object') {
        return value;
    }
    if (seen.has(value)) {
        return '[Circular]';
    }
    seen.add(value);
    if (Array.isArray(value)) {
        return value.map((item) => redactValue(item, seen));
    }
    if (value instanceof Error) {
        return { name: value.name, message: redactText(value.message) };
    }
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
        copy[key] = SECRET_KEY.test(key) && item != null ? REDACTED : redactValue(item, seen);
    }
    return copy;
}
