/**
 * A small evaluator for vault access policies: enough IAM policy semantics to
 * teach the rule that matters for vaults (an explicit Deny in a resource
 * policy wins; a cross-account copy needs an Allow for
 * `backup:CopyIntoBackupVault`). Principals are `*`, `{"AWS": "*"}`, account
 * ids, or ARNs of that account; actions may end in `*`.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal: unknown;
  Action: string | string[];
  Resource?: string | string[];
}

/** Parses and checks a policy document; returns the problem in words when it is not one. */
export function parsePolicy(text: string): { statements: PolicyStatement[] } | { problem: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { problem: 'Policy is not valid JSON' };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { problem: 'Policy must be a JSON object' };
  const raw = (doc as Record<string, unknown>).Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? undefined : [raw];
  if (!list || list.length === 0) return { problem: 'Policy must have at least one Statement' };
  const statements: PolicyStatement[] = [];
  for (const [i, s] of list.entries()) {
    if (typeof s !== 'object' || s === null) return { problem: `Statement ${i + 1} must be an object` };
    const st = s as Record<string, unknown>;
    if (st.Effect !== 'Allow' && st.Effect !== 'Deny') return { problem: `Statement ${i + 1}: Effect must be Allow or Deny` };
    if (st.Principal === undefined) return { problem: `Statement ${i + 1}: Principal is required in a resource policy` };
    const action = st.Action;
    const actionOk = typeof action === 'string' || (Array.isArray(action) && action.length > 0 && action.every((a) => typeof a === 'string'));
    if (!actionOk) return { problem: `Statement ${i + 1}: Action must be a string or a list of strings` };
    statements.push(st as unknown as PolicyStatement);
  }
  return { statements };
}

function principals(p: unknown): string[] {
  if (p === '*') return ['*'];
  if (typeof p === 'object' && p !== null) {
    const aws = (p as Record<string, unknown>).AWS;
    if (typeof aws === 'string') return [aws];
    if (Array.isArray(aws)) return aws.filter((x): x is string => typeof x === 'string');
  }
  return [];
}

function principalMatches(p: unknown, accountId: string): boolean {
  return principals(p).some(
    (x) => x === '*' || x === accountId || x === `arn:aws:iam::${accountId}:root` || x.startsWith(`arn:aws:iam::${accountId}:`),
  );
}

function actionMatches(action: string | string[], wanted: string): boolean {
  const list = Array.isArray(action) ? action : [action];
  return list.some((a) => {
    if (a === '*') return true;
    const lower = a.toLowerCase();
    const w = wanted.toLowerCase();
    return lower.endsWith('*') ? w.startsWith(lower.slice(0, -1)) : lower === w;
  });
}

/** What the policy says about `action` by a principal of `accountId`: explicit deny, allow, or nothing. */
export function evaluatePolicy(text: string | undefined, action: string, accountId: string): 'deny' | 'allow' | 'none' {
  if (!text) return 'none';
  const parsed = parsePolicy(text);
  if ('problem' in parsed) return 'none';
  let allowed = false;
  for (const st of parsed.statements) {
    if (!principalMatches(st.Principal, accountId) || !actionMatches(st.Action, action)) continue;
    if (st.Effect === 'Deny') return 'deny';
    allowed = true;
  }
  return allowed ? 'allow' : 'none';
}
