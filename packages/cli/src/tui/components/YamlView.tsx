import { Box, Text } from 'ink';
import type { DriftFrame, YamlFrame } from '../state.js';
import { Line } from './Line.js';

/** One object's YAML or description (or why it could not load), or the fleet's drift, scrolled. */
export function YamlView({
  frame,
  width,
  height,
}: {
  frame: YamlFrame | DriftFrame;
  width: number;
  height: number;
}) {
  const error = frame.kind === 'yaml' ? frame.error : undefined;
  const lines = error
    ? [`error: ${error}`]
    : frame.text === undefined
      ? ['loading…']
      : frame.text.split('\n');
  const visible = Math.max(1, height - 1);
  const scroll = Math.min(frame.scroll, Math.max(0, lines.length - visible));
  const where =
    frame.kind === 'drift'
      ? 'drift: workloads whose clusters disagree'
      : `${frame.cluster}/${frame.resource}/${frame.namespace ? `${frame.namespace}/` : ''}${frame.name}`;
  return (
    <Box flexDirection="column">
      <Line width={width}>
        <Text bold>
          {where} ({frame.kind === 'drift' ? 'r refreshes' : frame.view === 'describe' ? 'describe' : 'YAML'},
          lines {Math.min(lines.length, scroll + 1)}-{Math.min(lines.length, scroll + visible)} of{' '}
          {lines.length})
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
