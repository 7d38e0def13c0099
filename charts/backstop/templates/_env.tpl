{{- /* What each service needs beyond Kafka and tracing; secrets come from existing Secrets only. */}}
{{- define "backstop.env.triage" -}}
{{- if .Values.prometheusUrl }}
- name: BACKSTOP_TRIAGE_PROMETHEUS_URL
  value: {{ .Values.prometheusUrl | quote }}
{{- end }}
{{- /* No API URL: in the pod, triage reads with its own service account's token and CA. */}}
{{- end -}}

{{- define "backstop.env.diagnosis" -}}
{{- if .Values.diagnosis.gateway.url }}
- name: BACKSTOP_GATEWAY_URL
  value: {{ .Values.diagnosis.gateway.url | quote }}
- name: BACKSTOP_GATEWAY_API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ required "diagnosis.gateway.existingSecret is required with a gateway url: a Secret with key api-key" .Values.diagnosis.gateway.existingSecret }}
      key: api-key
{{- range $target, $model := .Values.diagnosis.gateway.models }}
- name: {{ printf "BACKSTOP_MODEL_%s" (upper $target) }}
  value: {{ $model | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "backstop.env.guardrail" -}}
- name: BACKSTOP_GUARDRAIL_SIGNING_KEY_FILE
  value: /etc/backstop/signing/private-key.pem
{{- if .Values.policy.existingConfigMap }}
- name: BACKSTOP_GUARDRAIL_POLICY_FILE
  value: /etc/backstop/policy/policies.yaml
{{- end }}
{{- if .Values.guardrail.adminTokenSecret }}
- name: BACKSTOP_GUARDRAIL_ADMIN_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ .Values.guardrail.adminTokenSecret }}
      key: admin-token
{{- end }}
{{- end -}}

{{- define "backstop.env.executor" -}}
- name: BACKSTOP_EXECUTOR_NAMESPACES
  value: {{ join "," .Values.targetNamespaces | quote }}
{{- if .Values.policy.existingConfigMap }}
- name: BACKSTOP_POLICY_FILE
  value: /etc/backstop/policy/policies.yaml
{{- end }}
- name: BACKSTOP_EXECUTOR_GUARDRAIL_PUBLIC_KEYS
  value: /etc/backstop/guardrail-key/public-key.pem
- name: BACKSTOP_EXECUTOR_DRY_RUN
  value: {{ .Values.executor.dryRun | quote }}
{{- if .Values.prometheusUrl }}
- name: BACKSTOP_PROMETHEUS_URL
  value: {{ .Values.prometheusUrl | quote }}
{{- end }}
{{- end -}}

{{- define "backstop.env.escalation" -}}
{{- $c := .Values.escalation.console }}
- name: BACKSTOP_ESCALATION_PAGER_URL
  value: {{ .Values.escalation.pager.url | quote }}
- name: BACKSTOP_ESCALATION_PAGER_ROUTING_KEY
  valueFrom:
    secretKeyRef:
      name: {{ required "escalation.pager.existingSecret is required: a Secret with key routing-key" .Values.escalation.pager.existingSecret }}
      key: routing-key
- name: BACKSTOP_ESCALATION_TICKET_URL
  value: {{ required "escalation.ticket.url is required: an MCP server over streamable HTTP (tickets)" .Values.escalation.ticket.url | quote }}
- name: BACKSTOP_ESCALATION_TICKET_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ required "escalation.ticket.existingSecret is required: a Secret with key token" .Values.escalation.ticket.existingSecret }}
      key: token
{{- /* The console resets a tripped breaker through the guardrail's admin API, with its token. */}}
- name: BACKSTOP_GUARDRAIL_URL
  value: {{ printf "http://%s:%s" (include "backstop.name" (dict "root" . "component" "guardrail")) (include "backstop.port" "guardrail") | quote }}
{{- if .Values.guardrail.adminTokenSecret }}
- name: BACKSTOP_GUARDRAIL_ADMIN_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ .Values.guardrail.adminTokenSecret }}
      key: admin-token
{{- end }}
{{- if $c.ingress.enabled }}
- name: BACKSTOP_CONSOLE_URL
  value: {{ printf "%s://%s" (ternary "https" "http" (not (empty $c.ingress.tlsSecret))) $c.ingress.host | quote }}
- name: BACKSTOP_CONSOLE_SECURE_COOKIE
  value: {{ not (empty $c.ingress.tlsSecret) | quote }}
{{- end }}
{{- if $c.existingSecret }}
{{- /* Users, API tokens and OIDC (console.yaml: backstop.escalation.console.*, see the README). */}}
- name: SPRING_CONFIG_ADDITIONAL_LOCATION
  value: optional:file:/etc/backstop/console/console.yaml
{{- end }}
{{- end -}}

{{- define "backstop.volumes.escalation" -}}
{{- if .Values.escalation.console.existingSecret }}
- name: console
  secret:
    secretName: {{ .Values.escalation.console.existingSecret }}
    defaultMode: 0440
    items:
      - {key: console.yaml, path: console.yaml}
{{- end }}
{{- end -}}
{{- define "backstop.mounts.escalation" -}}
{{- if .Values.escalation.console.existingSecret }}
- name: console
  mountPath: /etc/backstop/console
  readOnly: true
{{- end }}
{{- end -}}

{{- /* The policy file the guardrail and the executor both judge by (policy.existingConfigMap). */}}
{{- define "backstop.volumes.policy" -}}
{{- if .Values.policy.existingConfigMap }}
- name: policy
  configMap:
    name: {{ .Values.policy.existingConfigMap }}
    items:
      - {key: policies.yaml, path: policies.yaml}
{{- end }}
{{- end -}}
{{- define "backstop.mounts.policy" -}}
{{- if .Values.policy.existingConfigMap }}
- name: policy
  mountPath: /etc/backstop/policy
  readOnly: true
{{- end }}
{{- end -}}

{{- define "backstop.volumes.guardrail" -}}
{{ include "backstop.volumes.policy" . }}
- name: signing-key
  secret:
    secretName: {{ required "guardrail.signingKeySecret is required: a Secret with key private-key.pem (openssl genpkey -algorithm ed25519)" .Values.guardrail.signingKeySecret }}
    defaultMode: 0440
    items:
      - {key: private-key.pem, path: private-key.pem}
{{- end -}}
{{- define "backstop.mounts.guardrail" -}}
{{ include "backstop.mounts.policy" . }}
- name: signing-key
  mountPath: /etc/backstop/signing
  readOnly: true
{{- end -}}

{{- define "backstop.volumes.executor" -}}
{{ include "backstop.volumes.policy" . }}
- name: guardrail-key
  secret:
    secretName: {{ required "executor.guardrailPublicKeySecret is required: a Secret with key public-key.pem" .Values.executor.guardrailPublicKeySecret }}
    defaultMode: 0440
    items:
      - {key: public-key.pem, path: public-key.pem}
{{- end -}}
{{- define "backstop.mounts.executor" -}}
{{ include "backstop.mounts.policy" . }}
- name: guardrail-key
  mountPath: /etc/backstop/guardrail-key
  readOnly: true
{{- end -}}
