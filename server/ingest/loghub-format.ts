/**
 * Loghub header formats: a line layout such as `<Date> <Time> <Pid> <Level> <Component>: <Content>`, where
 * each `<Name>` is a field and the text between fields is matched as written, with two Loghub conventions:
 * a run of spaces matches any run of whitespace, and the text may hold regular-expression syntax
 * (`\[<Time>\] \[<Level>\] <Content>`, `<Component>(\[<PID>\])?: <Content>`), as in Loghub's formats.json.
 * Every field matches as little as it can and the whole (trimmed) line must match, so the last field,
 * usually `Content`, takes the rest of the line.
 */
import { BadInputError } from '../errors';

/** A compiled header format. */
export interface LogFormat {
  /** The field names, in order of appearance (`Date`, `Time`, ..., `Content`). */
  readonly fields: readonly string[];
  /**
   * The fields of `line`, or undefined when the line does not have the format's layout. Such a line is
   * usually the continuation of the record before it (a stack trace, a wrapped message) or a line of some
   * other layout: a caller should append it to the previous record's content, or, when there is none, take
   * the whole trimmed line as the content with no other fields. Fields of an optional part that is absent
   * (`(\[<PID>\])?`) are the empty string.
   */
  parse(line: string): Record<string, string> | undefined;
}

const FIELD = /<([^<>]+)>/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Compiles a Loghub header format. Throws a `BadInputError` when a field name is not an identifier, a name
 * repeats, the format has no field, or the text between fields is not a valid regular expression.
 */
export function compileLogFormat(format: string): LogFormat {
  const fields: string[] = [];
  let source = '';
  let last = 0;
  for (const m of format.matchAll(FIELD)) {
    const name = m[1]!;
    if (!NAME.test(name)) throw new BadInputError(`log format: expected a field name of letters, digits and _, got <${name}> in ${JSON.stringify(format)}`);
    if (fields.includes(name)) throw new BadInputError(`log format: expected each field once, got <${name}> twice in ${JSON.stringify(format)}`);
    fields.push(name);
    source += format.slice(last, m.index).replace(/ +/g, '\\s+') + `(?<${name}>.*?)`;
    last = m.index + m[0].length;
  }
  if (fields.length === 0) throw new BadInputError(`log format: expected at least one <Field>, got ${JSON.stringify(format)}`);
  source += format.slice(last).replace(/ +/g, '\\s+');
  let regex: RegExp;
  try {
    regex = new RegExp(`^${source}$`, 's');
  } catch (err) {
    throw new BadInputError(`log format: expected a valid pattern between fields, got ${JSON.stringify(format)} (${(err as Error).message})`);
  }
  return {
    fields,
    parse(line: string): Record<string, string> | undefined {
      const m = regex.exec(line.trim());
      if (!m) return undefined;
      const out: Record<string, string> = {};
      for (const f of fields) out[f] = m.groups![f] ?? '';
      return out;
    },
  };
}
