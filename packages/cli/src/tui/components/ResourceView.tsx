import { Box, Text } from 'ink';
import { useMemo } from 'react';
import {
  dataKey,
  displayColumns,
  isNamespaced,
  rowCells,
  showsUsage,
  visibleRows,
  type ResourceFrame,
  type State,
} from '../state.js';
import { Line } from './Line.js';
import { statusColor, Table } from './Table.js';
import { listTitle } from './title.js';

/** At most this many clusters' errors are shown over a resource table. */
export const MAX_ERROR_LINES = 3;

/** The clusters that could not list the frame's resource, with why (excluded clusters left out). */
export function resourceErrors(state: State, f: ResourceFrame): [string, string][] {
  const data = state.resources[dataKey(f)];
  if (!data) return [];
  const shown = (c: string) => !state.excluded[c] && (f.cluster === undefined || f.cluster === c);
  const fallbacks: [string, string][] =
    data.namespaced === false
      ? []
      : Object.entries(state.fallbackNs ?? {})
          .filter(([c]) => shown(c) && state.namespace === undefined && !state.nsByCluster)
          .map(([c, ns]) => [c, `may not list across namespaces: showing ${ns}, its context's namespace`]);
  return [
    ...fallbacks,
    ...Object.entries(data.errors)
      .filter(([c]) => shown(c))
      .map(([c, e]): [string, string] => [c, `${e.kind.toLowerCase()}: ${e.message}`]),
  ];
}

/** One resource across the clusters (or one cluster), its failing clusters named above the table. */
export function ResourceView({
  state,
  frame,
  color,
  width,
}: {
  state: State;
  frame: ResourceFrame;
  color: boolean;
  width: number;
}) {
  const data = state.resources[dataKey(frame)];
  const rows = useMemo(
    () => visibleRows(state, frame),
    [data, frame, state.excluded, state.namespace, state.nsByCluster, state.fallbackNs, state.clusters],
  );
  const columns = displayColumns(state, frame);
  const namespaced = isNamespaced(data);
  const page = rows.slice(frame.scroll, frame.scroll + state.pageSize);
  const usage =
    showsUsage(state, frame) && data ? { metrics: state.usage!, width: data.columns.length } : undefined;
  const errors = resourceErrors(state, frame);
  const scope = frame.cluster ? `cluster ${frame.cluster}` : 'all clusters';
  const waiting = state.clusters.filter(
    (c) => !state.excluded[c.name] && (!frame.cluster || frame.cluster === c.name) && !data?.loaded[c.name],
  ).length;
  const where =
    data?.namespaced === false
      ? 'cluster-scoped'
      : (state.namespace ??
        (state.nsByCluster
          ? frame.cluster
            ? (state.nsByCluster[frame.cluster] ?? 'all namespaces')
            : "each context's namespace"
          : 'all namespaces'));
  const text = `${dataKey({ ...frame, wide: false })}${frame.wide ? ' (wide)' : ''} (${scope}, ${where})${waiting ? `  ·  waiting for ${waiting}` : ''}`;
  return (
    <Box flexDirection="column">
      <Line width={width}>
        <Text bold>{listTitle(text, frame, rows.length, columns)}</Text>
      </Line>
      {errors.slice(0, MAX_ERROR_LINES).map(([c, e], i) => (
        <Line key={`${i}${c}`} width={width}>
          <Text color={color ? 'red' : undefined}>
            {c} {e}
          </Text>
        </Line>
      ))}
      <Table
        columns={columns}
        rows={page.map((r, i) => ({
          cells: rowCells(r, namespaced, state.now, usage),
          selected: frame.scroll + i === frame.selected,
        }))}
        width={width}
        colorOf={(col, value) => (color ? statusColor(columns[col], value) : undefined)}
      />
    </Box>
  );
}
