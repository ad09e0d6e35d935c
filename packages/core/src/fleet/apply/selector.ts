/** Label selectors over manifests (`-l`): `k=v`, `k==v`, `k!=v`, `k`, `!k`, `k in (a,b)`, `k notin (a,b)`. */
import { UsageError } from '../../errors.js';

export interface Requirement {
  key: string;
  op: 'eq' | 'ne' | 'exists' | 'absent' | 'in' | 'notin';
  values: string[];
}

/** Split on commas outside parentheses. */
function terms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim()).filter((t) => t !== '');
}

export function parseSelector(s: string): Requirement[] {
  return terms(s).map((t) => {
    let m = /^([^!=\s]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(t);
    if (m) {
      const values = m[3]!.split(',').map((v) => v.trim());
      return { key: m[1]!, op: m[2] as 'in' | 'notin', values };
    }
    m = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(t);
    if (m) return { key: m[1]!, op: m[2] === '!=' ? 'ne' : 'eq', values: [m[3]!] };
    m = /^(!?)([^!=\s()]+)$/.exec(t);
    if (m) return { key: m[2]!, op: m[1] ? 'absent' : 'exists', values: [] };
    throw new UsageError(`unable to parse requirement: "${t}"`);
  });
}

export function matchesSelector(reqs: Requirement[], labels: Record<string, string>): boolean {
  return reqs.every((r) => {
    const v = labels[r.key];
    switch (r.op) {
      case 'eq':
        return v === r.values[0];
      case 'ne':
        return v !== r.values[0];
      case 'exists':
        return v !== undefined;
      case 'absent':
        return v === undefined;
      case 'in':
        return v !== undefined && r.values.includes(v);
      case 'notin':
        return v === undefined || !r.values.includes(v);
    }
  });
}
