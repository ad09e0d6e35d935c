// A small SVG chart of bench/growth.js results: four log-log panels (time and peak RSS, against clusters
// and against pods per cluster), with a dashed line of slope 1 through the first point of `mc wall` —
// points that stay on or under it mean cost grows at most linearly.
const W = 1000;
const H = 700;
const PANEL_W = 440;
const PANEL_H = 260;
const COLORS = { mcWall: '#1f77b4', mcCpu: '#2ca02c', kubectl: '#d62728', rss: '#9467bd' };

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
const fmt = (v) => (v >= 1000 ? `${Math.round(v / 100) / 10}k`.replace('.0k', 'k') : String(Math.round(v)));

function logScale(min, max, from, to) {
  const lo = Math.log10(min);
  const hi = Math.log10(max);
  return (v) => from + ((Math.log10(v) - lo) / (hi - lo || 1)) * (to - from);
}

/** Powers of ten (and 2×, 5×) between min and max, for gridlines. */
function ticks(min, max) {
  const out = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++)
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= min && v <= max) out.push(v);
    }
  return out;
}

function panel(x0, y0, title, xLabel, yLabel, series, xs) {
  const all = series.flatMap((s) => s.points.map((p) => p[1]));
  if (all.length === 0 || xs.length === 0) return '';
  const yMin = 10 ** Math.floor(Math.log10(Math.min(...all)));
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(...all) * 1.05));
  const xMin = Math.min(...xs) / 1.5;
  const xMax = Math.max(...xs) * 1.5;
  const sx = logScale(xMin, xMax, x0 + 60, x0 + PANEL_W);
  const sy = logScale(yMin, yMax, y0 + PANEL_H, y0 + 30);
  let out = `<text x="${x0 + 60}" y="${y0 + 18}" font-size="15" font-weight="bold">${esc(title)}</text>`;
  for (const t of ticks(yMin, yMax)) {
    out += `<line x1="${x0 + 60}" x2="${x0 + PANEL_W}" y1="${sy(t)}" y2="${sy(t)}" stroke="#ddd"/>`;
    out += `<text x="${x0 + 55}" y="${sy(t) + 4}" font-size="11" text-anchor="end">${fmt(t)}</text>`;
  }
  for (const t of xs) {
    out += `<line x1="${sx(t)}" x2="${sx(t)}" y1="${y0 + 30}" y2="${y0 + PANEL_H}" stroke="#eee"/>`;
    out += `<text x="${sx(t)}" y="${y0 + PANEL_H + 15}" font-size="11" text-anchor="middle">${fmt(t)}</text>`;
  }
  out += `<rect x="${x0 + 60}" y="${y0 + 30}" width="${PANEL_W - 60}" height="${PANEL_H - 30}" fill="none" stroke="#888"/>`;
  out += `<text x="${x0 + 60 + (PANEL_W - 60) / 2}" y="${y0 + PANEL_H + 32}" font-size="12" text-anchor="middle">${esc(xLabel)}</text>`;
  out += `<text x="${x0 + 14}" y="${y0 + 30 + (PANEL_H - 30) / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 ${x0 + 14} ${y0 + 30 + (PANEL_H - 30) / 2})">${esc(yLabel)}</text>`;
  const first = series[0]?.points[0];
  if (first) {
    // slope 1 through the first point: linear growth
    const [fx, fy] = first;
    const end = xs[xs.length - 1];
    const ey = Math.min(yMax, fy * (end / fx));
    const ex = fx * (ey / fy);
    out += `<line x1="${sx(fx)}" y1="${sy(fy)}" x2="${sx(ex)}" y2="${sy(ey)}" stroke="#999" stroke-dasharray="5,4"/>`;
  }
  let ly = y0 + 44;
  for (const s of series) {
    if (s.points.length === 0) continue;
    const d = s.points
      .map(([x, y], i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`)
      .join(' ');
    out += `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"/>`;
    for (const [x, y] of s.points) out += `<circle cx="${sx(x)}" cy="${sy(y)}" r="3.5" fill="${s.color}"/>`;
    out += `<line x1="${x0 + 70}" x2="${x0 + 90}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"/>`;
    out += `<text x="${x0 + 95}" y="${ly}" font-size="11">${esc(s.name)}</text>`;
    ly += 15;
  }
  out += `<line x1="${x0 + 70}" x2="${x0 + 90}" y1="${ly - 4}" y2="${ly - 4}" stroke="#999" stroke-dasharray="5,4"/>`;
  out += `<text x="${x0 + 95}" y="${ly}" font-size="11">linear growth</text>`;
  return out;
}

export function renderChart(results) {
  const byAxis = (axis) => results.filter((r) => r.axis === axis);
  const c = byAxis('clusters');
  const p = byAxis('pods');
  const timeSeries = (rows, x) => [
    { name: 'kubectl mc get, wall', color: COLORS.mcWall, points: rows.map((r) => [x(r), r.mc.ms]) },
    { name: 'kubectl mc get, CPU', color: COLORS.mcCpu, points: rows.map((r) => [x(r), r.mc.cpuMs]) },
    {
      name: 'kubectl -P 16, wall',
      color: COLORS.kubectl,
      points: rows.filter((r) => r.kubectl).map((r) => [x(r), r.kubectl.ms]),
    },
  ];
  const rssSeries = (rows, x) => [
    { name: 'kubectl mc get, peak RSS', color: COLORS.rss, points: rows.map((r) => [x(r), r.mc.rssMb]) },
  ];
  const byClusters = (r) => r.clusters;
  const byPods = (r) => r.podsPerCluster;
  const podsLabel = c[0] ? `clusters (${c[0].podsPerCluster} pods each)` : 'clusters';
  const clustersLabel = p[0] ? `pods per cluster (${p[0].clusters} clusters)` : 'pods per cluster';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    panel(
      20,
      10,
      'get pods -A: time vs clusters',
      podsLabel,
      'ms',
      timeSeries(c, byClusters),
      c.map(byClusters),
    ),
    panel(
      520,
      10,
      'get pods -A: time vs pods per cluster',
      clustersLabel,
      'ms',
      timeSeries(p, byPods),
      p.map(byPods),
    ),
    panel(20, 360, 'peak RSS vs clusters', podsLabel, 'MB', rssSeries(c, byClusters), c.map(byClusters)),
    panel(520, 360, 'peak RSS vs pods per cluster', clustersLabel, 'MB', rssSeries(p, byPods), p.map(byPods)),
    '</svg>',
  ].join('\n');
}
