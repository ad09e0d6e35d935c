/** Where the Kubernetes objects of a YAML file start (for the code lenses). Pure. */

/** The first line (0-based) of each YAML document that has a top-level `apiVersion` and `kind`. Pure. */
export function manifestStarts(text: string): number[] {
  const lines = text.split(/\r?\n/);
  const out: number[] = [];
  let start = 0;
  let api = false;
  let kind = false;
  const close = () => {
    if (api && kind) out.push(start);
  };
  lines.forEach((line, i) => {
    if (/^---(\s|$)/.test(line)) {
      close();
      start = i + 1;
      api = kind = false;
      return;
    }
    if (/^apiVersion\s*:/.test(line)) api = true;
    if (/^kind\s*:/.test(line)) kind = true;
  });
  close();
  return out;
}

/** The first line (0-based) of each YAML document with a top-level `pipeline:` key (a pipeline). Pure. */
export function pipelineStarts(text: string): number[] {
  const out: number[] = [];
  let start = 0;
  let found = false;
  text.split(/\r?\n/).forEach((line, i) => {
    if (/^---(\s|$)/.test(line)) {
      start = i + 1;
      found = false;
      return;
    }
    if (!found && /^pipeline\s*:/.test(line)) {
      found = true;
      out.push(start);
    }
  });
  return out;
}
