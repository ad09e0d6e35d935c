import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

/**
 * One terminal line, cut at the width: the dashboard never wraps. The text truncates itself (no clipping
 * box: Ink would slice every line of every frame again).
 */
export function Line({ children, width }: { children: ReactNode; width: number }) {
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">{children}</Text>
    </Box>
  );
}
