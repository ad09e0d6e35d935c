import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

/** The terminal's size, following resizes; a fixed size (tests) wins over the terminal's. */
export function useTerminalSize(fixed: { width?: number; height?: number }): {
  width: number;
  height: number;
} {
  const { stdout } = useStdout();
  const read = () => ({
    width: fixed.width ?? (stdout.columns || 80),
    // One line short of the terminal: a frame that fills it makes Ink clear the screen on every render.
    height: fixed.height ?? Math.max(8, (stdout.rows || 24) - 1),
  });
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed.width !== undefined && fixed.height !== undefined) return;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed.width, fixed.height]);
  return size;
}
