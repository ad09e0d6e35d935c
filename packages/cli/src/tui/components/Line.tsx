import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

/** One terminal line, cut at the width: the dashboard never wraps. */
export function Line({ children, width }: { children: ReactNode; width: number }) {
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate-end">{children}</Text>
    </Box>
  );
}
