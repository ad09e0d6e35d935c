import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { RUN_COLUMNS, runCells, runDetailLines } from '../runs.js';
import type { RunFrame, RunsFrame, State } from '../state.js';
import { Line } from './Line.js';
import { Table } from './Table.js';

/** A run's or a cluster's status colour: done well green, under way yellow, stopped badly red. */
export function runStatusColor(value: string): string | undefined {
  if (/^(succeeded|passed)$/.test(value)) return 'green';
  if (/^(running|paused|pending|applying|canary|gating)$/.test(value)) return 'yellow';
  if (/^(failed|interrupted|rolled-back)$/.test(value)) return 'red';
  return undefined;
}

/** Ages are drawn with the ticking clock, else when the runs were read. */
function clock(state: State): number {
  return state.now ?? state.runs?.at ?? 0;
}

/** `:runs`: one row per pipeline run, running first, then newest; why the runs cannot be read, if so. */
export function RunsView({
  state,
  frame,
  color,
  width,
}: {
  state: State;
  frame: RunsFrame;
  color: boolean;
  width: number;
}) {
  const runs = state.runs;
  const now = clock(state);
  const rows = useMemo(() => (runs?.list ?? []).map((r) => runCells(r, now)), [runs, now]);
  const page = rows.slice(frame.scroll, frame.scroll + state.pageSize);
  const columns = [...RUN_COLUMNS];
  const status = columns.indexOf('STATUS');
  return (
    <Box flexDirection="column">
      <Line width={width}>
        <Text bold>{`Pipeline runs  ·  ${runs ? `${rows.length} rows` : 'loading…'}  ·  ⏎ stages`}</Text>
      </Line>
      {runs?.error ? (
        <Line width={width}>
          <Text color={color ? 'red' : undefined}>{`error: ${runs.error}`}</Text>
        </Line>
      ) : null}
      <Table
        columns={columns}
        rows={page.map((cells, i) => ({ cells, selected: frame.scroll + i === frame.selected }))}
        width={width}
        colorOf={(col, value) => (color && col === status ? runStatusColor(value) : undefined)}
      />
      {runs && rows.length === 0 && !runs.error ? (
        <Line width={width}>{'No pipeline runs (kubectl mc rollout run starts one).'}</Line>
      ) : null}
    </Box>
  );
}

/** Enter on a run: its stages, each cluster's status and message, scrolled. */
export function RunView({
  state,
  frame,
  width,
  height,
}: {
  state: State;
  frame: RunFrame;
  width: number;
  height: number;
}) {
  const run = state.runs?.list.find((r) => r.id === frame.id);
  const lines = run ? runDetailLines(run, clock(state)) : ['this run is no longer in the state directory'];
  const visible = Math.max(1, height - 1);
  const scroll = Math.min(frame.scroll, Math.max(0, lines.length - visible));
  return (
    <Box flexDirection="column">
      <Line width={width}>
        <Text bold>
          {`run ${frame.id} (lines ${Math.min(lines.length, scroll + 1)}-${Math.min(lines.length, scroll + visible)} of ${lines.length}; Esc back)`}
        </Text>
      </Line>
      {lines.slice(scroll, scroll + visible).map((l, i) => (
        <Line key={i} width={width}>
          {l}
        </Line>
      ))}
    </Box>
  );
}
