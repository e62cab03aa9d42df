/**
 * The last line of defence between a secret and a log: every line the API and the worker print goes
 * through here, so a token, a password field, a password hash, a private key or a URL's password that
 * reaches a message by accident (an error's text, a library's debug output) is printed masked.
 * Call sites still never log secrets on purpose; this catches what they cannot foresee.
 */
const MASK = '[redacted]';

const PATTERNS: readonly (readonly [RegExp, string])[] = [
  // PEM private keys, with real or escaped (\n) line breaks.
  [/-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/g, `${MASK} private key`],
  // JSON Web Tokens: three base64url parts, the first a JSON object ("eyJ" is `{"`).
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, `${MASK} token`],
  [/\b(Bearer)\s+[^\s"',]+/gi, `$1 ${MASK}`],
  [/\$argon2(?:id|i|d)\$[^\s"']+/g, `${MASK} hash`],
  // A password inside a URL: scheme://user:password@host.
  [/\b([a-z][a-z\d+.-]*:\/\/[^\s:/@]*):[^\s/@]+@/gi, `$1:${MASK}@`],
  // Fields that hold a secret, as JSON ("password": "…") or as key=value.
  [/("(?:password|newPassword|passwordHash|password_hash|token|secret|jwtSecret|authorization)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${MASK}"`],
  [/\b((?:password|passwd|token|secret)=)[^\s&"',]+/gi, `$1${MASK}`],
];

export function redactSecrets(text: string): string {
  return PATTERNS.reduce((masked, [pattern, replacement]) => masked.replace(pattern, replacement), text);
}
