/** A small fleet in the dashboard's state, and helpers to drive it through the reducer. */
import assert from 'node:assert/strict';
import {
  initialState,
  reducer,
  top,
  type Action,
  type ResourceFrame,
  type State,
} from '../../../src/tui/state.js';

export const POD_COLUMNS = ['Name', 'Ready', 'Status', 'Restarts', 'Age'];

export function pod(ns: string, name: string, status: string, age = '5m') {
  return { namespace: ns, name, cells: [name, '1/1', status, '0', age] };
}

export function fleet(): State {
  let s = initialState(
    [{ name: 'us-east', region: 'us-east-1', environment: 'prod' }, { name: 'eu-west' }, { name: 'dev' }],
    10,
  );
  const actions: Action[] = [
    {
      type: 'health',
      cluster: 'us-east',
      health: { state: 'ok', version: 'v1.31.0', latencyMs: 20, nodesReady: 3, nodesTotal: 3 },
    },
    {
      type: 'health',
      cluster: 'eu-west',
      health: { state: 'ok', version: 'v1.30.2', latencyMs: 180, nodesReady: 2, nodesTotal: 3 },
    },
    {
      type: 'health',
      cluster: 'dev',
      health: { state: 'error', error: { kind: 'Unreachable', message: 'connection refused' } },
    },
    {
      type: 'rowsReplaced',
      resource: 'pods',
      cluster: 'us-east',
      columns: POD_COLUMNS,
      rows: [
        pod('shop', 'payment-1', 'Running', '2h'),
        pod('shop', 'web-1', 'CrashLoopBackOff', '10m'),
        pod('ops', 'job-1', 'Pending', '30s'),
      ],
    },
    {
      type: 'rowsReplaced',
      resource: 'pods',
      cluster: 'eu-west',
      columns: POD_COLUMNS,
      rows: [pod('shop', 'payment-2', 'Running', '1d'), pod('shop', 'batch-1', 'Failed', '3m')],
    },
  ];
  for (const a of actions) s = reducer(s, a);
  return s;
}

export function run(s: State, ...actions: Action[]): State {
  return actions.reduce(reducer, s);
}

export function podsFrame(s: State): ResourceFrame {
  const f = top(s);
  assert.equal(f.kind, 'resource');
  return f as ResourceFrame;
}
