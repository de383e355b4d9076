/**
 * The resource arguments of kubectl's reading commands: `pods`, `pods,svc`, `pod/web-0`, `deployments.apps
 * web`, and the output formats. A `get` of Secrets may list their names but never print their values.
 */
import { hard, invalid, type Issue } from '../decision';
import { hasFlag, valueOf, type ParsedArgv } from '../argv-parser';

const TYPE = /^[A-Za-z][A-Za-z0-9-]*(\.[A-Za-z0-9-]+)*$/;
/** Object names: DNS-1123 subdomains, plus the colons of RBAC names such as system:node. */
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9._:]{0,251}[A-Za-z0-9])?$/;

/** A resource type such as `pods`, `deploy`, `deployments.v1.apps`. */
export const resourceTypeIssue = (t: string): Issue | undefined => (TYPE.test(t) ? undefined : invalid(`kubectl "${t}" is not a resource type`));

/** An object name. */
export const objectNameIssue = (n: string): Issue | undefined => (NAME.test(n) ? undefined : invalid(`kubectl "${n}" is not a Kubernetes object name`));

/** The resource types and names of `get`/`describe` positionals, with a problem for each malformed one. */
export function readResources(positionals: readonly string[]): { types: string[]; issues: Issue[] } {
  const types: string[] = [];
  const issues: Issue[] = [];
  const push = (i: Issue | undefined) => void (i && issues.push(i));
  positionals.forEach((p, idx) => {
    const slash = p.indexOf('/');
    if (slash >= 0) {
      const [t, n] = [p.slice(0, slash), p.slice(slash + 1)];
      types.push(t);
      push(resourceTypeIssue(t));
      push(objectNameIssue(n));
    } else if (idx === 0) {
      for (const t of p.split(',')) {
        types.push(t);
        push(resourceTypeIssue(t));
      }
    } else push(objectNameIssue(p));
  });
  return { types, issues };
}

/** `type/name` or `type name` of rollout, logs and events --for. */
export function readOneObject(positionals: readonly string[], max: number): Issue[] {
  if (positionals.length === 0) return [invalid('kubectl needs an object such as deployment/web')];
  if (positionals.length > max) return [invalid(`kubectl "${positionals[max]}" is one argument too many`)];
  return readResources(positionals).issues;
}

const FORMATS = /^(json|yaml|wide|name|(jsonpath|jsonpath-as-json|go-template|template)(=.*)?|custom-columns=.*|(jsonpath|go-template|custom-columns|jsonpath-as-json)-file=.*)$/s;

/** kubectl -o: the printers, not the ones that read a template from a file. */
export const outputFormat = (v: string, flag: string): Issue | undefined => {
  if (!FORMATS.test(v)) return invalid(`${flag} "${v}" is not an output format`);
  if (/^[a-z-]+-file=/.test(v)) return invalid(`${flag} ${v} reads a template from a local file`);
  return undefined;
};

const isSecretType = (t: string): boolean => /^secrets?(\.|$)/i.test(t);

/** The refusal of a `get` that would print Secret values: Secrets listed with anything but -o name or wide. */
export function secretValuesIssue(types: readonly string[], parsed: ParsedArgv): Issue | undefined {
  const secret = types.find(isSecretType);
  if (!secret) return undefined;
  const output = valueOf(parsed, '--output');
  if (output !== undefined && !/^(name|wide)$/.test(output)) return hard(`kubectl get ${secret} -o ${output} prints Secret values (list names only: no -o, or -o name)`);
  if (hasFlag(parsed, '--template')) return hard(`kubectl get ${secret} --template prints Secret values`);
  return undefined;
}
