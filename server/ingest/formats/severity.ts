/**
 * Severity words and numbers of the log formats, mapped to OpenTelemetry severity numbers: the words
 * `severityNumberOf` knows, plus the abbreviations of zap (`dpanic`), log15 (`EROR`, `DBUG`, `TRCE`), zerolog's
 * console (`DBG`, `FTL`), .NET's console (`fail`, `trce`), Postgres (`LOG`), logcat (`V`, `A`), MongoDB
 * (`D1`...`D5`), and the numbers of pino/bunyan (10-60) and syslog/journald (0-7).
 */
import { severityNumberOf } from '../log-record';

// The last two words looked up: lines repeat a few levels, and comparing a short word beats the look-up.
let lastWord = '';
let lastNumber: number | undefined;
let otherWord = '';
let otherNumber: number | undefined;

/** The OpenTelemetry severity number of a severity word, or undefined when it is not one. */
export function severityOfWord(word: string): number | undefined {
  if (word === lastWord) return lastNumber;
  if (word === otherWord) {
    otherWord = lastWord;
    lastWord = word;
    const n = otherNumber;
    otherNumber = lastNumber;
    lastNumber = n;
    return n;
  }
  const n = lookUpWord(word);
  otherWord = lastWord;
  otherNumber = lastNumber;
  lastWord = word;
  lastNumber = n;
  return n;
}

function lookUpWord(word: string): number | undefined {
  if (word.length === 0 || word.length > 13) return undefined;
  const known = severityNumberOf(word);
  if (known !== undefined) return known;
  switch (word.toLowerCase()) {
    case 'trce':
    case 'trc':
    case 'v':
      return 1;
    case 'dbg':
    case 'dbug':
    case 'd1':
    case 'd2':
    case 'd3':
    case 'd4':
    case 'd5':
    case 'config':
      return 5;
    case 'log':
      return 9;
    case 'warng':
      return 13;
    case 'eror':
    case 'fail':
    case 'failure':
      return 17;
    case 'dpanic':
      return 18;
    case 'ftl':
    case 'a':
    case 'assert':
      return 21;
    default:
      return undefined;
  }
}

/** The severity number of a numeric level: pino/bunyan's 10-60 or syslog's 0 (emerg) to 7 (debug). */
export function severityOfLevelNumber(n: number): number | undefined {
  if (!Number.isInteger(n) || n < 0) return undefined;
  if (n <= 7) return SYSLOG_SEVERITY[n];
  if (n < 10) return undefined;
  if (n <= 10) return 1;
  if (n <= 20) return 5;
  if (n <= 30) return 9;
  if (n <= 40) return 13;
  if (n <= 50) return 17;
  return 21;
}

/** Syslog severity keywords, by severity code 0-7. */
export const SYSLOG_SEVERITY_NAMES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;

const SYSLOG_SEVERITY = [21, 21, 17, 17, 13, 9, 9, 5];
