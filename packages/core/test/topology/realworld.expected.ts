/**
 * What the linter must report on the real-world corpus (see realworld.test.ts). A case that is not listed
 * must give no finding. Each finding is `file:line:column severity rule: message`, with the reason it
 * is right above it (the rule's docs page, docs/rules/<id>.md, says what the rule checks and which
 * upstream behaviour it relies on). Issue 21's false positives are the unlisted cases that must stay
 * clean, among them:
 * - corpus/decoys-networking-root/*: kind cluster configs with `networking:` (item 1);
 * - corpus/kubefed/example_sample1_federateddeployment.yaml, hostile/h31 and h33: overrides applied
 *   as one ordered JSON Patch after name/namespace are set (item 2);
 * - corpus/prometheus/dwp/…-master.tpl.yaml: one federated server, nothing can collide (item 3);
 * - hostile/h15-corefile-env-subst.yaml: CoreDNS {$ENV} substitution (item 4);
 * - hostile/h24-prom-merge-keys.yaml: params and honor_labels through `<<:` (item 6);
 * - group:hostile/h34-two-meshes: two meshIDs with their own trust domains (item 7).
 */
export const expected: Record<string, string[]> = {
  'file:corpus/coredns/aks-docs/6-override-block.yaml': [
    // AKS docs write `override-block.server:` without `|`: YAML folds the Corefile to one line (docs/rules/corefile-syntax.md, item 9). A true positive in the upstream docs.
    'corpus/coredns/aks-docs/6-override-block.yaml:8:8 error corefile-syntax: override-block.server: the Corefile is a plain scalar without line breaks, so YAML joins its lines into one and CoreDNS reads every directive as arguments of the first; write the key with | (a literal block) to keep the lines; CoreDNS refuses to load this Corefile.',
  ],
  'file:corpus/coredns/coredns-deployment/kubernetes_coredns.yaml.sed': [
    // coredns/deployment's sed template: UPSTREAMNAMESERVER is a placeholder deploy.sh replaces. Linted as written it is a host name, which forward rejects (docs/rules/dns-forward.md); right for the file as it stands.
    'corpus/coredns/coredns-deployment/kubernetes_coredns.yaml.sed:66:19 error dns-forward: forward target "UPSTREAMNAMESERVER" in zone .:53 (Corefile) is a host name, which forward does not resolve; CoreDNS needs IP[:port] or tls://IP, so use the upstream\'s IP address (e.g. 10.0.0.10 or 10.0.0.10:5353).',
    // Same template: `}STUBDOMAINS` leaves a word after the last block; without the sed step CoreDNS reads a second server block with no `{` (docs/rules/corefile-syntax.md).
    'corpus/coredns/coredns-deployment/kubernetes_coredns.yaml.sed:73:6 error corefile-syntax: Corefile: server block without `{`; CoreDNS refuses to load this Corefile.',
  ],
  'file:corpus/coredns/istio.io-legacy/3-coredns-after-1.4.yaml': [
    // istio.io heredoc kept as written: the $(kubectl …) substitution is unexpanded. One finding for the line, naming it as a shell substitution (item 14), not 8.
    'corpus/coredns/istio.io-legacy/3-coredns-after-1.4.yaml:27:19 error dns-forward: forward in zone global:53 (Corefile) has "$(kubectl get svc -n istio-system istiocoredns -o jsonpath={.spec.clusterIP}):53" as upstream, which looks like an unexpanded shell substitution; run the command and write its output (the upstream\'s IP address) into the Corefile.',
  ],
  'file:corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml': [
    // Istio's benchmark input is a Go template ({{- range $i … }}): not YAML until rendered. One finding saying so instead of 20 parser errors.
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:22:1 error yaml-syntax: this looks like a Go template ({{ … }}), which is not YAML until rendered; lint the rendered output instead (e.g. helm template … | kubectl mc lint -)',
  ],
  'file:corpus/istio/gateway/pkg_config_analysis_analyzers_testdata_gateway-secrets.yaml': [
    // Istio's analyzer test data: a SIMPLE server without credentialName(s), serverCertificate or tlsCertificates, which Istio's Gateway validation rejects (docs/rules/gateway-tls.md).
    'corpus/istio/gateway/pkg_config_analysis_analyzers_testdata_gateway-secrets.yaml:103:13 error gateway-tls: server "https" uses tls.mode SIMPLE without credentialName, so the gateway has no certificate to serve; add credentialName with the name of the secret holding the certificate.',
  ],
  'file:corpus/kubefed/history/example_sample1_federateddeployment.v1beta1-kubefed.k8s.io.yaml': [
    // KubeFed's sample1 from before the group rename (types.kubefed.k8s.io); v0.1.0+ serves only types.kubefed.io (item 12, docs/rules/kubefed-api-group.md).
    'corpus/kubefed/history/example_sample1_federateddeployment.v1beta1-kubefed.k8s.io.yaml:1:13 warning kubefed-api-group: apiVersion "types.kubefed.k8s.io/v1beta1" is KubeFed\'s API group before v0.1.0; KubeFed v0.1.0 and later serve only types.kubefed.io, so this FederatedDeployment is refused and never propagated; use apiVersion: types.kubefed.io/v1beta1, with override paths as JSON Pointers (/spec/replicas, not spec.replicas).',
  ],
  'file:corpus/kubefed/history/example_sample1_federatedservice.v1beta1-kubefed.k8s.io.yaml': [
    // KubeFed's sample1 from before the group rename (types.kubefed.k8s.io); v0.1.0+ serves only types.kubefed.io (item 12, docs/rules/kubefed-api-group.md).
    'corpus/kubefed/history/example_sample1_federatedservice.v1beta1-kubefed.k8s.io.yaml:1:13 warning kubefed-api-group: apiVersion "types.kubefed.k8s.io/v1beta1" is KubeFed\'s API group before v0.1.0; KubeFed v0.1.0 and later serve only types.kubefed.io, so this FederatedService is refused and never propagated; use apiVersion: types.kubefed.io/v1beta1, with override paths as JSON Pointers (/spec/replicas, not spec.replicas).',
  ],
  'file:corpus/kubefed/kairen/8-create-nginx-fdeploy.yaml': [
    // kairen/aws-k8s-federation uses the pre-v0.1.0 group with dotted override paths; reported once, paths not checked as JSON Pointers (item 12).
    'corpus/kubefed/kairen/8-create-nginx-fdeploy.yaml:1:13 warning kubefed-api-group: apiVersion "types.kubefed.k8s.io/v1beta1" is KubeFed\'s API group before v0.1.0; KubeFed v0.1.0 and later serve only types.kubefed.io, so this FederatedDeployment is refused and never propagated; use apiVersion: types.kubefed.io/v1beta1, with override paths as JSON Pointers (/spec/replicas, not spec.replicas).',
  ],
  'file:corpus/prometheus/docs/federation.md.yaml': [
    // Prometheus' federation example federates three servers in one unlabelled target group. A warning, not an error: the sources' external_labels may tell them apart, which this file cannot show (item 3, docs/rules/federate-cluster-label.md).
    'corpus/prometheus/docs/federation.md.yaml:14:9 warning federate-cluster-label: target group of federation job "federate" (source-prometheus-1:9090, source-prometheus-2:9090, source-prometheus-3:9090) has no cluster label; this Prometheus federates 3 servers, whose series collide unless each source sets a distinct cluster in global.external_labels (not visible here); add labels: {cluster: <cluster name>}, one target group per cluster.',
  ],
  'file:corpus/prometheus/interview-guide/19-federation.yaml': [
    // Two source servers in one target group without a cluster label: a warning for the same reason (item 3).
    'corpus/prometheus/interview-guide/19-federation.yaml:8:5 warning federate-cluster-label: target group of federation job "federate" (prometheus-cluster1:9090, prometheus-cluster2:9090) has no cluster label; this Prometheus federates 2 servers, whose series collide unless each source sets a distinct cluster in global.external_labels (not visible here); add labels: {cluster: <cluster name>}, one target group per cluster.',
  ],
  'file:corpus/prometheus/prometheus/config_testdata_conf.good.yml': [
    // Prometheus' config test data job `badfederation` scrapes /federate without honor_labels: true, so job/instance become exported_* (docs/rules/federate-honor-labels.md). Valid config syntax, wrong federation.
    'corpus/prometheus/prometheus/config_testdata_conf.good.yml:308:19 warning federate-honor-labels: federation job "badfederation" does not set honor_labels: true, so the federated job and instance labels are overwritten (renamed to exported_*); set honor_labels: true.',
    // `badfederation` has no params match[]: /federate returns no series without a selector (docs/rules/federate-match.md). The single target is not a cluster-label finding any more (item 3).
    "corpus/prometheus/prometheus/config_testdata_conf.good.yml:308:19 error federate-match: federation job \"badfederation\" has no params['match[]'], so /federate returns no series and this cluster's metrics are silently missing; add params: {'match[]': ['{job=~\".+\"}']} (or the selectors you need).",
  ],
  'file:corpus/prometheus/prometheus/config_testdata_jobname_dup.bad.yml': [
    // Prometheus' own test of a duplicate job_name, which it refuses to load (docs/rules/duplicate-job.md); the hint no longer says federate-<region> for a plain job (item 19).
    'corpus/prometheus/prometheus/config_testdata_jobname_dup.bad.yml:7:15 error duplicate-job: job_name "prometheus" is already used by the job at line 5, and Prometheus refuses duplicate job names; rename this job (e.g. prometheus-2).',
  ],
  'file:corpus/prometheus/prometheus/config_testdata_section_key_dup.bad.yml': [
    // Prometheus' own test of a repeated scrape_configs key (docs/rules/duplicate-key.md).
    'corpus/prometheus/prometheus/config_testdata_section_key_dup.bad.yml:4:1 error duplicate-key: duplicate key "scrape_configs" (first at line 1); the later value silently replaces the earlier one',
  ],
  'file:hostile/h01-trunc-kubefed.yaml': [
    // The file is cut right after `- path: "/spec/replicas"`: an override without value, which KubeFed would send as null (item 12).
    'hostile/h01-trunc-kubefed.yaml:31:13 error override-path: override replace of "/spec/replicas" for cluster "cluster2" has no value, so KubeFed sets the field to null; give a value, or use op: remove to delete the field.',
  ],
  'file:hostile/h02-trunc-corefile-mid-block.yaml': [
    // Corefile cut mid-block (first 300 bytes): the server block is never closed (item 8).
    'hostile/h02-trunc-corefile-mid-block.yaml:8:10 error corefile-syntax: Corefile: server block is not closed with `}`; CoreDNS refuses to load this Corefile.',
  ],
  'file:hostile/h04-tabs-iop.yaml': [
    // Tabs as indentation are not YAML (docs/rules/yaml-syntax.md); one per offending line.
    'hostile/h04-tabs-iop.yaml:4:1 error yaml-syntax: Tabs are not allowed as indentation',
    // Tabs as indentation are not YAML (docs/rules/yaml-syntax.md); one per offending line.
    'hostile/h04-tabs-iop.yaml:5:1 error yaml-syntax: Tabs are not allowed as indentation',
    // Tabs as indentation are not YAML (docs/rules/yaml-syntax.md); one per offending line.
    'hostile/h04-tabs-iop.yaml:6:1 error yaml-syntax: Tabs are not allowed as indentation',
    // Tabs as indentation are not YAML (docs/rules/yaml-syntax.md); one per offending line.
    'hostile/h04-tabs-iop.yaml:7:1 error yaml-syntax: Tabs are not allowed as indentation',
    // Tabs as indentation are not YAML (docs/rules/yaml-syntax.md); one per offending line.
    'hostile/h04-tabs-iop.yaml:8:1 error yaml-syntax: Tabs are not allowed as indentation',
    // Tabs as indentation are not YAML (docs/rules/yaml-syntax.md); one per offending line.
    'hostile/h04-tabs-iop.yaml:9:1 error yaml-syntax: Tabs are not allowed as indentation',
  ],
  'file:hostile/h05-tabs-in-corefile.yaml': [
    // A tab-indented block scalar body is not valid YAML; the parser's errors at the first such line (docs/rules/yaml-syntax.md).
    'hostile/h05-tabs-in-corefile.yaml:8:1 error yaml-syntax: Block scalar values in collections must be indented',
    // A tab-indented block scalar body is not valid YAML; the parser's errors at the first such line (docs/rules/yaml-syntax.md).
    'hostile/h05-tabs-in-corefile.yaml:8:1 error yaml-syntax: Block scalars with more-indented leading empty lines must use an explicit indentation indicator',
    // A tab-indented block scalar body is not valid YAML; the parser's errors at the first such line (docs/rules/yaml-syntax.md).
    'hostile/h05-tabs-in-corefile.yaml:8:2 error yaml-syntax: Implicit keys need to be on a single line',
    // A tab-indented block scalar body is not valid YAML; the parser's errors at the first such line (docs/rules/yaml-syntax.md).
    'hostile/h05-tabs-in-corefile.yaml:8:2 error yaml-syntax: Implicit map keys need to be followed by map values',
  ],
  'file:hostile/h06-dupkey-placement.yaml': [
    // A second `placement:` silently replaces the first (docs/rules/duplicate-key.md). The override list itself is valid (item 2).
    'hostile/h06-dupkey-placement.yaml:28:3 error duplicate-key: duplicate key "placement" (first at line 24); the later value silently replaces the earlier one',
  ],
  'file:hostile/h07-dupkey-clustername.yaml': [
    // A second `clusterName:` (docs/rules/duplicate-key.md).
    'hostile/h07-dupkey-clustername.yaml:9:9 error duplicate-key: duplicate key "clusterName" (first at line 8); the later value silently replaces the earlier one',
  ],
  'file:hostile/h08-billion-laughs.yaml': [
    // Alias bomb: not expanded, reported at the first alias whose anchor holds aliases, not 1:1 (item 16).
    'hostile/h08-billion-laughs.yaml:9:14 error yaml-syntax: too many alias expansions (more than 100); a YAML bomb is not linted',
  ],
  'file:hostile/h12-latin1.yaml': [
    // Latin-1 byte 0xE9 in a comment on line 11: reported at that byte, not 1:1 (item 16).
    'hostile/h12-latin1.yaml:11:49 error yaml-syntax: file is not valid UTF-8 (invalid byte at offset 298)',
  ],
  'file:hostile/h13-nul.yaml': [
    // A NUL byte at offset 100: binary content (docs/rules/yaml-syntax.md).
    'hostile/h13-nul.yaml:5:10 error yaml-syntax: file contains the control character U+0000; binary content is not YAML',
  ],
  'file:hostile/h16-corefile-unclosed-block.yaml': [
    // The second server block is never closed (item 8).
    'hostile/h16-corefile-unclosed-block.yaml:13:21 error corefile-syntax: Corefile: server block is not closed with `}`; CoreDNS refuses to load this Corefile.',
  ],
  'file:hostile/h18-corefile-comma-zones.yaml': [
    // A zone forwarding to another cluster's registry caches for 300 s, over the 30 s failover bound (docs/rules/dns-cache-ttl.md); comma-separated zones are read as one block.
    'hostile/h18-corefile-comma-zones.yaml:10:15 warning dns-cache-ttl: cache 300 on failover zone consul.local:53, consul.internal:53 (Corefile) keeps answers for up to 300 s, so traffic keeps going to a failed cluster that long; lower it to 30 or less (cache 30).',
  ],
  'file:hostile/h22-corefile-bad-upstreams.yaml': [
    // Bad upstreams on purpose: 10.150.0.1.5 and 256.1.1.1 are not IPs, example.com:53 is a host name (docs/rules/dns-forward.md).
    'hostile/h22-corefile-bad-upstreams.yaml:10:30 error dns-forward: forward target "10.150.0.1.5" in zone consul.local:53 (Corefile) is not an IP address; CoreDNS needs IP[:port] or tls://IP, so use the upstream\'s IP address (e.g. 10.0.0.10 or 10.0.0.10:5353).',
    // Bad upstreams on purpose: 10.150.0.1.5 and 256.1.1.1 are not IPs, example.com:53 is a host name (docs/rules/dns-forward.md).
    'hostile/h22-corefile-bad-upstreams.yaml:10:43 error dns-forward: forward target "256.1.1.1" in zone consul.local:53 (Corefile) is not an IP address; CoreDNS needs IP[:port] or tls://IP, so use the upstream\'s IP address (e.g. 10.0.0.10 or 10.0.0.10:5353).',
    // Bad upstreams on purpose: 10.150.0.1.5 and 256.1.1.1 are not IPs, example.com:53 is a host name (docs/rules/dns-forward.md).
    'hostile/h22-corefile-bad-upstreams.yaml:10:53 error dns-forward: forward target "example.com:53" in zone consul.local:53 (Corefile) is a host name, which forward does not resolve; CoreDNS needs IP[:port] or tls://IP, so use the upstream\'s IP address (e.g. 10.0.0.10 or 10.0.0.10:5353).',
  ],
  'file:hostile/h23-gateway-credentialNames.yaml': [
    // OPTIONAL_MUTUAL without any certificate, which Istio rejects (item 11); the SIMPLE server with credentialNames is fine (item 5).
    'hostile/h23-gateway-credentialNames.yaml:25:13 error gateway-tls: server "https-opt" uses tls.mode OPTIONAL_MUTUAL without credentialName, so the gateway has no certificate to serve; add credentialName with the name of the secret holding the certificate and CA.',
  ],
  'file:hostile/h25-deep.yaml': [
    // Nesting beyond 200 levels is not linted (docs/rules/yaml-syntax.md).
    'hostile/h25-deep.yaml:200:1 error yaml-syntax: YAML is nested deeper than 200 levels; not linted',
  ],
  'file:hostile/h29-raw-Corefile': [
    // A raw Corefile given to the linter: one finding saying what it is and that it belongs in a ConfigMap, at its first server block, not YAML parser jargon (item 15).
    'hostile/h29-raw-Corefile:5:1 error yaml-syntax: this looks like a raw CoreDNS Corefile, not YAML; the linter reads a Corefile inside a ConfigMap (data: {Corefile: |, then the Corefile indented below it}), as Kubernetes deploys it',
  ],
  'file:hostile/h30-bom-crlf-finding.yaml': [
    // h18 with a BOM and CRLF line ends: the same finding at the same position.
    'hostile/h30-bom-crlf-finding.yaml:10:15 warning dns-cache-ttl: cache 300 on failover zone consul.local:53, consul.internal:53 (Corefile) keeps answers for up to 300 s, so traffic keeps going to a failed cluster that long; lower it to 30 or less (cache 30).',
  ],
  'file:hostile/h32-prom-configmap-federation-no-match.yaml': [
    // A federation job without match[] in the prometheus.yml of Istio's addon ConfigMap, now read (item 10), positioned in the file.
    "hostile/h32-prom-configmap-federation-no-match.yaml:45:21 error federate-match: federation job \"federate-cluster2\" has no params['match[]'], so /federate returns no series and this cluster's metrics are silently missing; add params: {'match[]': ['{job=~\".+\"}']} (or the selectors you need).",
  ],
  'file:hostile/h35-shape-fuzz.yaml': [
    // Shape fuzz: placement name 5 is a number, read as the cluster "5", which no topology declares.
    'hostile/h35-shape-fuzz.yaml:24:49 error unknown-cluster: KubeFed placement names cluster "5", which no topology declares',
    // Shape fuzz: each broken override entry is reported once (path not a pointer, quoted number, replace without value, empty path).
    'hostile/h35-shape-fuzz.yaml:27:31 error override-path: override path "5" does not start with "/"; write it as a JSON Pointer (e.g. /5).',
    // Shape fuzz: each broken override entry is reported once (path not a pointer, quoted number, replace without value, empty path).
    'hostile/h35-shape-fuzz.yaml:27:52 error override-path: override path "~2" does not start with "/"; write it as a JSON Pointer (e.g. /~2).',
    // Shape fuzz: each broken override entry is reported once (path not a pointer, quoted number, replace without value, empty path).
    'hostile/h35-shape-fuzz.yaml:27:91 error override-path: override value "3" for "/spec/replicas" must be a non-negative integer (a string: remove the quotes).',
    // Shape fuzz: each broken override entry is reported once (path not a pointer, quoted number, replace without value, empty path).
    'hostile/h35-shape-fuzz.yaml:27:104 error override-path: override replace of "/spec/replicas/0" has no value, so KubeFed sets the field to null; give a value, or use op: remove to delete the field.',
    // Shape fuzz: each broken override entry is reported once (path not a pointer, quoted number, replace without value, empty path).
    'hostile/h35-shape-fuzz.yaml:27:132 error override-path: override path "" is empty; it must start with "/" (e.g. /spec/replicas).',
    // Shape fuzz: a federation job with a numeric job_name and no honor_labels.
    'hostile/h35-shape-fuzz.yaml:42:19 warning federate-honor-labels: federation job 3 does not set honor_labels: true, so the federated job and instance labels are overwritten (renamed to exported_*); set honor_labels: true.',
    // Shape fuzz: the same job has no match[].
    "hostile/h35-shape-fuzz.yaml:43:5 error federate-match: federation job 3 has no params['match[]'], so /federate returns no series and this cluster's metrics are silently missing; add params: {'match[]': ['{job=~\".+\"}']} (or the selectors you need).",
    // Shape fuzz: an unknown tag (!custom) is a warning.
    'hostile/h35-shape-fuzz.yaml:52:13 warning yaml-syntax: Unresolved tag: !custom',
    // Shape fuzz: a Corefile key holding a quoted one-line string with braces (item 9).
    'hostile/h35-shape-fuzz.yaml:53:13 error corefile-syntax: z.server: the Corefile is a quoted string without line breaks, so YAML joins its lines into one and CoreDNS reads every directive as arguments of the first; write the key with | (a literal block) to keep the lines; CoreDNS refuses to load this Corefile.',
    // Shape fuzz: cluster a declared twice in one flow list.
    'hostile/h35-shape-fuzz.yaml:55:60 error duplicate-cluster: cluster "a" is already declared (hostile/h35-shape-fuzz.yaml:55)',
    // Shape fuzz: stages without validation.
    'hostile/h35-shape-fuzz.yaml:56:21 warning stage-without-validation: stage 1 has no validation, so the rollout proceeds whatever the error rate; add validation: with error_rate_threshold (or latency_p99_threshold) and duration.',
    // Shape fuzz: pipeline and networking entries of the wrong shape (our own schema).
    'hostile/h35-shape-fuzz.yaml:56:22 error schema: pipeline.stages.0 is missing the required key "name"',
    // Shape fuzz: pipeline and networking entries of the wrong shape (our own schema).
    'hostile/h35-shape-fuzz.yaml:56:31 error schema: pipeline.stages.0.cluster must be a string, not a list',
    // Shape fuzz: stages without validation.
    'hostile/h35-shape-fuzz.yaml:56:37 warning stage-without-validation: stage 2 has no validation, so the rollout proceeds whatever the error rate; add validation: with error_rate_threshold (or latency_p99_threshold) and duration.',
    // Shape fuzz: pipeline and networking entries of the wrong shape (our own schema).
    'hostile/h35-shape-fuzz.yaml:56:38 error schema: pipeline.stages.1 is missing the required key "name"',
    // Shape fuzz: pipeline and networking entries of the wrong shape (our own schema).
    'hostile/h35-shape-fuzz.yaml:56:48 error schema: pipeline.stages.1.clusters must be a list, not a mapping',
    // Shape fuzz: stages without validation.
    'hostile/h35-shape-fuzz.yaml:56:57 warning stage-without-validation: stage 3 has no validation, so the rollout proceeds whatever the error rate; add validation: with error_rate_threshold (or latency_p99_threshold) and duration.',
    // Shape fuzz: pipeline and networking entries of the wrong shape (our own schema).
    'hostile/h35-shape-fuzz.yaml:56:58 error schema: pipeline.stages.2 is missing the required key "name"',
    // Shape fuzz: traffic 150%.
    'hostile/h35-shape-fuzz.yaml:56:67 error invalid-percentage: stage 3: traffic 150% is outside 0-100%; use a share between 0% and 100%.',
    // Shape fuzz: a peering from v to v.
    'hostile/h35-shape-fuzz.yaml:57:82 error peer-self: VPC peering 1 connects "v" with itself; set destination to the other VPC of the peering.',
    // Shape fuzz: pipeline and networking entries of the wrong shape (our own schema).
    'hostile/h35-shape-fuzz.yaml:57:87 error schema: networking.vpc_peers.1 is missing the required key "destination"',
    // Shape fuzz: a peering from an undeclared VPC.
    'hostile/h35-shape-fuzz.yaml:57:95 error unknown-vpc: VPC peering source "nope" is not declared under vpcs:; correct the name or declare the VPC.',
  ],
  'file:hostile/h38-complex-key.yaml': [
    // A federation job without honor_labels; the complex key `? [a, b]` before it is read without a warning on stderr (item 17).
    'hostile/h38-complex-key.yaml:5:19 warning federate-honor-labels: federation job "x" does not set honor_labels: true, so the federated job and instance labels are overwritten (renamed to exported_*); set honor_labels: true.',
    // The same job has no match[] (docs/rules/federate-match.md).
    "hostile/h38-complex-key.yaml:5:19 error federate-match: federation job \"x\" has no params['match[]'], so /federate returns no series and this cluster's metrics are silently missing; add params: {'match[]': ['{job=~\".+\"}']} (or the selectors you need).",
  ],
};
