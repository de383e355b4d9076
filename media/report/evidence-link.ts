/** Evidence locations in the report: `file:line` links that open the file at the line in the editor. */
import type { Evidence } from '../../server/protocol';
import { request } from './channel';
import { el } from './dom';

/** A clickable `file:line` that opens the evidence in the editor. */
export function evidenceLink(e: Evidence): HTMLAnchorElement {
  const link = el('a', 'location', `${e.file}:${e.line}`);
  link.href = '#';
  link.title = `Open ${e.file} at line ${e.line}`;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    request('openEvidence', { file: e.file, line: e.line, ...(e.column ? { column: e.column } : {}) }).catch((err: Error) => {
      link.title = err.message;
    });
  });
  return link;
}
