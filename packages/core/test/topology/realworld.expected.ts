/**
 * What the linter must report on the real-world corpus (see realworld.test.ts). A case that is not listed
 * must give no finding. Each finding is `file:line:column severity rule: message`, with the reason it
 * is right above it.
 */
export const expected: Record<string, string[]> = {
  'file:corpus/coredns/aks-docs/6-override-block.yaml': [
    // TODO
    'corpus/coredns/aks-docs/6-override-block.yaml:8:8 error corefile-syntax: override-block.server: the Corefile is a plain scalar without line breaks, so YAML joins its lines into one and CoreDNS reads every directive as arguments of the first; write the key with | (a literal block) to keep the lines; CoreDNS refuses to load this Corefile.',
  ],
  'file:corpus/coredns/coredns-deployment/kubernetes_coredns.yaml.sed': [
    // TODO
    'corpus/coredns/coredns-deployment/kubernetes_coredns.yaml.sed:66:19 error dns-forward: forward target "UPSTREAMNAMESERVER" in zone .:53 (Corefile) is a host name, which forward does not resolve; CoreDNS needs IP[:port] or tls://IP, so use the upstream\'s IP address (e.g. 10.0.0.10 or 10.0.0.10:5353).',
    // TODO
    'corpus/coredns/coredns-deployment/kubernetes_coredns.yaml.sed:73:6 error corefile-syntax: Corefile: server block without `{`; CoreDNS refuses to load this Corefile.',
  ],
  'file:corpus/coredns/istio.io-legacy/3-coredns-after-1.4.yaml': [
    // TODO
    'corpus/coredns/istio.io-legacy/3-coredns-after-1.4.yaml:27:19 error dns-forward: forward in zone global:53 (Corefile) has "$(kubectl get svc -n istio-system istiocoredns -o jsonpath={.spec.clusterIP}):53" as upstream, which looks like an unexpanded shell substitution; run the command and write its output (the upstream\'s IP address) into the Corefile.',
  ],
  'file:corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml': [
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:22:3 error yaml-syntax: Block collections are not allowed within flow collections',
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:22:5 error yaml-syntax: Missing , or : between flow map items',
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:23:1 error yaml-syntax: Unexpected scalar at node end',
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:23:11 error yaml-syntax: Unexpected map-value-ind token in YAML stream: ":"',
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:23:13 error yaml-syntax: Unexpected scalar token in YAML stream: "networking.istio.io/v1"',
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:24:1 error yaml-syntax: Unexpected scalar token in YAML stream: "kind"',
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:24:5 error yaml-syntax: Unexpected map-value-ind token in YAML stream: ":"',
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:24:7 error yaml-syntax: Unexpected scalar token in YAML stream: "VirtualService"',
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:25:1 error yaml-syntax: Unexpected scalar token in YAML stream: "metadata"',
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:25:9 error yaml-syntax: Unexpected map-value-ind token in YAML stream: ":"',
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:26:3 error yaml-syntax: Unexpected scalar token in YAML stream: "name"',
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:26:7 error yaml-syntax: Unexpected map-value-ind token in YAML stream: ":"',
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:26:9 error yaml-syntax: Unexpected scalar token in YAML stream: "vs-{{$i}}"',
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:27:3 error yaml-syntax: Unexpected scalar token in YAML stream: "namespace"',
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:27:12 error yaml-syntax: Unexpected map-value-ind token in YAML stream: ":"',
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:27:14 error yaml-syntax: Unexpected scalar token in YAML stream: "gateway"',
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:28:1 error yaml-syntax: Unexpected scalar token in YAML stream: "spec"',
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:28:5 error yaml-syntax: Unexpected map-value-ind token in YAML stream: ":"',
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:29:3 error yaml-syntax: Unexpected scalar token in YAML stream: "hosts"',
    // TODO
    'corpus/istio/gateway/pilot_pkg_xds_testdata_benchmarks_gateways.yaml:29:8 error yaml-syntax: Unexpected map-value-ind token in YAML stream: ":"',
  ],
  'file:corpus/istio/gateway/pkg_config_analysis_analyzers_testdata_gateway-secrets.yaml': [
    // TODO
    'corpus/istio/gateway/pkg_config_analysis_analyzers_testdata_gateway-secrets.yaml:103:13 error gateway-tls: server "https" uses tls.mode SIMPLE without credentialName, so the gateway has no certificate to serve; add credentialName with the name of the secret holding the certificate.',
  ],
  'file:corpus/kubefed/history/example_sample1_federateddeployment.v1beta1-kubefed.k8s.io.yaml': [
    // TODO
    'corpus/kubefed/history/example_sample1_federateddeployment.v1beta1-kubefed.k8s.io.yaml:1:13 warning kubefed-api-group: apiVersion "types.kubefed.k8s.io/v1beta1" is KubeFed\'s API group before v0.1.0; KubeFed v0.1.0 and later serve only types.kubefed.io, so this FederatedDeployment is refused and never propagated; use apiVersion: types.kubefed.io/v1beta1, with override paths as JSON Pointers (/spec/replicas, not spec.replicas).',
  ],
  'file:corpus/kubefed/history/example_sample1_federatedservice.v1beta1-kubefed.k8s.io.yaml': [
    // TODO
    'corpus/kubefed/history/example_sample1_federatedservice.v1beta1-kubefed.k8s.io.yaml:1:13 warning kubefed-api-group: apiVersion "types.kubefed.k8s.io/v1beta1" is KubeFed\'s API group before v0.1.0; KubeFed v0.1.0 and later serve only types.kubefed.io, so this FederatedService is refused and never propagated; use apiVersion: types.kubefed.io/v1beta1, with override paths as JSON Pointers (/spec/replicas, not spec.replicas).',
  ],
  'file:corpus/kubefed/kairen/8-create-nginx-fdeploy.yaml': [
    // TODO
    'corpus/kubefed/kairen/8-create-nginx-fdeploy.yaml:1:13 warning kubefed-api-group: apiVersion "types.kubefed.k8s.io/v1beta1" is KubeFed\'s API group before v0.1.0; KubeFed v0.1.0 and later serve only types.kubefed.io, so this FederatedDeployment is refused and never propagated; use apiVersion: types.kubefed.io/v1beta1, with override paths as JSON Pointers (/spec/replicas, not spec.replicas).',
  ],
  'file:corpus/prometheus/docs/federation.md.yaml': [
    // TODO
    'corpus/prometheus/docs/federation.md.yaml:14:9 warning federate-cluster-label: target group of federation job "federate" (source-prometheus-1:9090, source-prometheus-2:9090, source-prometheus-3:9090) has no cluster label; this Prometheus federates 3 servers, whose series collide unless each source sets a distinct cluster in global.external_labels (not visible here); add labels: {cluster: <cluster name>}, one target group per cluster.',
  ],
  'file:corpus/prometheus/interview-guide/19-federation.yaml': [
    // TODO
    'corpus/prometheus/interview-guide/19-federation.yaml:8:5 warning federate-cluster-label: target group of federation job "federate" (prometheus-cluster1:9090, prometheus-cluster2:9090) has no cluster label; this Prometheus federates 2 servers, whose series collide unless each source sets a distinct cluster in global.external_labels (not visible here); add labels: {cluster: <cluster name>}, one target group per cluster.',
  ],
  'file:corpus/prometheus/prometheus/config_testdata_conf.good.yml': [
    // TODO
    'corpus/prometheus/prometheus/config_testdata_conf.good.yml:308:19 warning federate-honor-labels: federation job "badfederation" does not set honor_labels: true, so the federated job and instance labels are overwritten (renamed to exported_*); set honor_labels: true.',
    // TODO
    "corpus/prometheus/prometheus/config_testdata_conf.good.yml:308:19 error federate-match: federation job \"badfederation\" has no params['match[]'], so /federate returns no series and this cluster's metrics are silently missing; add params: {'match[]': ['{job=~\".+\"}']} (or the selectors you need).",
  ],
  'file:corpus/prometheus/prometheus/config_testdata_jobname_dup.bad.yml': [
    // TODO
    'corpus/prometheus/prometheus/config_testdata_jobname_dup.bad.yml:7:15 error duplicate-job: job_name "prometheus" is already used by the job at line 5, and Prometheus refuses duplicate job names; rename this job (e.g. prometheus-2).',
  ],
  'file:corpus/prometheus/prometheus/config_testdata_section_key_dup.bad.yml': [
    // TODO
    'corpus/prometheus/prometheus/config_testdata_section_key_dup.bad.yml:4:1 error duplicate-key: duplicate key "scrape_configs" (first at line 1); the later value silently replaces the earlier one',
  ],
  'file:hostile/h01-trunc-kubefed.yaml': [
    // TODO
    'hostile/h01-trunc-kubefed.yaml:31:13 error override-path: override replace of "/spec/replicas" for cluster "cluster2" has no value, so KubeFed sets the field to null; give a value, or use op: remove to delete the field.',
  ],
  'file:hostile/h02-trunc-corefile-mid-block.yaml': [
    // TODO
    'hostile/h02-trunc-corefile-mid-block.yaml:8:10 error corefile-syntax: Corefile: server block is not closed with `}`; CoreDNS refuses to load this Corefile.',
  ],
  'file:hostile/h04-tabs-iop.yaml': [
    // TODO
    'hostile/h04-tabs-iop.yaml:4:1 error yaml-syntax: Tabs are not allowed as indentation',
    // TODO
    'hostile/h04-tabs-iop.yaml:5:1 error yaml-syntax: Tabs are not allowed as indentation',
    // TODO
    'hostile/h04-tabs-iop.yaml:6:1 error yaml-syntax: Tabs are not allowed as indentation',
    // TODO
    'hostile/h04-tabs-iop.yaml:7:1 error yaml-syntax: Tabs are not allowed as indentation',
    // TODO
    'hostile/h04-tabs-iop.yaml:8:1 error yaml-syntax: Tabs are not allowed as indentation',
    // TODO
    'hostile/h04-tabs-iop.yaml:9:1 error yaml-syntax: Tabs are not allowed as indentation',
  ],
  'file:hostile/h05-tabs-in-corefile.yaml': [
    // TODO
    'hostile/h05-tabs-in-corefile.yaml:8:1 error yaml-syntax: Block scalar values in collections must be indented',
    // TODO
    'hostile/h05-tabs-in-corefile.yaml:8:1 error yaml-syntax: Block scalars with more-indented leading empty lines must use an explicit indentation indicator',
    // TODO
    'hostile/h05-tabs-in-corefile.yaml:8:2 error yaml-syntax: Implicit keys need to be on a single line',
    // TODO
    'hostile/h05-tabs-in-corefile.yaml:8:2 error yaml-syntax: Implicit map keys need to be followed by map values',
  ],
  'file:hostile/h06-dupkey-placement.yaml': [
    // TODO
    'hostile/h06-dupkey-placement.yaml:28:3 error duplicate-key: duplicate key "placement" (first at line 24); the later value silently replaces the earlier one',
  ],
  'file:hostile/h07-dupkey-clustername.yaml': [
    // TODO
    'hostile/h07-dupkey-clustername.yaml:9:9 error duplicate-key: duplicate key "clusterName" (first at line 8); the later value silently replaces the earlier one',
  ],
  'file:hostile/h08-billion-laughs.yaml': [
    // TODO
    'hostile/h08-billion-laughs.yaml:9:14 error yaml-syntax: too many alias expansions (more than 100); a YAML bomb is not linted',
  ],
  'file:hostile/h12-latin1.yaml': [
    // TODO
    'hostile/h12-latin1.yaml:11:49 error yaml-syntax: file is not valid UTF-8 (invalid byte at offset 298)',
  ],
  'file:hostile/h13-nul.yaml': [
    // TODO
    'hostile/h13-nul.yaml:5:10 error yaml-syntax: file contains the control character U+0000; binary content is not YAML',
  ],
  'file:hostile/h16-corefile-unclosed-block.yaml': [
    // TODO
    'hostile/h16-corefile-unclosed-block.yaml:13:21 error corefile-syntax: Corefile: server block is not closed with `}`; CoreDNS refuses to load this Corefile.',
  ],
  'file:hostile/h18-corefile-comma-zones.yaml': [
    // TODO
    'hostile/h18-corefile-comma-zones.yaml:10:15 warning dns-cache-ttl: cache 300 on failover zone consul.local:53, consul.internal:53 (Corefile) keeps answers for up to 300 s, so traffic keeps going to a failed cluster that long; lower it to 30 or less (cache 30).',
  ],
  'file:hostile/h22-corefile-bad-upstreams.yaml': [
    // TODO
    'hostile/h22-corefile-bad-upstreams.yaml:10:30 error dns-forward: forward target "10.150.0.1.5" in zone consul.local:53 (Corefile) is not an IP address; CoreDNS needs IP[:port] or tls://IP, so use the upstream\'s IP address (e.g. 10.0.0.10 or 10.0.0.10:5353).',
    // TODO
    'hostile/h22-corefile-bad-upstreams.yaml:10:43 error dns-forward: forward target "256.1.1.1" in zone consul.local:53 (Corefile) is not an IP address; CoreDNS needs IP[:port] or tls://IP, so use the upstream\'s IP address (e.g. 10.0.0.10 or 10.0.0.10:5353).',
    // TODO
    'hostile/h22-corefile-bad-upstreams.yaml:10:53 error dns-forward: forward target "example.com:53" in zone consul.local:53 (Corefile) is a host name, which forward does not resolve; CoreDNS needs IP[:port] or tls://IP, so use the upstream\'s IP address (e.g. 10.0.0.10 or 10.0.0.10:5353).',
  ],
  'file:hostile/h23-gateway-credentialNames.yaml': [
    // TODO
    'hostile/h23-gateway-credentialNames.yaml:25:13 error gateway-tls: server "https-opt" uses tls.mode OPTIONAL_MUTUAL without credentialName, so the gateway has no certificate to serve; add credentialName with the name of the secret holding the certificate and CA.',
  ],
  'file:hostile/h25-deep.yaml': [
    // TODO
    'hostile/h25-deep.yaml:200:1 error yaml-syntax: YAML is nested deeper than 200 levels; not linted',
  ],
  'file:hostile/h29-raw-Corefile': [
    // TODO
    'hostile/h29-raw-Corefile:5:1 error yaml-syntax: this looks like a raw CoreDNS Corefile, not YAML; the linter reads a Corefile inside a ConfigMap (data: {Corefile: |, then the Corefile indented below it}), as Kubernetes deploys it',
  ],
  'file:hostile/h30-bom-crlf-finding.yaml': [
    // TODO
    'hostile/h30-bom-crlf-finding.yaml:10:15 warning dns-cache-ttl: cache 300 on failover zone consul.local:53, consul.internal:53 (Corefile) keeps answers for up to 300 s, so traffic keeps going to a failed cluster that long; lower it to 30 or less (cache 30).',
  ],
  'file:hostile/h32-prom-configmap-federation-no-match.yaml': [
    // TODO
    "hostile/h32-prom-configmap-federation-no-match.yaml:45:21 error federate-match: federation job \"federate-cluster2\" has no params['match[]'], so /federate returns no series and this cluster's metrics are silently missing; add params: {'match[]': ['{job=~\".+\"}']} (or the selectors you need).",
  ],
  'file:hostile/h35-shape-fuzz.yaml': [
    // TODO
    'hostile/h35-shape-fuzz.yaml:24:49 error unknown-cluster: KubeFed placement names cluster "5", which no topology declares',
    // TODO
    'hostile/h35-shape-fuzz.yaml:27:31 error override-path: override path "5" does not start with "/"; write it as a JSON Pointer (e.g. /5).',
    // TODO
    'hostile/h35-shape-fuzz.yaml:27:52 error override-path: override path "~2" does not start with "/"; write it as a JSON Pointer (e.g. /~2).',
    // TODO
    'hostile/h35-shape-fuzz.yaml:27:91 error override-path: override value "3" for "/spec/replicas" must be a non-negative integer (a string: remove the quotes).',
    // TODO
    'hostile/h35-shape-fuzz.yaml:27:104 error override-path: override replace of "/spec/replicas/0" has no value, so KubeFed sets the field to null; give a value, or use op: remove to delete the field.',
    // TODO
    'hostile/h35-shape-fuzz.yaml:27:132 error override-path: override path "" is empty; it must start with "/" (e.g. /spec/replicas).',
    // TODO
    'hostile/h35-shape-fuzz.yaml:42:19 warning federate-honor-labels: federation job 3 does not set honor_labels: true, so the federated job and instance labels are overwritten (renamed to exported_*); set honor_labels: true.',
    // TODO
    "hostile/h35-shape-fuzz.yaml:43:5 error federate-match: federation job 3 has no params['match[]'], so /federate returns no series and this cluster's metrics are silently missing; add params: {'match[]': ['{job=~\".+\"}']} (or the selectors you need).",
    // TODO
    'hostile/h35-shape-fuzz.yaml:52:13 warning yaml-syntax: Unresolved tag: !custom',
    // TODO
    'hostile/h35-shape-fuzz.yaml:53:13 error corefile-syntax: z.server: the Corefile is a quoted string without line breaks, so YAML joins its lines into one and CoreDNS reads every directive as arguments of the first; write the key with | (a literal block) to keep the lines; CoreDNS refuses to load this Corefile.',
    // TODO
    'hostile/h35-shape-fuzz.yaml:55:60 error duplicate-cluster: cluster "a" is already declared (hostile/h35-shape-fuzz.yaml:55)',
    // TODO
    'hostile/h35-shape-fuzz.yaml:56:21 warning stage-without-validation: stage 1 has no validation, so the rollout proceeds whatever the error rate; add validation: with error_rate_threshold (or latency_p99_threshold) and duration.',
    // TODO
    'hostile/h35-shape-fuzz.yaml:56:22 error schema: pipeline.stages.0 is missing the required key "name"',
    // TODO
    'hostile/h35-shape-fuzz.yaml:56:31 error schema: pipeline.stages.0.cluster must be a string, not a list',
    // TODO
    'hostile/h35-shape-fuzz.yaml:56:37 warning stage-without-validation: stage 2 has no validation, so the rollout proceeds whatever the error rate; add validation: with error_rate_threshold (or latency_p99_threshold) and duration.',
    // TODO
    'hostile/h35-shape-fuzz.yaml:56:38 error schema: pipeline.stages.1 is missing the required key "name"',
    // TODO
    'hostile/h35-shape-fuzz.yaml:56:48 error schema: pipeline.stages.1.clusters must be a list, not a mapping',
    // TODO
    'hostile/h35-shape-fuzz.yaml:56:57 warning stage-without-validation: stage 3 has no validation, so the rollout proceeds whatever the error rate; add validation: with error_rate_threshold (or latency_p99_threshold) and duration.',
    // TODO
    'hostile/h35-shape-fuzz.yaml:56:58 error schema: pipeline.stages.2 is missing the required key "name"',
    // TODO
    'hostile/h35-shape-fuzz.yaml:56:67 error invalid-percentage: stage 3: traffic 150% is outside 0-100%; use a share between 0% and 100%.',
    // TODO
    'hostile/h35-shape-fuzz.yaml:57:82 error peer-self: VPC peering 1 connects "v" with itself; set destination to the other VPC of the peering.',
    // TODO
    'hostile/h35-shape-fuzz.yaml:57:87 error schema: networking.vpc_peers.1 is missing the required key "destination"',
    // TODO
    'hostile/h35-shape-fuzz.yaml:57:95 error unknown-vpc: VPC peering source "nope" is not declared under vpcs:; correct the name or declare the VPC.',
  ],
  'file:hostile/h38-complex-key.yaml': [
    // TODO
    'hostile/h38-complex-key.yaml:5:19 warning federate-honor-labels: federation job "x" does not set honor_labels: true, so the federated job and instance labels are overwritten (renamed to exported_*); set honor_labels: true.',
    // TODO
    "hostile/h38-complex-key.yaml:5:19 error federate-match: federation job \"x\" has no params['match[]'], so /federate returns no series and this cluster's metrics are silently missing; add params: {'match[]': ['{job=~\".+\"}']} (or the selectors you need).",
  ],
};
