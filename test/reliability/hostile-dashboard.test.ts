/**
 * The dashboard (in tmux) beside two healthy simulated clusters and one hostile one per class of issue
 * 18: a Table whose column name is not a string, a /version whose gitVersion is a number or an array, an
 * item nested 100,000 levels deep, a page of 200,000 rows from a server ignoring `limit`, an endless watch
 * line. Each run asserts: the healthy clusters' rows are shown, the hostile cluster is named with a
 * readable error (or, for the huge page, its rows), the header's `updated` time keeps moving (the health
 * loop lives), the process stays alive, quits cleanly on `q`, and its peak RSS (VmHWM) stays under 400 MB.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startFleet, type Fleet } from '@kubectl-mc/sim';
import { assertBuilt, peakRss } from './helpers.js';
import { requireTool } from '../tools.js';
import { Dashboard } from './tmux.js';

const HEALTHY = ['hd-one', 'hd-two'];
const MAX_RSS_MIB = 400;
const PROCESS_INTERNALS =
  /Cannot read properties|is not a function|is not iterable|undefined \(reading|Maximum call stack|this is a bug/;

type Responder = (req: IncomingMessage, res: ServerResponse) => boolean;

function json(res: ServerResponse, body: string | Buffer, status = 200): true {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
  return true;
}
const isWatch = (req: IncomingMessage) => /[?&]watch=(true|1)/.test(req.url ?? '');
const isPodList = (req: IncomingMessage) => /\/pods(\?|$)/.test(req.url ?? '') && !isWatch(req);
const wantsTable = (req: IncomingMessage) => /as=Table/.test(String(req.headers.accept ?? ''));
const isVersion = (req: IncomingMessage) => /^\/version(\?|$)/.test(req.url ?? '');

const COLUMNS =
  '"columnDefinitions":[{"name":"Name","type":"string","format":"name","priority":0},{"name":"Ready","type":"string","priority":0}]';

/** `{"a":{"a":…}}` nested `depth` levels, built as text (no recursion). */
const deep = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

const DEEP = deep(100_000);
const DEEP_TABLE = `{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"5"},${COLUMNS},"rows":[{"cells":["deep","1/1"],"object":{"metadata":{"name":"deep","namespace":"default"},"spec":${DEEP}}}]}`;
const DEEP_LIST = `{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"5"},"items":[{"metadata":{"name":"deep","namespace":"default"},"spec":${DEEP}}]}`;

let hugePage: Buffer | undefined;
/** One Table page of 200,000 pods (built once, ~20 MB). */
function huge(): Buffer {
  hugePage ??= Buffer.from(
    `{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"5"},${COLUMNS},"rows":[${Array.from(
      { length: 200_000 },
      (_, i) =>
        `{"cells":["huge-${i}","1/1"],"object":{"metadata":{"name":"huge-${i}","namespace":"default"}}}`,
    ).join(',')}]}`,
  );
  return hugePage;
}

interface Case {
  cluster: string;
  what: string;
  respond: Responder;
  /** What the screen shows for the hostile cluster in the clusters view (its row, or the title line). */
  clusters?: RegExp;
  /** What the screen shows for the hostile cluster once `:pods` is open. */
  shown: RegExp;
}

const CASES: Case[] = [
  {
    cluster: 'hd-cols',
    what: 'a Table whose column name is a number',
    respond: (req, res) =>
      isPodList(req) && wantsTable(req)
        ? json(
            res,
            '{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{},"columnDefinitions":[{"name":5,"type":"string"}],"rows":[{"cells":["x"]}]}',
          )
        : false,
    shown: /hd-cols\b.*InvalidResponse: .*Table/i,
  },
  {
    cluster: 'hd-vnum',
    what: 'a /version whose gitVersion is a number',
    respond: (req, res) =>
      isVersion(req) ? json(res, '{"major":1,"minor":31,"gitVersion":1.31,"platform":7}') : false,
    clusters: /hd-vnum\b.*InvalidResponse/i,
    // its pods list well: they are shown
    shown: /^hd-vnum\s+production\s/m,
  },
  {
    cluster: 'hd-varr',
    what: 'a /version whose gitVersion is an array',
    respond: (req, res) =>
      isVersion(req) ? json(res, '{"major":"1","minor":["31"],"gitVersion":["v1","v2"]}') : false,
    clusters: /hd-varr\b.*InvalidResponse/i,
    shown: /^hd-varr\s+production\s/m,
  },
  {
    cluster: 'hd-deep',
    what: 'an item nested 100,000 levels deep',
    respond: (req, res) => (isPodList(req) ? json(res, wantsTable(req) ? DEEP_TABLE : DEEP_LIST) : false),
    shown: /hd-deep\b.*InvalidResponse: .*nested deeper than/i,
  },
  {
    cluster: 'hd-rows',
    what: 'a page of 200,000 rows from a server ignoring limit',
    respond: (req, res) => (isPodList(req) && wantsTable(req) ? json(res, huge()) : false),
    // valid, only too big to keep live: refused as that cluster's error (it cost 421 MiB before)
    shown: /hd-rows\b.*InvalidResponse: the list has more than \d+ rows \(a page of 200000\)/i,
  },
  {
    cluster: 'hd-line',
    what: 'an endless watch line',
    respond: (req, res) => {
      if (!isWatch(req)) return false;
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
      res.write('{"type":"ADDED","object":{"metadata":{"name":"');
      const chunk = 'x'.repeat(64 * 1024);
      const pump = (): void => {
        while (!res.destroyed) if (!res.write(chunk)) return void res.once('drain', pump);
      };
      pump();
      return true;
    },
    shown: /hd-line\b.*(stream line larger than|InvalidResponse: )/i,
  },
];

describe('reliability: the dashboard beside one hostile cluster per class (tmux)', function () {
  this.timeout(180_000);
  let fleet: Fleet;

  before(async function () {
    assertBuilt();
    requireTool('tmux', ['-V']);
    fleet = await startFleet({ clusters: [...HEALTHY, ...CASES.map((c) => c.cluster)], podsPerCluster: 2 });
    for (const c of CASES) fleet.setFault(c.cluster, { respond: c.respond });
  });
  after(async () => {
    await fleet?.stop();
  });

  for (const c of CASES) {
    it(`${c.what}: healthy rows shown, ${c.cluster} named, header keeps updating, q quits, RSS bounded`, async () => {
      const d = new Dashboard();
      let peak = 0;
      let pid: number | undefined;
      const poll = setInterval(() => {
        pid ??= d.pid();
        const v = pid === undefined ? undefined : peakRss(pid);
        if (v !== undefined) peak = Math.max(peak, v);
      }, 50);
      const alive = (what: string) => {
        assert.ok(
          pid !== undefined,
          `no dashboard process found (${what}): ${d.tmux('display-message', '-p', '-t', 'dash', '#{pane_pid}')} ${execFileSync(
            'ps',
            ['-eo', 'pid,ppid,comm'],
            { encoding: 'utf8' },
          )
            .split('\n')
            .filter((l) => /node|env|sleep|sh/.test(l))
            .join('\n')}`,
        );
        const s = d.screen();
        assert.doesNotMatch(s, /dashboard exited/, `the dashboard exited (${what}):\n${s}`);
      };
      try {
        d.start(
          [
            '-A',
            '--clusters',
            [...HEALTHY, c.cluster].join(','),
            '--refresh',
            '1',
            '--request-timeout',
            '5s',
          ],
          { KUBECONFIG: fleet.kubeconfigPath },
        );
        await d.waitFor(
          'the clusters view with all three clusters',
          (s) => HEALTHY.every((h) => new RegExp(`^\\S*\\s*${h}\\s`, 'm').test(s)) && s.includes(c.cluster),
          30_000,
        );
        if (c.clusters) {
          const re = c.clusters;
          const s = await d.waitFor(
            `${c.cluster} named as failing in the clusters view`,
            (t) => re.test(t),
            30_000,
          );
          console.log(
            `      ${s
              .split('\n')
              .find((l) => re.test(l))
              ?.trim()}`,
          );
        }
        d.keys(':');
        d.keys('-l', 'pods');
        d.keys('Enter');
        await d.waitFor(
          `healthy pod rows and ${c.cluster} shown`,
          (s) => HEALTHY.every((h) => new RegExp(`^${h}\\s`, 'm').test(s)) && c.shown.test(s),
          60_000,
        );
        console.log(
          `      ${d
            .screen()
            .split('\n')
            .find((l) => c.shown.test(l))
            ?.trim()}`,
        );
        alive('after the pods view');
        // the health loop lives: the header's "updated" time moves (twice, so not just one late round)
        const updated = (s: string) => /\bupdated (\S+)/.exec(s)?.[1] ?? '-';
        for (let i = 0; i < 2; i++) {
          const was = updated(d.screen());
          await d.waitFor(
            `the header's updated time to move from ${was}`,
            (s) => updated(s) !== '-' && updated(s) !== was,
            30_000,
          );
        }
        const screen = d.screen();
        assert.doesNotMatch(screen, PROCESS_INTERNALS, screen);
        for (const h of HEALTHY) assert.match(screen, new RegExp(`^${h}\\s`, 'm'), screen);
        alive('after the header moved');
        d.keys('q');
        await d.waitFor('a clean exit on q', (s) => /dashboard exited 0/.test(s), 30_000);
      } finally {
        clearInterval(poll);
        d.stop();
      }
      const mib = peak / 1024;
      console.log(`      ${c.cluster}: dashboard peak RSS ${mib.toFixed(0)} MiB`);
      assert.ok(mib > 0 && mib < MAX_RSS_MIB, `peak RSS ${mib.toFixed(0)} MiB`);
    });
  }
});
