/**
 * Personal and network identifiers that the redactor masks on request: e-mail addresses (`<email>`) and IP
 * addresses, IPv4 and IPv6 (`<ip>`). Version numbers (`1.2.3`), dotted OIDs, dates and clock times are not
 * addresses: an IPv4 address is exactly four dotted octets of 0-255 without leading zeros that no further
 * dotted number continues, and an IPv6 candidate is parsed and must hold a digit.
 */
import { regexSpans, type Span } from './secret-kind';

const EMAIL = /(?<![\w.%+-])[A-Za-z0-9][\w.%+-]{0,63}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![\w-])/dg;

/** Spans of e-mail addresses. */
export function emailSpans(text: string): Span[] {
  return text.includes('@') ? regexSpans(text, EMAIL) : [];
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?![\\w]|\\.\\d)`, 'dg');
const IPV6_CANDIDATE = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?(?![\w:.])/dg;
const IPV4_TAIL = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

/** True when `s` is an IPv6 address in any of its textual forms (with `::`, an embedded IPv4 tail). */
export function isIpv6(s: string): boolean {
  if (!/\d/.test(s) || s === '::') return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  let count = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    if (i === groups.length - 1 && g.includes('.')) {
      if (!IPV4_TAIL.test(g)) return false;
      count += 2;
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(g)) count++;
    else return false;
  }
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** Spans of IPv4 and IPv6 addresses. */
export function ipSpans(text: string): Span[] {
  const out = regexSpans(text, IPV4);
  if (text.includes(':')) out.push(...regexSpans(text, IPV6_CANDIDATE, 0, (v) => isIpv6(v)));
  return out;
}
