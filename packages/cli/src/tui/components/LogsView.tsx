import { Box, Text } from 'ink';
import type { LogsFrame } from '../state.js';
import { Line } from './Line.js';

/** At most this many cluster or source notes above the lines. */
const MAX_NOTES_SHOWN = 3;

/** Lines cut to the width, or wrapped onto several. */
function shape(lines: string[], width: number, wrap: boolean): string[] {
  if (!wrap || width < 2) return lines;
  const out: string[] = [];
  for (const l of lines) {
    if (l.length <= width) out.push(l);
    else for (let i = 0; i < l.length; i += width) out.push(l.slice(i, i + width));
  }
  return out;
}

/** A logs stream: its notes (a cluster that failed, a container not started), then the lines. */
export function LogsView({ frame, width, height }: { frame: LogsFrame; width: number; height: number }) {
  const notes = frame.notes.slice(0, MAX_NOTES_SHOWN);
  const lines = shape(frame.lines, width, frame.wrap);
  const visible = Math.max(1, height - 1 - notes.length);
  const last = Math.max(0, lines.length - visible);
  const scroll = frame.follow ? last : Math.min(frame.scroll, last);
  const container = frame.containerLabel !== undefined ? ` [${frame.containerLabel}]` : '';
  const where =
    frame.clusters.length === 1
      ? `${frame.clusters[0]}/${frame.resource}/${frame.namespace ? `${frame.namespace}/` : ''}${frame.name}${container}`
      : `${frame.resource}/${frame.namespace ? `${frame.namespace}/` : ''}${frame.name} on ${frame.clusters.length} clusters`;
  const mode = [
    frame.previous ? 'previous' : frame.follow ? 'following' : 'paused',
    ...(frame.timestamps ? ['timestamps'] : []),
    ...(frame.wrap ? ['wrap'] : []),
  ].join(', ');
  const count = frame.lines.length
    ? `lines ${scroll + 1}-${Math.min(lines.length, scroll + visible)} of ${lines.length}`
    : 'waiting for lines…';
  return (
    <Box flexDirection="column">
      <Line width={width}>
        <Text bold>
          {where} (logs, {mode}, {count}
          {frame.dropped ? `, ${frame.dropped} older dropped` : ''})
        </Text>
      </Line>
      {notes.map((n, i) => (
        <Line key={`n${i}`} width={width}>
          <Text dimColor>{n}</Text>
        </Line>
      ))}
      {lines.slice(scroll, scroll + visible).map((l, i) => (
        <Line key={i} width={width}>
          {l}
        </Line>
      ))}
    </Box>
  );
}
