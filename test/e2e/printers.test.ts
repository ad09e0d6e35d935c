/**
 * kubectl's printers, differentially: for several hundred JSONPath expressions, custom-column specs and
 * Go templates (hand-picked ones from kubectl's docs and generated ones over the objects' real keys),
 * the REAL kubectl (the oracle, on PATH) against a simulated cluster must print byte for byte what
 * core's printers print for the same object — errors included. Then the built `kubectl mc get` with
 * those printers across two clusters.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  CustomColumnsPrinter,
  GoTemplatePrinter,
  JsonPathPrinter,
  parseCustomColumns,
  parseCustomColumnsFile,
  PrinterError,
  TemplateExecError,
} from '@kubectl-mc/core';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startFleet, type Fleet } from '@kubectl-mc/sim';
import { requireTool } from '../tools.js';
import {
  describeMismatches,
  differential,
  differentialWhole,
  generateColumnSpecs,
  generateGoTemplates,
  generateJsonPaths,
  runKubectl,
  SEP,
  type Case,
  type Outcome,
} from './helpers/printer-oracle.js';

/** A pod with the shapes the sim's generated objects lack: floats, nulls, unicode, HTML, odd keys. */
const PROBE = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'printer-probe',
    namespace: 'production',
    labels: { 'app.kubernetes.io/name': 'probe', tier: 'backend' },
    annotations: {
      'example.com/html': '<b>&amp;</b>',
      note: 'héllo wörld ✓ 日本',
      multi: 'line1\nline2\ttab',
      empty: '',
      quote: 'say "hi"',
    },
  },
  spec: {
    containers: [
      {
        name: 'main',
        image: 'registry.example.com/main:1.0',
        ports: [
          { containerPort: 8080, protocol: 'TCP' },
          { containerPort: 9090, name: 'metrics' },
        ],
        args: ['--x=1', '--verbose'],
      },
      { name: 'sidecar', image: 'registry.example.com/sidecar:2.3', args: [] },
    ],
    extra: {
      float: 1.5,
      neg: -3,
      million: 1000000,
      small: 0.000125,
      zero: 0,
      yes: true,
      no: false,
      nothing: null,
      emptyMap: {},
      emptyList: [],
      nested: [[1, 2], [3]],
      mixed: [1, 'a', true, null, { k: 'v' }],
      'dotted.key': 'dv',
      'slash/key': 'sv',
    },
  },
  status: {
    phase: 'Running',
    conditions: [
      { type: 'Ready', status: 'True', lastProbeTime: null },
      { type: 'Initialized', status: 'True', message: 'all good' },
      { type: 'PodScheduled', status: 'False', reason: 'Unschedulable' },
    ],
    containerStatuses: [
      { name: 'main', ready: true, restartCount: 3 },
      { name: 'sidecar', ready: false, restartCount: 0 },
    ],
  },
};

/** Hand-picked JSONPath: kubectl's JSONPath docs and `kubectl get --help`, adapted to the objects here. */
const JSONPATH_DOCS: Case[] = [
  '{.kind}',
  "{['kind']}",
  '{.metadata.name}',
  '{.status.phase}',
  '{@}',
  '{$}',
  '{.metadata}',
  '{.metadata.labels}',
  '{.spec.containers[0]}',
  '{.spec.containers[0].name}',
  '{.spec.containers[*].name}',
  '{.spec.containers[-1:].name}',
  '{.spec.containers[0:1].image}',
  '{.spec.containers[*].ports[*].containerPort}',
  '{.status.conditions[?(@.type=="Ready")].status}',
  '{.status.conditions[?(@.status!="True")].type}',
  '{.status.containerStatuses[?(@.restartCount>0)].name}',
  '{.status.containerStatuses[?(@.restartCount >= 3)].name}',
  '{.status.containerStatuses[?(@.ready==true)].name}',
  '{.status.conditions[?(@.message)].type}',
  "{.spec.containers[*]['name','image']}",
  '{range .spec.containers[*]}{.name}{"\\t"}{.image}{"\\n"}{end}',
  '{range .status.conditions[*]}[{.type}, {.status}] {end}',
  '{range .spec.containers[*]}{.name}:{range .ports[*]}{.containerPort},{end};{end}',
  '{.status.conditions[?(@.lastProbeTime)].type}',
  '{.status.conditions[?(@.status == @.status)].type}',
  '{.status.conditions[?(@.type == "Ready")]}',
  '{.spec.containers[?(@.args)].name}',
  '{.status.containerStatuses[?(@.ready == false)].name}',
  '{.status.containerStatuses[?(@.restartCount < 3.5)].name}',
  '{.spec.extra.nested[0][-1]}',
  '{.spec.extra.nested[*][*]}',
  '{.spec.extra.mixed[1:4]}',
  '{.spec.extra.mixed[::2]}',
  '{.spec.extra.mixed[4].k}',
  '{..containerPort}',
  '{.spec..name}',
  '{.spec.containers[*].ports[?(@.containerPort > 8080)].name}',
  '{range .spec.containers[*]}{range .args[*]}[{@}]{end}{end}',
  '{range .status.conditions[*]}{.type}{end}{range .spec.containers[*]}{.name}{end}',
  '{range .spec.extra.emptyList[*]}x{end}after',
  '{.spec.containers[0]["name"]}',
  '{.spec.containers[0].ports[0:5]}',
  '{.spec.containers[-3]}',
  '{.spec.containers[-2:-1].name}',
  '{.spec.containers[:-1].name}',
  '{.metadata.labels.*}',
  '{.spec.containers[*].*}',
  '{..}',
  '{@.kind}{$.kind}',
  '{.kind}{"\\x41\\101\\u00e9"}',
  "{.spec.containers[0]['name', 'image']}",
  '{.spec.containers[ 0 ].name}',
  '{.metadata.labels.app\\.kubernetes\\.io/name}',
  "{.metadata.labels['app.kubernetes.io/name']}",
  '{.metadata.annotations.example\\.com/html}',
  '{.metadata.annotations.note}',
  '{.metadata.annotations.multi}',
  '{.metadata.annotations}',
  '{.spec.extra}',
  '{.spec.extra.float}{" "}{.spec.extra.million}{" "}{.spec.extra.small}{" "}{.spec.extra.neg}',
  '{.spec.extra.nothing}',
  '{.spec.extra.emptyMap}{.spec.extra.emptyList}',
  '{.spec.extra.nested[*][0]}',
  '{.spec.extra.mixed}',
  '{.spec.extra.mixed[*]}',
  '{.spec.extra.dotted\\.key}',
  "{.spec.extra['slash/key']}",
  '{.status.conditions[*].lastProbeTime}',
  '{.missing}',
  '{.missing.deeper}',
  'name={.metadata.name} ns={.metadata.namespace}',
  'plain text only',
  '{"literal"}',
  "{'single'}",
  '{"\\u00e9\\x41"}',
  '{.spec.containers[5]}',
  '{.spec.containers[1:5]}',
  '{.spec.containers[2:1]}',
  '{.spec.containers[0:2:0]}',
  '{.spec.containers[::-1]}',
  '{.kind.*}',
  '{.metadata.name[0]}',
  '{.status.conditions[?(@.status > 1)]}',
  '{.status.conditions[?(@.lastProbeTime == "x")]}',
  '{.metadata[?(@.x)]}',
  '{end}',
  '{range .spec.containers[*]}{.name}',
  '{.x',
  '{.a[}',
  '{.a[x]}',
  '{.a[?(@.b == 1}',
  '{.a ~ b}',
  '{"unterminated}',
  '{..a..b}',
  '{.spec.containers[?(@.name=="main")].ports[?(@.name=="metrics")].containerPort}',
  '{1}{2.5}{true}{-3}',
  '{.spec.containers[0].args}',
  '{.spec.containers[1].args}',
  '{.spec.containers[1].args[0]}',
].map((expr) => ({ expr, unordered: /\.\.|\.\*/.test(expr) }));

/** Hand-picked JSONPath over the List `kubectl get pods -o jsonpath` sees. */
const JSONPATH_LIST: Case[] = [
  '{.items[*].metadata.name}',
  '{.items[0].metadata.name}',
  '{.items[-1:].metadata.name}',
  '{.kind} {.apiVersion} {.metadata}',
  '{range .items[*]}{.metadata.name}{"\\t"}{.status.startTime}{"\\n"}{end}',
  '{range .items[*]}[{.metadata.name}, {.status.phase}] {end}',
  "{.items[*]['metadata.name', 'status.phase']}",
  '{.items[?(@.status.phase=="Running")].metadata.name}',
  '{range .items[*]}{.metadata.name}{":"}{range .spec.containers[*]}{.image}{","}{end}{"\\n"}{end}',
  '{range .items[*]}{range .status.containerStatuses[*]}{.restartCount}{" "}{end}{end}',
  '{.items[*].status.containerStatuses[0].restartCount}',
  '{range .items[*]}{.nope}{end}',
  '{range .items[5:5]}{.metadata.name}{end}after',
].map((expr) => ({ expr }));

/** Hand-picked Go templates: what kubectl users write, kubectl's help, and Go's error paths. */
const GO_TEMPLATES: Case[] = [
  '{{.metadata.name}}',
  '{{.kind}}/{{.metadata.name}}',
  '{{.status.phase}}',
  '{{range .spec.containers}}{{.name}}{{"\\n"}}{{end}}',
  '{{range $i, $c := .spec.containers}}{{$i}}={{$c.image}} {{end}}',
  '{{range .status.conditions}}{{if eq .status "True"}}{{.type}} {{end}}{{end}}',
  '{{if .status.containerStatuses}}{{(index .status.containerStatuses 0).restartCount}}{{end}}',
  '{{index .metadata.labels "app.kubernetes.io/name"}}',
  '{{index .metadata.labels "missing"}}',
  '{{len .spec.containers}} {{len .metadata.name}} {{len .metadata.labels}}',
  '{{printf "%s/%s" .metadata.namespace .metadata.name}}',
  '{{printf "%d" .status.containerStatuses}}',
  '{{printf "%v|%q|%x|%5s|%-5s|%05d|%.2f|%e|%g|%t|%T" .kind .kind .kind .kind .kind 42 3.14159 1234.5678 0.000012 true .spec}}',
  '{{printf "%d %s" 3}}{{printf "%d" 3 4}}{{printf "%s" .spec.extra.neg}}{{printf "%"}}',
  '{{printf "%v %v %v %v" .spec.extra.float .spec.extra.million .spec.extra.small .spec.extra.nothing}}',
  '{{printf "%#v" .spec.extra.mixed}}|{{printf "%+v" .spec.extra}}|{{printf "%6.2f|%-8.3e|%x|%X|%o|%b|%c|%U|%q" 3.14159 1234.5 255 255 8 5 65 9731 66}}',
  '{{with .status}}{{.phase}}{{end}}',
  '{{with .nope}}x{{else}}none{{end}}',
  '{{if .nope}}1{{else if .status}}2{{else}}3{{end}}',
  '{{with .nope}}1{{else with .kind}}{{.}}{{end}}',
  '{{$n := .metadata.name}}{{$n}}',
  '{{$x := 1}}{{$x = 2}}{{$x}}',
  '{{.metadata.labels}}',
  '{{.spec}}',
  '{{.spec.extra.float}} {{.spec.extra.million}} {{.spec.extra.small}} {{.spec.extra.nothing}} {{.spec.extra.mixed}}',
  '{{.spec.extra.emptyMap}}{{.spec.extra.emptyList}}{{.spec.extra.nested}}',
  '{{html .metadata.annotations}};{{js .metadata.annotations.quote}};{{urlquery .metadata.annotations.note}}',
  '{{js .metadata.annotations.multi}}|{{html .metadata.annotations.quote}}|{{urlquery "a b&c=d/é"}}',
  '{{print 1 2 "a" "b" 3}}|{{println 1 "x"}}|{{print .nope}}|{{print}}',
  '{{and 1 0}} {{or 0 "" "x"}} {{not .nope}} {{and .kind .metadata.name}} {{or .nope .kind}}',
  '{{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1.5 2.5}} {{ne .kind "Pod"}} {{eq .kind "Service" "Pod"}}',
  '{{eq .status.containerStatuses.x 3}}',
  '{{eq .nope "x"}} {{eq .nope .nope2}}',
  '{{exists . "spec" "containers" 0 "name"}} {{exists . "spec" "containers" 5}} {{exists . "nope"}}',
  '{{base64decode "aGVsbG8gd29ybGQ="}}',
  '{{slice .spec.containers 1}} {{slice .metadata.name 0 3}} {{slice .metadata.name 2}}',
  'a  {{- " trim " -}}  b',
  'x{{/* a comment */}}y{{- /* trimmed */ -}} z',
  '{{range .spec.containers}}{{if eq .name "sidecar"}}{{break}}{{end}}{{.name}}{{end}}',
  '{{range .spec.containers}}{{if eq .name "main"}}{{continue}}{{end}}{{.name}}{{end}}',
  '{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}',
  '{{range .spec.extra.emptyList}}x{{else}}empty{{end}}',
  '{{.metadata.name | printf "%q"}} {{.metadata.name | len}} {{"abc" | printf "%s-%s" "x"}}',
  '{{(index .spec.containers 0).name}} {{$.kind}}',
  '{{range .spec.containers}}{{$.metadata.name}}:{{.name}} {{end}}',
  '{{range 3}}{{.}}{{end}}',
  '{{.metadata.labels.tier.x}}',
  '{{.spec.extra.nothing.x}}',
  '{{len .nope}}',
  '{{index .spec.containers 5}}',
  '{{index .spec.containers "a"}}',
  '{{index .metadata.name 1}}',
  '{{eq .spec.extra.float 1}}',
  '{{lt true false}}',
  '{{nil}}',
  '{{.kind 1}}',
  '{{"a" | .kind}}',
  '{{printf 3}}',
  '{{base64decode 3}}',
  '{{base64decode .spec.extra.neg}}',
  '{{base64decode "!!"}}',
  '{{range .kind}}{{end}}',
  '{{foo}}',
  '{{.x',
  '{{end}}',
  '{{if}}{{end}}',
  '{{range .a}}',
  '{{$undefined}}',
  '{{.a | 3}}',
  '{{"unterminated}}',
  'before {{.metadata.name}} {{.nope.deeper.x}} after',
  '{{.metadata.name | printf "%s" | len}} {{$}}',
  '{{range $c := .spec.containers}}{{range $p := $c.ports}}{{$c.name}}:{{$p.containerPort}} {{end}}{{end}}',
  '{{with $m := .metadata}}{{$m.name}}{{end}} {{range $i, $e := .spec.containers}}{{if $i}},{{end}}{{$e.name}}{{end}}',
  '{{if and .kind .metadata}}both{{end}} {{if or (eq .kind "Pod") (eq .kind "Service")}}podish{{end}}',
  '{{printf "%-20s|%s\\n" .metadata.name .status.phase}}{{index . "kind"}} {{.spec.containers | len}}',
  '{{ .kind }} {{- /* x */ -}} {{ .metadata.name }}',
  'line one\n{{.kind}}\n{{len 3}}',
  '{{"a" "b"}}',
  '{{3 | printf "%d"}} {{printf "%v|%d" nil 1}} {{(1)}} {{(.kind)}}',
  '{{.kind.foo}}',
  '{{range .spec.containers}}{{.name}}{{else}}none{{end}}|{{range $k, $v := .spec.extra.emptyMap}}x{{else}}empty{{end}}',
  '{{index .spec.extra.nested 0 1}} {{index .spec.extra.mixed 4 "k"}} {{len .spec.extra.mixed}}',
  '{{printf "%s %v %d" .spec.extra.mixed .spec.extra.nested .spec.extra.nested}}',
  '{{printf "%q %x %X %o %b" .spec.extra.mixed .spec.extra.neg .metadata.name 8 5}}',
  '{{printf "%6.2f|%-8.3g|%+.1e|% d|%+d|%#x|%#o" .spec.extra.float .spec.extra.small .spec.extra.million 5 5 255 8}}',
  '{{printf "%t %v %s" .spec.extra.yes .spec.extra.no .spec.extra.yes}}',
  '{{printf "%5t|%-7v|%07.2f|%x|%X" true false -3.14159 "héllo" "hi"}}',
  '{{printf "%c%c %U %q" 72 105 .spec.extra.neg 10}}',
  '{{printf "%*d|%-*d|%.*f" 5 42 4 7 2 3.14159}}',
  '{{js .metadata.annotations.note}} {{html .metadata.annotations.note}} {{urlquery .metadata.annotations.quote}}',
  '{{print .spec.extra.nothing .spec.extra.float "s" 1 2}} {{println}}',
  '{{eq .spec.extra.nothing .spec.extra.nothing}}',
  '{{lt "a" "b"}} {{lt 1.5 2.5}} {{le 3 2}} {{gt .spec.extra.million 5}} {{ge .spec.extra.neg -3}}',
  '{{lt .kind 1}}',
  '{{not 0}} {{not ""}} {{not .spec.extra.emptyList}} {{not .spec.extra.emptyMap}} {{not .spec.extra.no}}',
  '{{and}}',
  '{{len}}',
  '{{index}}',
  '{{slice .metadata.name 1 3}}|{{slice .spec.containers 0 1}}|{{slice .metadata.name 3 1}}',
  '{{exists .metadata "labels" "tier"}} {{exists .metadata.labels "nope"}} {{exists .spec.extra.mixed 9}}',
  '{{base64decode "aGk"}}',
  '{{if}}',
  '{{range}}{{end}}',
  '{{with .kind}}{{.}}{{else with .x}}x{{else}}none{{end}}',
  '{{.kind | printf "%s-%s" "a"}}',
  '{{$x := .kind}}{{$x.foo}}',
  '{{break}}',
  '{{range .spec.containers}}{{continue}}{{end}}done',
  "{{0x1F}} {{1_000}} {{'a'}} {{-5}} {{+3}} {{1e3}} {{.5}} {{0.1}} {{1.0}} {{0o17}} {{0b101}} {{017}}",
  '{{printf "%T %T %T %T" 1 1.5 \'a\' "s"}} {{printf "%v" 1e100}} {{printf "%g %G %e" 1e-7 1e21 0.0}}',
  '{{`raw {{ string`}} {{"esc\\t\\u00e9"}} {{print "a" `b`}}',
  '{{1.5.x}}',
  '{{.kind}}{{.}}',
  '{{define "row"}}{{.name}}={{.image}};{{end}}{{range .spec.containers}}{{template "row" .}}{{end}}',
  '{{define "x"}}[{{$}}|{{.}}]{{end}}{{template "x" .kind}}{{template "x"}}',
  '{{block "b" .metadata}}{{.name}}{{end}}/{{template "b" .status}}',
  '{{define "e"}}{{.nope.x}}{{end}}{{template "e" .spec.extra.nothing}}',
  '{{define "e"}}{{len 3}}{{end}}a{{template "e"}}',
  '{{template "missing"}}',
  '{{define "d"}}a{{end}}{{define "d"}}b{{end}}',
  '{{define "d"}}{{$x}}{{end}}',
  '{{template .kind}}',
  '{{define "only"}}x{{end}}',
  '{{$v := 1}}{{define "t"}}{{.}}{{end}}{{template "t" $v}}',
  '{{printf "%[2]s %[1]s|%[3]d|%[1]*[2]d|%[x]d|%[5]d|%[2]d %d" "a" "b"}}',
  '{{printf "%[1]d %[1]x %[1]o" 64}}|{{printf "%.[2]*[1]f" 3.14159 2}}|{{printf "%[2]*[1]d" 12 5}}',
  '{{printf "%*d|%.*d|%-*d|" "x" 1 -1 2 3 4}}{{printf "%d %d" 1 2 3}}{{printf "%[1]d" 1 2}}',
  '{{printf "%!|%z|%" 1 2}}',
].map((expr) => ({ expr }));

describe('printers: core vs the real kubectl (differential)', function () {
  this.timeout(180_000);
  let fleet: Fleet;
  let dir: string;
  let kubectl: (args: string[]) => Promise<Outcome>;
  const ns = ['-n', 'production', '--context', 'c1'];
  let probe: unknown;
  let crashPod: { name: string; obj: unknown };
  let deployment: unknown;
  let podList: unknown;

  before(async () => {
    requireTool('kubectl', ['version', '--client']);
    dir = await mkdtemp(path.join(os.tmpdir(), 'printers-'));
    fleet = await startFleet({
      clusters: ['c1', 'c2'],
      podsPerCluster: 6,
      kubeconfigPath: path.join(dir, 'kubeconfig.yaml'),
    });
    fleet.cluster('c1').store.add('pods', structuredClone(PROBE) as never);
    const cache = path.join(dir, 'cache');
    kubectl = (args) => runKubectl(args, fleet.kubeconfigPath, cache);
    const json = async (args: string[]): Promise<unknown> => {
      const r = await kubectl(['get', ...args, ...ns, '-o', 'json']);
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout);
    };
    probe = await json(['pod', 'printer-probe']);
    const pods = (await json(['pods'])) as {
      items: Array<{ metadata: { name: string }; status: { phase: string } }>;
    };
    podList = pods;
    const crash = pods.items.find((p) => p.metadata.name !== 'printer-probe' && p.status.phase === 'Running');
    assert.ok(crash);
    crashPod = { name: crash.metadata.name, obj: await json(['pod', crash.metadata.name]) };
    deployment = await json(['deploy', 'web']);
  });
  after(async () => {
    await fleet?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const jsonpath = { flag: (t: string) => `jsonpath=${t}`, separator: `{${JSON.stringify(SEP)}}` };
  const jsonpathOurs =
    (data: unknown, allowMissingKeys = true) =>
    (expr: string): Outcome => {
      try {
        return { code: 0, stdout: new JsonPathPrinter(expr, { allowMissingKeys }).print(data), stderr: '' };
      } catch (e) {
        if (!(e instanceof PrinterError)) throw e;
        return { code: 1, stdout: '', stderr: `error: ${e.message}\n` };
      }
    };

  const goTemplate = { flag: (t: string) => `go-template=${t}`, separator: `{{${JSON.stringify(SEP)}}}` };
  const goTemplateOurs =
    (data: unknown, allowMissingKeys = true) =>
    (expr: string): Outcome => {
      try {
        return { code: 0, stdout: new GoTemplatePrinter(expr, { allowMissingKeys }).print(data), stderr: '' };
      } catch (e) {
        if (e instanceof TemplateExecError)
          return { code: 1, stdout: e.output, stderr: `error: ${e.message}\n` };
        if (!(e instanceof PrinterError)) throw e;
        return { code: 1, stdout: '', stderr: `error: ${e.message}\n` };
      }
    };

  async function expectSame(
    target: string[],
    format: { flag: (t: string) => string; separator: string },
    cases: Case[],
    ours: (expr: string) => Outcome,
    min: number,
  ): Promise<void> {
    const { mismatches, compared } = await differential(kubectl, target, format, cases, ours);
    assert.ok(compared >= min, `compared ${compared} expressions, expected at least ${min}`);
    assert.equal(
      mismatches.length,
      0,
      `${mismatches.length}/${compared} differ:\n${describeMismatches(mismatches)}`,
    );
  }

  it('JSONPath: the documented examples and edge cases, on one object', async () => {
    await expectSame(
      ['pod', 'printer-probe', ...ns],
      jsonpath,
      JSONPATH_DOCS,
      jsonpathOurs(probe),
      JSONPATH_DOCS.length,
    );
  });

  it('JSONPath: generated expressions over the real keys of a pod, a deployment and the probe', async () => {
    await expectSame(
      ['pod', 'printer-probe', ...ns],
      jsonpath,
      generateJsonPaths(probe, 150, 1),
      jsonpathOurs(probe),
      150,
    );
    await expectSame(
      ['pod', crashPod.name, ...ns],
      jsonpath,
      generateJsonPaths(crashPod.obj, 120, 2),
      jsonpathOurs(crashPod.obj),
      120,
    );
    await expectSame(
      ['deploy', 'web', ...ns],
      jsonpath,
      generateJsonPaths(deployment, 120, 3),
      jsonpathOurs(deployment),
      120,
    );
  });

  it('JSONPath over a List (get without a name), and --allow-missing-template-keys=false', async () => {
    await expectSame(['pods', ...ns], jsonpath, JSONPATH_LIST, jsonpathOurs(podList), JSONPATH_LIST.length);
    const strict = {
      flag: (t: string) => `jsonpath=${t}`,
      separator: jsonpath.separator,
    };
    const cases = [
      '{.metadata.name}',
      '{.missing}',
      '{.spec.containers[*].nope}',
      '{.status.conditions[?(@.message)].type}',
    ].map((expr) => ({ expr }));
    const { mismatches } = await differential(
      (args) => kubectl([...args, '--allow-missing-template-keys=false']),
      ['pod', 'printer-probe', ...ns],
      strict,
      cases,
      jsonpathOurs(probe, false),
    );
    assert.equal(mismatches.length, 0, describeMismatches(mismatches));
  });

  it('Go templates: hand-picked templates and error paths, on one object', async () => {
    await expectSame(
      ['pod', 'printer-probe', ...ns],
      goTemplate,
      GO_TEMPLATES,
      goTemplateOurs(probe),
      GO_TEMPLATES.length,
    );
  });

  it('Go templates: generated templates over the real keys of a pod, a deployment and the probe', async () => {
    await expectSame(
      ['pod', 'printer-probe', ...ns],
      goTemplate,
      generateGoTemplates(probe, 150, 11),
      goTemplateOurs(probe),
      150,
    );
    await expectSame(
      ['pod', crashPod.name, ...ns],
      goTemplate,
      generateGoTemplates(crashPod.obj, 100, 12),
      goTemplateOurs(crashPod.obj),
      100,
    );
    await expectSame(
      ['deploy', 'web', ...ns],
      goTemplate,
      generateGoTemplates(deployment, 100, 13),
      goTemplateOurs(deployment),
      100,
    );
  });

  /** Custom columns as core prints them for kubectl's objects (no CLUSTER column: one cluster here). */
  const columnsOurs =
    (items: unknown[], parse: () => ReturnType<typeof parseCustomColumns>, noHeaders = false) =>
    (): Outcome => {
      try {
        const printer = new CustomColumnsPrinter(parse(), { noHeaders });
        return {
          code: 0,
          stdout: printer.print(items.map((object) => ({ context: 'c1', object }))),
          stderr: '',
        };
      } catch (e) {
        if (!(e instanceof PrinterError)) throw e;
        return { code: 1, stdout: e.output, stderr: `error: ${e.message}\n` };
      }
    };
  const itemsOf = (list: unknown) => (list as { items: unknown[] }).items;

  it('custom columns: generated column specs over a List of pods, inline and as a file', async () => {
    const items = itemsOf(podList);
    const specs = [
      '.metadata.name',
      'metadata.name',
      '{.metadata.name}',
      '{metadata.namespace}',
      '.metadata.labels',
      '.spec.containers[*].name',
      '.spec.containers[*].ports[*].containerPort',
      '.status.containerStatuses[0].restartCount',
      '.spec.extra.float',
      '.spec.extra.nothing',
      '.spec.extra.mixed',
      '.spec.extra',
      '.metadata.annotations.note',
      '.metadata.labels.app\\.kubernetes\\.io/name',
      '.status.conditions[?(@.type=="Ready")].status',
      '.nope',
      ...generateColumnSpecs(probe, 160, 21),
      ...generateColumnSpecs(crashPod.obj, 120, 22),
    ];
    const inline = (exprs: string[]) => exprs.map((e, i) => `C${i}:${e}`).join(',');
    const { mismatches, compared } = await differentialWhole(
      kubectl,
      (exprs) => ['get', 'pods', ...ns, '-o', `custom-columns=${inline(exprs)}`],
      (exprs) => columnsOurs(items, () => parseCustomColumns(inline(exprs)))(),
      specs,
    );
    assert.ok(compared >= 290, `compared ${compared}`);
    assert.equal(
      mismatches.length,
      0,
      `${mismatches.length}/${compared} differ:\n${describeMismatches(mismatches)}`,
    );

    // the file form: a header line and a line of specs; --no-headers is ignored there, as in kubectl
    const file = path.join(dir, 'columns.txt');
    const text =
      'NAME   PHASE  RESTARTS  IMAGES\n.metadata.name  {.status.phase} status.containerStatuses[0].restartCount {.spec.containers[*].image}\n';
    await writeFile(file, text);
    const real = await kubectl(['get', 'pods', ...ns, '-o', `custom-columns-file=${file}`, '--no-headers']);
    assert.deepEqual(real, columnsOurs(items, () => parseCustomColumnsFile(text))());
    const realNoHeaders = await kubectl([
      'get',
      'pods',
      ...ns,
      '-o',
      'custom-columns=N:.metadata.name',
      '--no-headers',
    ]);
    assert.deepEqual(realNoHeaders, columnsOurs(items, () => parseCustomColumns('N:.metadata.name'), true)());
  });

  it("custom columns: kubectl's errors (bad specs, a failing path) byte for byte", async () => {
    const items = itemsOf(podList);
    for (const spec of [
      'A',
      'A:{.x}{.y}',
      'A:.metadata.name,B',
      'A:{.x[}',
      'A:.spec.containers[9]',
      'A:.metadata.name,B:.kind.*',
    ]) {
      const real = await kubectl(['get', 'pods', ...ns, '-o', `custom-columns=${spec}`]);
      assert.deepEqual(columnsOurs(items, () => parseCustomColumns(spec))(), real, spec);
    }
  });
});

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'node_modules', '.bin', 'kubectl-mc');

describe('kubectl mc get with template printers across clusters (built CLI)', function () {
  this.timeout(120_000);
  const CLUSTERS = ['us-east-prod', 'eu-west-prod'];
  let fleet: Fleet;
  let dir: string;
  let kubectl: (args: string[]) => Promise<Outcome>;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    requireTool('kubectl', ['version', '--client']);
    assert.ok(existsSync(bin), `${bin} is missing: run "npm run build" first`);
    dir = await mkdtemp(path.join(os.tmpdir(), 'printers-cli-'));
    fleet = await startFleet({
      clusters: CLUSTERS,
      podsPerCluster: 6,
      kubeconfigPath: path.join(dir, 'kubeconfig.yaml'),
    });
    kubectl = (args) => runKubectl(args, fleet.kubeconfigPath, path.join(dir, 'cache'));
    env = { ...process.env, KUBECONFIG: fleet.kubeconfigPath, NO_COLOR: '1' };
  });
  after(async () => {
    await fleet?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const mc = (...args: string[]): Promise<Outcome> =>
    new Promise((resolve) => {
      execFile(bin, args, { env, timeout: 60_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      });
    });
  const all = ['-n', 'production', '--clusters', CLUSTERS.join(',')];

  it('on one cluster, -o jsonpath / go-template / custom-columns print what kubectl prints', async () => {
    const cases: string[][] = [
      ['-o', 'jsonpath={.items[*].metadata.name}'],
      ['-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}'],
      ['-o', 'jsonpath-as-json={.items[*].spec.containers[0].image}'],
      ['-o', 'go-template={{range .items}}{{.metadata.name}} {{len .spec.containers}}{{"\\n"}}{{end}}'],
      ['-o', 'template={{.kind}} {{len .items}}'],
      ['--template', '{{range .items}}{{.status.phase}},{{end}}'],
      ['-o', 'jsonpath', '--template', '{.items[0].metadata.name}'],
      ['-o', 'custom-columns=NAME:.metadata.name,PHASE:.status.phase,NODE:.spec.nodeName'],
    ];
    for (const c of cases) {
      for (const ctx of CLUSTERS) {
        const [mine, real] = await Promise.all([
          mc('get', 'pods', '-n', 'production', '--context', ctx, ...c, '--no-cluster-column'),
          kubectl(['get', 'pods', '-n', 'production', '--context', ctx, ...c]),
        ]);
        assert.equal(real.code, 0, real.stderr);
        assert.equal(mine.code, 0, mine.stderr);
        assert.equal(mine.stdout, real.stdout, `${c.join(' ')} on ${ctx}`);
      }
    }
  });

  it('across clusters, the template sees one List whose items carry kubectl-mc.io/context', async () => {
    const out = await mc(
      'get',
      'pods',
      ...all,
      '-o',
      'jsonpath={range .items[*]}{.metadata.annotations.kubectl-mc\\.io/context}{"\\t"}{.metadata.name}{"\\n"}{end}',
    );
    assert.equal(out.code, 0, out.stderr);
    const expected: string[] = [];
    for (const ctx of CLUSTERS) {
      const real = await kubectl([
        'get',
        'pods',
        '-n',
        'production',
        '--context',
        ctx,
        '-o',
        'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}',
      ]);
      expected.push(
        ...real.stdout
          .trim()
          .split('\n')
          .map((n) => `${ctx}\t${n}`),
      );
    }
    assert.deepEqual(out.stdout.trim().split('\n'), expected);
    const kind = await mc(
      'get',
      'pods',
      ...all,
      '-o',
      'go-template={{.kind}} {{.apiVersion}} {{len .items}}',
    );
    assert.equal(kind.stdout, `List v1 ${expected.length}`);
  });

  it("custom columns put CLUSTER first, and each cluster's rows equal kubectl's", async () => {
    const spec =
      'custom-columns=NAME:.metadata.name,READY:.status.containerStatuses[0].ready,IMAGE:.spec.containers[*].image';
    const out = await mc('get', 'pods', ...all, '-o', spec);
    assert.equal(out.code, 0, out.stderr);
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(/\s{2,}/));
    assert.deepEqual(lines[0], ['CLUSTER', 'NAME', 'READY', 'IMAGE']);
    for (const ctx of CLUSTERS) {
      const real = await kubectl([
        'get',
        'pods',
        '-n',
        'production',
        '--context',
        ctx,
        '-o',
        spec,
        '--no-headers',
      ]);
      const realRows = real.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(/\s{2,}/));
      assert.deepEqual(
        lines
          .slice(1)
          .filter((r) => r[0] === ctx)
          .map((r) => r.slice(1)),
        realRows,
      );
    }
  });

  it('one named object on one cluster: the template sees the object itself', async () => {
    const list = await kubectl([
      'get',
      'pods',
      '-n',
      'production',
      '--context',
      CLUSTERS[0] as string,
      '-o',
      'name',
    ]);
    const name = (list.stdout.split('\n')[0] ?? '').replace('pod/', '');
    const one = await mc(
      'get',
      'pod',
      name,
      '-n',
      'production',
      '--context',
      CLUSTERS[0] as string,
      '-o',
      'jsonpath={.kind}/{.metadata.name}/{.metadata.annotations.kubectl-mc\\.io/context}',
    );
    assert.equal(one.stdout, `Pod/${name}/${CLUSTERS[0]}`);
    const two = await mc('get', 'pod', name, ...all, '-o', 'jsonpath={.kind}');
    assert.equal(two.stdout, 'List');
    assert.equal(two.code, 1, 'the other cluster has no such pod');
  });

  it("errors: a bad template is a usage error (exit 2), a failing one prints kubectl's report (exit 1)", async () => {
    const bad = await mc('get', 'pods', ...all, '-o', 'jsonpath={.x');
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'error: error parsing jsonpath {.x, unclosed action\n');
    const unknown = await mc('get', 'pods', ...all, '-o', 'jsonpath-file=/no/such/file');
    assert.equal(unknown.code, 2);
    assert.match(
      unknown.stderr,
      /^error: error reading --template \/no\/such\/file, open \/no\/such\/file: no such file or directory$/m,
    );
    const missing = await mc(
      'get',
      'pods',
      ...all,
      '-o',
      'jsonpath={.x}',
      '--allow-missing-template-keys=false',
    );
    assert.equal(missing.code, 1);
    assert.match(
      missing.stderr,
      /^error: error executing jsonpath "\{\.x\}": Error executing template: x is not found\. Printing more information/,
    );
    const lenient = await mc('get', 'pods', ...all, '-o', 'go-template={{.x}}');
    assert.deepEqual([lenient.code, lenient.stdout], [0, '<no value>']);
    const failing = await mc('get', 'pods', ...all, '-o', 'go-template=a{{index .items 99}}');
    assert.equal(failing.code, 1);
    assert.match(
      failing.stdout,
      /^aError executing template: template: output:1:3: executing "output" at <index \.items 99>: error calling index: index out of range: 99\./,
    );
    assert.match(failing.stderr, /^error: error executing template "a\{\{index \.items 99\}\}"/);
  });

  it('template output keeps newlines and tabs but escapes terminal controls from clusters', async () => {
    const store = fleet.cluster(CLUSTERS[0] as string).store;
    const evil = structuredClone(store.list('pods', 'production')[0]);
    assert.ok(evil);
    evil.metadata = {
      ...evil.metadata,
      name: 'evil',
      namespace: 'evil-ns',
      annotations: { x: 'a\x1b]0;pwned\x07\tb\nc' },
      resourceVersion: undefined,
      uid: undefined,
    } as typeof evil.metadata;
    store.add('pods', evil);
    const out = await mc(
      'get',
      'pods',
      '-n',
      'evil-ns',
      '--context',
      CLUSTERS[0] as string,
      '-o',
      'jsonpath={.items[0].metadata.annotations.x}{"\\n"}',
    );
    assert.equal(out.stdout, 'a^[]0;pwned^G\tb\nc\n');
    store.delete('pods', 'evil-ns', 'evil');
  });
});
