/**
 * Contracts of the topology linter: diagnostics, the parsed source documents, the model the rules read,
 * and the rule interface. Pure data: no I/O.
 */
import type { Document, LineCounter, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

export type Severity = 'error' | 'warning' | 'info';

/** 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface RelatedInformation {
  file: string;
  range: Range;
  message: string;
}

export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
}

/** A quick fix an editor can apply. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  rule: string;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  related?: RelatedInformation[];
  fix?: Fix;
}

export type DocKind =
  | 'topology'
  | 'pipeline'
  | 'networking'
  | 'kubefed'
  | 'istio-operator'
  | 'istio-gateway'
  | 'istio-service-entry'
  | 'coredns'
  | 'prometheus';

/** One YAML document of one file that the linter understood. */
export interface SourceDoc {
  file: string;
  /** 0-based index of the document within its file. */
  index: number;
  kind: DocKind;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The plain JS value of the document (aliases expanded, bounded). */
  value: unknown;
  /** The file's full text, for rules that need raw positions. */
  text: string;
}

/** A scalar that names a cluster somewhere other than its declaration. */
export type ClusterRefVia =
  'pipeline' | 'kubefed-placement' | 'kubefed-override' | 'istio' | 'prometheus' | 'vpc';

export interface ClusterRef {
  name: string;
  /** The scalar holding the name (the range to report and to replace in a fix). */
  node: Scalar;
  src: SourceDoc;
  via: ClusterRefVia;
}

export interface ClusterDecl {
  name: string;
  /** kubeconfig context name; defaults to `name`. */
  context: string;
  region?: string;
  environment?: string;
  purpose?: string;
  /** `purpose: production` or `environment: production`. */
  production: boolean;
  workloads: string[];
  ingress?: string;
  size?: string;
  nodeType?: string;
  storage?: unknown;
  /** `backup` or `backup_strategy`, whichever is set. */
  backup?: unknown;
  highAvailability?: unknown;
  interruptionHandling?: unknown;
  labels: Record<string, string>;
  compliance: string[];
  jurisdiction?: string;
  vpc?: string;
  cidr?: string;
  podCidr?: string;
  serviceCidr?: string;
  /** The cluster's plain value. */
  value: Record<string, unknown>;
  src: SourceDoc;
  /** The cluster's map in the `clusters:` sequence. */
  node: YAMLMap;
  /** The `name` scalar (undefined only when `name` is missing or not a scalar). */
  nameNode?: Scalar;
  topology: TopologyDecl;
}

export interface TrafficRouting {
  strategy?: string;
  failover?: string;
  node: YAMLMap;
}

export interface TopologyDecl {
  src: SourceDoc;
  /** The map under `topology:`. */
  node: YAMLMap;
  clusters: ClusterDecl[];
  trafficRouting?: TrafficRouting;
}

export interface StageDecl {
  index: number;
  name?: string;
  node: YAMLMap;
  /** Cluster references of `cluster:` and `clusters:`. */
  clusters: ClusterRef[];
  traffic?: unknown;
  parallel?: unknown;
  validation?: YAMLMap;
  pipeline: PipelineDecl;
}

export interface PipelineDecl {
  src: SourceDoc;
  /** The map under `pipeline:`. */
  node: YAMLMap;
  stages: StageDecl[];
}

export interface VpcDecl {
  name: string;
  cidr?: string;
  cluster?: string;
  /** The pair `name: {cidr, cluster}` in `vpcs:`. */
  pair: Pair;
  src: SourceDoc;
}

export interface VpcPeerDecl {
  index: number;
  source?: string;
  destination?: string;
  routing?: string;
  node: YAMLMap;
  src: SourceDoc;
}

export interface NetworkingDecl {
  src: SourceDoc;
  node: YAMLMap;
  vpcs: VpcDecl[];
  peers: VpcPeerDecl[];
  networkPolicy?: YAMLMap;
}

export interface KubefedOverride {
  clusterName?: ClusterRef;
  node: YAMLMap;
  /** Each `clusterOverrides[].path` with its scalar. */
  paths: { path: string; node: Scalar; override: YAMLMap }[];
}

export interface KubefedDecl {
  src: SourceDoc;
  kind: string;
  /** `apiVersion` as written (`types.kubefed.io/v1beta1`, or the legacy `types.kubefed.k8s.io/…`). */
  apiVersion: string;
  name?: string;
  namespace?: string;
  placement: ClusterRef[];
  /** `spec.placement` map, when present. */
  placementNode?: YAMLMap;
  overrides: KubefedOverride[];
  /** `spec.template`, plain value. */
  template?: unknown;
}

export interface IstioOperatorDecl {
  src: SourceDoc;
  clusterName?: ClusterRef;
  network?: string;
  trustDomain?: string;
  /** `spec.values.global.meshID`: clusters of different meshes may have their own trust domains. */
  meshID?: string;
  /** Network names declared under `spec.values.global.meshNetworks`, with their key pairs. */
  meshNetworks?: { name: string; node: Pair }[];
}

export interface IstioGatewayDecl {
  src: SourceDoc;
  name?: string;
  /** `spec.servers` items. */
  servers: YAMLMap[];
}

/** A directive line of a Corefile server block (`forward . 10.0.0.10`, `cache 30`). */
export interface CorefileDirective {
  name: string;
  args: string[];
  /** Range of the whole directive line (without comment), in the YAML file. */
  range: Range;
  /** Ranges of each argument, parallel to `args`. */
  argRanges: Range[];
}

export interface CorefileServerBlock {
  /** Zones with optional port, e.g. `global.example.com:53`. */
  zones: string[];
  range: Range;
  directives: CorefileDirective[];
}

export interface CorednsServerFile {
  /** The data key, e.g. `multicluster.server`. */
  key: string;
  node: Scalar;
  blocks: CorefileServerBlock[];
  /** Syntax problems found while reading the Corefile (unbalanced braces, …). */
  problems: { message: string; range: Range }[];
}

export interface CorednsDecl {
  src: SourceDoc;
  name?: string;
  files: CorednsServerFile[];
}

export interface PrometheusTarget {
  target: string;
  node: Scalar;
  /** Labels of the enclosing static config. */
  labels: Record<string, string>;
  labelsNode?: YAMLMap;
}

export interface PrometheusJob {
  src: SourceDoc;
  index: number;
  name?: string;
  node: YAMLMap;
  honorLabels?: unknown;
  metricsPath?: string;
  /** `params['match[]']` values, when present. */
  match?: string[];
  targets: PrometheusTarget[];
  /** Every `cluster` label of its static configs, as cluster references. */
  clusterLabels: ClusterRef[];
}

export interface TopologyModel {
  docs: SourceDoc[];
  topologies: TopologyDecl[];
  clusters: ClusterDecl[];
  clustersByName: Map<string, ClusterDecl[]>;
  /** At least one `topology:` document was given (cluster references are checkable). */
  hasTopology: boolean;
  pipelines: PipelineDecl[];
  networking: NetworkingDecl[];
  kubefed: KubefedDecl[];
  istioOperators: IstioOperatorDecl[];
  istioGateways: IstioGatewayDecl[];
  coredns: CorednsDecl[];
  prometheusJobs: PrometheusJob[];
  /** Every reference to a cluster by name outside its declaration. */
  clusterRefs: ClusterRef[];
  /** Documents of one kind. */
  docsOf(kind: DocKind): SourceDoc[];
  /** YAML problems found while parsing (broken documents are not in `docs`). */
  syntaxProblems: { file: string; range: Range; message: string; severity: Severity }[];
}

export interface ReportInput {
  /** The document of the finding; or give `file` and `range` for findings outside any document. */
  src?: SourceDoc;
  file?: string;
  /** The node (or pair) the finding is about; with `path`, the start of the path. Default: the document root. */
  node?: Node | Pair | null;
  /** A path below `node` (map keys, sequence indexes); resolves as far as it exists. */
  path?: (string | number)[];
  /** For pairs and paths ending in a map key: report on the key or its value (default `value`). */
  at?: 'key' | 'value';
  /** An exact range, overriding node/path (e.g. a line inside a block scalar). */
  range?: Range;
  message: string;
  /** Overrides the rule's default severity for this finding (the config still wins). */
  severity?: Severity;
  related?: { src?: SourceDoc; file?: string; node?: Node | Pair | null; range?: Range; message: string }[];
  fix?: Fix;
}

export interface RuleContext {
  model: TopologyModel;
  /** Lint options as given to `lintDocuments`. */
  options: LintOptions;
  report(d: ReportInput): void;
  /** The range of a node or pair (key or value), for building fixes. */
  rangeOf(src: SourceDoc, node: Node | Pair | null | undefined, at?: 'key' | 'value'): Range;
  /** Did-you-mean: the closest candidate, if close enough. */
  suggest(name: string, candidates: Iterable<string>): string | undefined;
}

export interface Rule {
  id: string;
  severity: Severity;
  /** One line. */
  description: string;
  /** 'docs/rules/<id>.md' */
  docs: string;
  check(ctx: RuleContext): void;
}

export type RuleSetting = Severity | 'off';

export interface LintConfig {
  /** Per-rule severity override or `off`. */
  rules: Record<string, RuleSetting>;
  /** The config file, when read from one. */
  file?: string;
}

export interface LintOptions {
  config?: LintConfig;
  /** kubeconfig context names; enables `missing-context`. */
  contexts?: string[];
  /** Files larger than this are not parsed (default 4 MiB). */
  maxFileBytes?: number;
  /** The rules to run (default: the registry). */
  rules?: Rule[];
}

export interface LintFile {
  path: string;
  /** Text, or raw bytes (decoded as UTF-8; invalid UTF-8 becomes a diagnostic). */
  text: string | Uint8Array;
}

export type { YAMLMap, YAMLSeq, Scalar, Node, Pair };
