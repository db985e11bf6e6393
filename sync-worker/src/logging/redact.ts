/**
 * Redaction of secrets from anything that may reach a log line, an error message or a
 * journal: OAuth tokens, session ids, client secrets, private keys and passwords.
 */

const REDACTED = '[REDACTED]';

/** Keys whose values are secrets wherever they appear in a logged object. */
const SECRET_KEY =
    /(token|secret|password|passwd|authorization|sessionid|session_id|private_?key|jwt|assertion|api_?key|signature|cookie)/i;

/**
 * Patterns that find secrets inside free text: bearer headers, Salesforce session ids
 * (`00D` org id, `!`, then the token), PEM blocks and `key=value` pairs with a secret
 * key. Each keeps the label and replaces only the secret.
 */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
    [/(Bearer|OAuth)\s+[A-Za-z0-9._~+/=!-]+/g, `$1 ${REDACTED}`],
    [/\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]+/g, REDACTED],
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

/** Extra literal secrets (from the settings) to remove wherever they appear. */
const knownSecrets = new Set<string>();

/**
 * Registers a secret value so that every later redaction removes it, even where no
 * pattern would recognise it. Values shorter than 6 characters are ignored because
 * replacing them would mangle ordinary text.
 */
export function registerSecret(value: string | undefined): void {
    if (value && value.length >= 6) {
        knownSecrets.add(value);
    }
}

/** Returns the text with every recognised secret replaced by `[REDACTED]`. */
export function redactText(text: string): string {
    let result = text;
    for (const secret of knownSecrets) {
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
