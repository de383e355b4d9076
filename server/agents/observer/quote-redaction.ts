/**
 * Evidence quotes lines of configs and logs, and those lines can hold credentials. Before a hypothesis
 * leaves the observer its quotes go through the trajectory redactor (every secret kind it knows, replaced by
 * `<secret:kind>`), keeping the rest of the line so the quote still finds its place in the file.
 */
import { Redactor } from '../../trajectories/redaction/redactor';

const QUOTES = new Redactor();

/** `text` with credentials replaced by typed placeholders. */
export function redactQuote(text: string): string {
  return QUOTES.redact(text);
}
