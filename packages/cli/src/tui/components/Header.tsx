import { Text } from 'ink';
import { fleetSummary, type State } from '../state.js';
import { Line } from './Line.js';

/** Two lines over the included clusters: health, the slowest, the last refresh; pods by phase. */
export function Header({
  state,
  color,
  width,
  fmt,
}: {
  state: State;
  color: boolean;
  width: number;
  fmt: (ms: number) => string;
}) {
  const s = fleetSummary(state);
  const allOk = s.healthy === s.total;
  const c = (name: string) => (color ? name : undefined);
  return (
    <>
      <Line width={width}>
        <Text bold>kubectl-mc</Text>
        {'  clusters '}
        <Text color={c(allOk ? 'green' : 'red')}>
          {s.healthy}/{s.total} healthy
        </Text>
        {'  slowest '}
        {s.slowest ? `${s.slowest.cluster} ${Math.round(s.slowest.latencyMs)}ms` : '-'}
        {'  updated '}
        {s.lastRefresh !== undefined ? fmt(s.lastRefresh) : '-'}
      </Line>
      <Line width={width}>
        {'pods  '}
        <Text color={c('green')}>Running {s.pods.running}</Text>
        {'  '}
        <Text color={c(s.pods.pending ? 'yellow' : '')}>Pending {s.pods.pending}</Text>
        {'  '}
        <Text color={c(s.pods.failed ? 'red' : '')}>Failed {s.pods.failed}</Text>
        {'  '}
        <Text color={c(s.pods.crashLoop ? 'red' : '')}>CrashLoopBackOff {s.pods.crashLoop}</Text>
        {`  ns ${state.namespace ?? (state.nsByCluster ? 'per context' : 'all')}`}
        {Object.keys(state.excluded).length ? `  excluded ${Object.keys(state.excluded).length}` : ''}
      </Line>
    </>
  );
}
