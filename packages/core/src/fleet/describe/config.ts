/** kubectl's ConfigMap, Secret and Namespace describers. */
import { describeEvents, type EventItem } from './events.js';
import { printAnnotations, printLabels, rec, str, strMap } from './format.js';
import { LEVEL_0, tabbed } from './writer.js';

type Obj = Record<string, unknown>;

const sortedKeys = (m: Record<string, unknown>) =>
  Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Bytes a base64 value decodes to. */
function decodedLength(b64: string): number {
  return Buffer.from(b64, 'base64').length;
}

/**
 * kubectl prints a ConfigMap's data (keys and values) in Go's random map order; here in sorted key order.
 */
export function describeConfigMap(cm: Obj, events: EventItem[] | undefined): string {
  return tabbed((w) => {
    const meta = rec(cm.metadata);
    w.write(LEVEL_0, `Name:\t${str(meta.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(meta.namespace)}\n`);
    printLabels(w, 'Labels', strMap(meta.labels));
    printAnnotations(w, 'Annotations', strMap(meta.annotations));
    w.write(LEVEL_0, '\nData\n====\n');
    const data = strMap(cm.data);
    for (const k of sortedKeys(data)) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${data[k] ?? ''}\n`);
      w.write(LEVEL_0, '\n');
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    const binary = strMap(cm.binaryData);
    for (const k of sortedKeys(binary)) w.write(LEVEL_0, `${k}: ${decodedLength(binary[k] ?? '')} bytes\n`);
    w.write(LEVEL_0, '\n');
    describeEvents(events, w);
  });
}

/**
 * A Secret's keys with their sizes, never their values. (kubectl prints a service-account token's value
 * in full; here it is a size like every other key.)
 */
export function describeSecret(secret: Obj): string {
  return tabbed((w) => {
    const meta = rec(secret.metadata);
    w.write(LEVEL_0, `Name:\t${str(meta.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(meta.namespace)}\n`);
    printLabels(w, 'Labels', strMap(meta.labels));
    printAnnotations(w, 'Annotations', strMap(meta.annotations));
    w.write(LEVEL_0, `\nType:\t${str(secret.type)}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    const data = strMap(secret.data);
    for (const k of sortedKeys(data)) w.write(LEVEL_0, `${k}:\t${decodedLength(data[k] ?? '')} bytes\n`);
  });
}

/** A Namespace; quotas and limit ranges when the cluster lists them (`undefined`: it could not). */
export function describeNamespace(ns: Obj, quotas: Obj[] | undefined, limits: Obj[] | undefined): string {
  return tabbed((w) => {
    const meta = rec(ns.metadata);
    w.write(LEVEL_0, `Name:\t${str(meta.name)}\n`);
    printLabels(w, 'Labels', strMap(meta.labels));
    printAnnotations(w, 'Annotations', strMap(meta.annotations));
    w.write(LEVEL_0, `Status:\t${str(rec(ns.status).phase)}\n`);
    if (quotas !== undefined) {
      w.write(LEVEL_0, '\n');
      if (quotas.length === 0) w.write(LEVEL_0, 'No resource quota.\n');
      else w.write(LEVEL_0, `Resource Quotas: ${quotas.length} (not itemised here)\n`);
    }
    if (limits !== undefined) {
      w.write(LEVEL_0, '\n');
      if (limits.length === 0) w.write(LEVEL_0, 'No LimitRange resource.\n');
      else w.write(LEVEL_0, `LimitRanges: ${limits.length} (not itemised here)\n`);
    }
  });
}
