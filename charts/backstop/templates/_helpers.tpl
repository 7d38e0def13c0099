{{- /* Names. Every object is "<release>-<component>" unless the release is already "backstop". */}}
{{- define "backstop.prefix" -}}
{{- if eq .Release.Name "backstop" -}}backstop{{- else -}}{{ printf "%s-backstop" .Release.Name | trunc 40 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "backstop.name" -}}
{{- printf "%s-%s" (include "backstop.prefix" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "backstop.labels" -}}
app.kubernetes.io/part-of: backstop
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- if .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
{{- end -}}

{{- define "backstop.selector" -}}
app.kubernetes.io/part-of: backstop
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- /* The ServiceAccount a service runs as: triage and executor their own, the rest one without access. */}}
{{- define "backstop.serviceAccount" -}}
{{- if has .component (list "triage" "executor") -}}
{{ include "backstop.name" . }}
{{- else -}}
{{ include "backstop.name" (dict "root" .root "component" "no-cluster-access") }}
{{- end -}}
{{- end -}}

{{- define "backstop.executorUsername" -}}
system:serviceaccount:{{ .Release.Namespace }}:{{ include "backstop.name" (dict "root" . "component" "executor") }}
{{- end -}}

{{- define "backstop.image" -}}
{{- $svc := printf "%s-service" .component -}}
{{- $digest := index .root.Values.image.digests $svc | default "" -}}
{{- if $digest -}}
{{ printf "%s/%s@%s" .root.Values.image.registry $svc $digest }}
{{- else -}}
{{ printf "%s/%s:%s" .root.Values.image.registry $svc (.root.Values.image.tag | default .root.Chart.AppVersion) }}
{{- end -}}
{{- end -}}

{{- define "backstop.port" -}}
{{- get (dict "triage" 8081 "diagnosis" 8082 "guardrail" 8083 "executor" 8084 "escalation" 8085) . -}}
{{- end -}}

{{- /* Kafka: where and how every service connects. */}}
{{- define "backstop.kafka.bootstrap" -}}
{{- if eq .Values.kafka.mode "strimzi" -}}
{{ printf "%s-kafka-bootstrap.%s.svc:9093" .Values.kafka.strimzi.clusterName .Release.Namespace }}
{{- else -}}
{{ required "kafka.external.bootstrapServers is required (host:port,...), or set kafka.mode=strimzi" .Values.kafka.external.bootstrapServers }}
{{- end -}}
{{- end -}}

{{- define "backstop.kafka.protocol" -}}
{{- if eq .Values.kafka.mode "strimzi" -}}SASL_SSL{{- else -}}{{ .Values.kafka.external.securityProtocol }}{{- end -}}
{{- end -}}

{{- /*
Kafka, for every client of a service: the bootstrap servers, the protocol for both Spring Kafka's
and the binder's clients, and (SASL_*) the service's own SCRAM principal, User:<service>, which the
ACLs of infra/kafka-access.md are bound to. Its password comes from a Secret, key `password` (the
form Strimzi's KafkaUser secrets have).
*/}}
{{- define "backstop.kafka.env" -}}
{{- $root := .root -}}
{{- $protocol := include "backstop.kafka.protocol" $root -}}
{{- $principal := index (include "backstop.kafka.access" $root | fromYaml).principals .component -}}
- name: SPRING_KAFKA_BOOTSTRAP_SERVERS
  value: {{ include "backstop.kafka.bootstrap" $root | quote }}
- name: SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL
  value: {{ $protocol | quote }}
- name: SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SECURITY_PROTOCOL
  value: {{ $protocol | quote }}
{{- if hasPrefix "SASL" $protocol }}
- name: BACKSTOP_KAFKA_SASL_USERNAME
  value: {{ $principal.user | quote }}
- name: BACKSTOP_KAFKA_SASL_MECHANISM
  value: {{ if eq $root.Values.kafka.mode "strimzi" }}SCRAM-SHA-512{{ else }}{{ $root.Values.kafka.external.saslMechanism }}{{ end }}
- name: BACKSTOP_KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      {{- if eq $root.Values.kafka.mode "strimzi" }}
      name: {{ $principal.user }}
      {{- else }}
      name: {{ required (printf "kafka.external.saslSecrets.%s is required for %s: a Secret with key password (user %s)" .component $protocol $principal.user) (index $root.Values.kafka.external.saslSecrets .component) }}
      {{- end }}
      key: password
{{- end }}
{{- if not (hasPrefix "SASL" $protocol) }}
- name: BACKSTOP_STREAM_PROVISION_TOPICS
  value: {{ $root.Values.kafka.provisionTopics | quote }}
{{- end }}
{{- if and (hasSuffix "SSL" $protocol) (or (eq $root.Values.kafka.mode "strimzi") $root.Values.kafka.external.caSecret.name) }}
- name: SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_TYPE
  value: PEM
- name: SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_LOCATION
  value: /etc/backstop/kafka-ca/ca.crt
{{- end }}
{{- end -}}

{{- /* Principals and topics, generated from ServicePrincipal and Topics (see files/kafka.yaml). */}}
{{- define "backstop.kafka.access" -}}
{{ .Files.Get "files/kafka.yaml" }}
{{- end -}}

{{- define "backstop.kafka.caVolume" -}}
{{- $protocol := include "backstop.kafka.protocol" . -}}
{{- if and (hasSuffix "SSL" $protocol) (eq .Values.kafka.mode "strimzi") }}
- name: kafka-ca
  secret:
    secretName: {{ printf "%s-cluster-ca-cert" .Values.kafka.strimzi.clusterName }}
    items:
      - {key: ca.crt, path: ca.crt}
{{- else if and (hasSuffix "SSL" $protocol) .Values.kafka.external.caSecret.name }}
- name: kafka-ca
  secret:
    secretName: {{ .Values.kafka.external.caSecret.name }}
    items:
      - {key: {{ .Values.kafka.external.caSecret.key }}, path: ca.crt}
{{- end }}
{{- end -}}

{{- define "backstop.kafka.caMount" -}}
{{- $protocol := include "backstop.kafka.protocol" . -}}
{{- if and (hasSuffix "SSL" $protocol) (or (eq .Values.kafka.mode "strimzi") .Values.kafka.external.caSecret.name) }}
- name: kafka-ca
  mountPath: /etc/backstop/kafka-ca
  readOnly: true
{{- end }}
{{- end -}}

{{- /* Tracing through the OpenTelemetry Java agent baked into each image. */}}
{{- define "backstop.otel.env" -}}
- name: OTEL_SERVICE_NAME
  value: {{ printf "%s-service" .component }}
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ printf "service.namespace=backstop,deployment.environment=%s" .root.Release.Namespace | quote }}
{{- if .root.Values.telemetry.otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ .root.Values.telemetry.otlpEndpoint | quote }}
- name: OTEL_EXPORTER_OTLP_PROTOCOL
  value: grpc
{{- else }}
- name: OTEL_TRACES_EXPORTER
  value: none
{{- end }}
{{- end -}}
