/**
 * Evidence quotes lines of configs and logs, and those lines can hold credentials. Before a hypothesis
 * leaves the observer, the values of secret-looking assignments and the passwords of URLs in its quotes are
 * replaced by `<redacted>`, keeping the rest of the line so the quote still finds its place in the file.
 */

const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:)([^@\s]+)(@)/gi;
const ASSIGNMENT = /(\b[\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|requirepass|masterauth)\b["']?\s*[:=]\s*["']?)([^\s"',;&]+)/gi;
const BEARER = /(\b(?:Bearer|Basic)\s+)([A-Za-z0-9._~+/=-]{8,})/g;

/** `text` with credentials replaced. */
export function redactQuote(text: string): string {
  return text
    .replace(URL_PASSWORD, '$1<redacted>$3')
    .replace(ASSIGNMENT, (m, key: string, value: string) => (value === '<redacted>' || value.startsWith('${') ? m : `${key}<redacted>`))
    .replace(BEARER, '$1<redacted>');
}
