// Fault specs: `latency:300ms`, `down`, `hang`, `stall-body`, `error:500`, `throttle`, `garbage`,
// `bad-cert`, `forbid`, `unauthorized`, `drop-watch:3s`, `huge-body`, combined with `+`.

export interface FaultSpec {
  /** Delay every response by this many milliseconds. */
  latencyMs?: number;
  /** Connection refused: the listener is closed (the port is re-listened on recovery). */
  down?: boolean;
  /** Accept connections and requests, never answer. */
  hang?: boolean;
  /** Send status, headers and part of the body, then stall. */
  stallBody?: boolean;
  /** Answer every request with this HTTP status and a `Status` body. */
  errorStatus?: number;
  /** 429 with `Retry-After: 1`. */
  throttle?: boolean;
  /** 200 with a malformed JSON body. */
  garbage?: boolean;
  /** Serve a certificate signed by a CA other than the kubeconfig's. */
  badCert?: boolean;
  /** 403 on every list and watch. */
  forbid?: boolean;
  /** 401 on everything. */
  unauthorized?: boolean;
  /** Close watch streams after this many milliseconds. */
  dropWatchMs?: number;
  /** An endless 200 body, streamed slowly. */
  hugeBody?: boolean;
  /**
   * A scripted hostile server (tests): called for every authenticated request before the API; it may
   * answer (returning true) with anything at all, or return false to let the simulator answer.
   */
  respond?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean;
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m)$/;

/** Parses `300ms`, `3s`, `1.5s`, `2m` into milliseconds; throws on anything else. */
export function parseDuration(text: string): number {
  const m = DURATION.exec(text.trim());
  if (!m) throw new Error(`invalid duration "${text}": expected a number with ms, s or m (e.g. 300ms, 3s)`);
  const n = Number(m[1]);
  const unit = m[2];
  return Math.round(unit === 'ms' ? n : unit === 's' ? n * 1000 : n * 60_000);
}

const KNOWN =
  'latency:<duration>, down, hang, stall-body, error:<status>, throttle, garbage, bad-cert, forbid, unauthorized, drop-watch:<duration>, huge-body';

/** Parses a fault spec such as `latency:50ms+drop-watch:2s`. Throws a clear error on bad syntax. */
export function parseFault(spec: string): FaultSpec {
  const text = spec.trim();
  if (!text) throw new Error(`empty fault spec; expected one of: ${KNOWN}`);
  const out: FaultSpec = {};
  for (const part of text.split('+')) {
    const idx = part.indexOf(':');
    const name = (idx < 0 ? part : part.slice(0, idx)).trim();
    const arg = idx < 0 ? undefined : part.slice(idx + 1).trim();
    const noArg = (): void => {
      if (arg !== undefined) throw new Error(`fault "${name}" takes no argument (got "${part}")`);
    };
    const needArg = (what: string): string => {
      if (!arg)
        throw new Error(
          `fault "${name}" needs ${what}, e.g. ${name}:${what === 'a status code' ? '500' : '3s'}`,
        );
      return arg;
    };
    switch (name) {
      case 'latency':
        out.latencyMs = parseDuration(needArg('a duration'));
        break;
      case 'drop-watch':
        out.dropWatchMs = parseDuration(needArg('a duration'));
        break;
      case 'error': {
        const a = needArg('a status code');
        if (!/^\d{3}$/.test(a) || Number(a) < 400 || Number(a) > 599) {
          throw new Error(`fault "error" needs an HTTP error status 400-599 (got "${a}")`);
        }
        out.errorStatus = Number(a);
        break;
      }
      case 'down':
        noArg();
        out.down = true;
        break;
      case 'hang':
        noArg();
        out.hang = true;
        break;
      case 'stall-body':
        noArg();
        out.stallBody = true;
        break;
      case 'throttle':
        noArg();
        out.throttle = true;
        break;
      case 'garbage':
        noArg();
        out.garbage = true;
        break;
      case 'bad-cert':
        noArg();
        out.badCert = true;
        break;
      case 'forbid':
        noArg();
        out.forbid = true;
        break;
      case 'unauthorized':
        noArg();
        out.unauthorized = true;
        break;
      case 'huge-body':
        noArg();
        out.hugeBody = true;
        break;
      default:
        throw new Error(`unknown fault "${name}" in "${spec}"; expected one of: ${KNOWN}`);
    }
  }
  return out;
}

/** Normalises a fault given as a string or a spec (undefined → no fault). */
export function toFaultSpec(fault: string | FaultSpec | undefined): FaultSpec {
  if (fault === undefined) return {};
  return typeof fault === 'string' ? parseFault(fault) : { ...fault };
}
