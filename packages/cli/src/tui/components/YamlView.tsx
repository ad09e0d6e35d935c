import { Box, Text } from 'ink';
import type { YamlFrame } from '../state.js';
import { Line } from './Line.js';

/** One object's YAML (or why it could not load), scrolled. */
export function YamlView({ frame, width, height }: { frame: YamlFrame; width: number; height: number }) {
  const lines = frame.error
    ? [`error: ${frame.error}`]
    : frame.text === undefined
      ? ['loading…']
      : frame.text.split('\n');
  const visible = Math.max(1, height - 1);
  const scroll = Math.min(frame.scroll, Math.max(0, lines.length - visible));
  const where = `${frame.cluster}/${frame.resource}/${frame.namespace ? `${frame.namespace}/` : ''}${frame.name}`;
  return (
    <Box flexDirection="column">
      <Line width={width}>
        <Text bold>
          {where} ({frame.view === 'describe' ? 'describe' : 'YAML'}, lines{' '}
          {Math.min(lines.length, scroll + 1)}-{Math.min(lines.length, scroll + visible)} of {lines.length})
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
