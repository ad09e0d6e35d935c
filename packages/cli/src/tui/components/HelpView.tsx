import { Box, Text } from 'ink';
import { KEY_HELP } from '../keys.js';
import { Line } from './Line.js';

/** Every key and what it does, scrolled. */
export function HelpView({ scroll, width, height }: { scroll: number; width: number; height: number }) {
  const keyWidth = Math.max(...KEY_HELP.map(([k]) => k.length)) + 2;
  const lines = KEY_HELP.map(([k, d]) => `${k.padEnd(keyWidth)}${d}`);
  const visible = Math.max(1, height - 1);
  const s = Math.min(scroll, Math.max(0, lines.length - visible));
  return (
    <Box flexDirection="column">
      <Line width={width}>
        <Text bold>Help: keys (Esc or ? to go back)</Text>
      </Line>
      {lines.slice(s, s + visible).map((l, i) => (
        <Line key={i} width={width}>
          {l}
        </Line>
      ))}
    </Box>
  );
}
