#!/usr/bin/env node
// Topology linter benchmark: 1,000 clusters (3 regions, production/staging mixed) and a 200-stage
// pipeline, plus KubeFed placements and Prometheus federation jobs for every production cluster,
// across 20 generated files, linted together with every rule. Reports the median (and min/max) of
// several runs of `lintDocuments`, after one warm-up run. Target: median < 300 ms.
// Usage: node bench/lint.js [--clusters 1000] [--stages 200] [--files 20] [--runs 7] [--json]
// Needs a build (`npm run build`).
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { lintDocuments } from '@kubectl-mc/core';

/** The generated input: `nFiles` files (topology slices, one pipeline, one KubeFed + Prometheus file). */
export function generate(nClusters, nStages, nFiles) {
  const regions = ['us-east-1', 'eu-west-1', 'ap-south-1'];
  const name = (i) => `cluster-${String(i).padStart(4, '0')}`;
  const isProd = (i) => i % 2 === 0;

  // Files 0..nFiles-3: topology slices; nFiles-2: pipeline; nFiles-1: KubeFed + Prometheus.
  const topoFiles = Math.max(1, nFiles - 2);
  const files = [];
  for (let f = 0; f < topoFiles; f++) {
    const lines = ['topology:', '  clusters:'];
    for (let i = f; i < nClusters; i += topoFiles) {
      lines.push(
        `    - name: ${name(i)}`,
        `      region: ${regions[i % regions.length]}`,
        `      ${isProd(i) ? 'purpose: production' : 'environment: staging'}`,
        '      workloads: [api, web, data-processing]',
        `      ingress: lb-${i}.${regions[i % regions.length]}.example.com`,
        '      labels: { team: platform, tier: gold }',
      );
    }
    if (f === 0)
      lines.push('  traffic_routing:', '    strategy: geo-proximity', '    failover: nearest-healthy-region');
    files.push({ path: `topology-${String(f).padStart(2, '0')}.yaml`, text: lines.join('\n') + '\n' });
  }
  {
    const lines = ['pipeline:', '  stages:'];
    // Stage 0: a one-cluster canary; the other stages share the rest of the fleet.
    for (let s = 0; s < nStages; s++) {
      const members = [];
      const span = (k) => 1 + Math.floor((k * (nClusters - 1)) / Math.max(1, nStages - 1));
      const from = s === 0 ? 0 : span(s - 1);
      const to = s === 0 ? 1 : span(s);
      for (let i = from; i < to; i++) members.push(name(i));
      lines.push(
        `    - name: stage-${s}`,
        `      clusters: [${members.join(', ')}]`,
        `      traffic: ${s === 0 ? '5%' : '100%'}`,
        '      parallel: false',
        '      validation:',
        '        error_rate_threshold: 0.1%',
        '        latency_p99_threshold: 500ms',
        '        duration: 15m',
      );
    }
    files.push({ path: 'pipeline.yaml', text: lines.join('\n') + '\n' });
  }
  {
    const prod = Array.from({ length: nClusters }, (_, i) => i).filter(isProd);
    const lines = [
      'apiVersion: types.kubefed.io/v1beta1',
      'kind: FederatedDeployment',
      'metadata: { name: payment, namespace: production }',
      'spec:',
      '  template:',
      '    metadata: { labels: { app: payment, version: v2.1.0 } }',
      '    spec:',
      '      replicas: 3',
      '      template:',
      '        spec:',
      '          containers:',
      '            - name: payment',
      '              image: registry.example.com/payment:v2.1.0',
      '  placement:',
      '    clusters:',
      ...prod.map((i) => `      - name: ${name(i)}`),
      '---',
      'scrape_configs:',
    ];
    for (const i of Array.from({ length: nClusters }, (_, k) => k)) {
      if (!isProd(i)) continue;
      lines.push(
        `  - job_name: federate-${name(i)}`,
        '    honor_labels: true',
        '    metrics_path: /federate',
        "    params: { 'match[]': ['{job=~\".+\"}'] }",
        '    static_configs:',
        `      - targets: ['prometheus.${name(i)}.example.com:9090']`,
        `        labels: { cluster: ${name(i)} }`,
      );
    }
    files.push({ path: 'fleet.yaml', text: lines.join('\n') + '\n' });
  }

  return files;
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const { values } = parseArgs({
    options: {
      clusters: { type: 'string', default: '1000' },
      stages: { type: 'string', default: '200' },
      files: { type: 'string', default: '20' },
      runs: { type: 'string', default: '7' },
      json: { type: 'boolean', default: false },
    },
  });
  const nClusters = Number(values.clusters);
  const nStages = Number(values.stages);
  const nFiles = Number(values.files);
  const runs = Number(values.runs);

  const files = generate(nClusters, nStages, nFiles);
  const bytes = files.reduce((n, f) => n + f.text.length, 0);
  let findings = 0;
  lintDocuments(files); // warm-up (JIT, schema compilation)
  const times = [];
  const cpu = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    findings = lintDocuments(files).length;
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const result = {
    clusters: nClusters,
    stages: nStages,
    files: files.length,
    kib: Math.round(bytes / 1024),
    findings,
    runs,
    medianMs: Math.round(median * 10) / 10,
    minMs: Math.round(times[0] * 10) / 10,
    maxMs: Math.round(times.at(-1) * 10) / 10,
    // CPU time of the process (all threads, GC included): less sensitive to a busy machine than wall time.
    medianCpuMs: Math.round(cpu[Math.floor(cpu.length / 2)] * 10) / 10,
    targetMs: 300,
  };
  if (values.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(
      `lint: ${nClusters} clusters, ${nStages} stages, ${files.length} files (${result.kib} KiB), ${findings} findings`,
    );
    console.log(
      `median ${result.medianMs} ms (min ${result.minMs}, max ${result.maxMs}) over ${runs} runs (CPU ${result.medianCpuMs} ms); target < 300 ms`,
    );
  }
}
