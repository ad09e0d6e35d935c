import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { displayColumns, visibleClusters, type ClustersFrame, type State } from '../state.js';
import { Line } from './Line.js';
import { statusColor, Table } from './Table.js';
import { listTitle } from './title.js';

/** The home view: one row per cluster, with the selected failing cluster's message in the title. */
export function ClustersView({
  state,
  frame,
  color,
  width,
}: {
  state: State;
  frame: ClustersFrame;
  color: boolean;
  width: number;
}) {
  const rows = useMemo(
    () => visibleClusters(state),
    [state.clusters, state.health, state.resources['pods'], state.excluded, frame],
  );
  const columns = displayColumns(state, frame);
  const page = rows.slice(frame.scroll, frame.scroll + state.pageSize);
  // The selected cluster's error in full (its row shows only the kind).
  const sel = rows[frame.selected];
  const selectedError =
    sel?.health.state === 'error' ? `${sel.name}: ${sel.health.error.message}` : undefined;
  return (
    <Box flexDirection="column">
      <Line width={width}>
        <Text bold>{listTitle('Clusters', frame, rows.length, columns)}</Text>
        {selectedError ? `  ·  ${selectedError}` : ''}
      </Line>
      <Table
        columns={columns}
        rows={page.map((r, i) => ({
          cells: r.cells,
          selected: frame.scroll + i === frame.selected,
          dim: r.excluded,
        }))}
        width={width}
        colorOf={(col, value) => (color ? statusColor(columns[col], value) : undefined)}
      />
    </Box>
  );
}
