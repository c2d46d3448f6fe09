{{/* Names and labels shared by every manifest. */}}
{{- define "targetvision.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "targetvision.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "targetvision.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "targetvision.labels" -}}
app.kubernetes.io/name: {{ include "targetvision.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "targetvision.backendSelector" -}}
app.kubernetes.io/name: {{ include "targetvision.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: backend
{{- end -}}

{{- define "targetvision.webSelector" -}}
app.kubernetes.io/name: {{ include "targetvision.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: web
{{- end -}}

{{- define "targetvision.secretName" -}}
{{- default (include "targetvision.fullname" .) .Values.secrets.existingSecret -}}
{{- end -}}

{{- define "targetvision.dbSecretName" -}}
{{- default (include "targetvision.secretName" .) .Values.database.existingSecret -}}
{{- end -}}

{{- define "targetvision.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "targetvision.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Pod and container security settings shared by the backend, the migration Job and nginx. */}}
{{- define "targetvision.podSecurityContext" -}}
runAsNonRoot: true
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "targetvision.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end -}}

{{/* Backend environment: plain settings from the ConfigMap, secrets mounted as files (*_FILE). */}}
{{- define "targetvision.backendEnv" -}}
- name: DB_PASSWORD_FILE
  value: /run/secrets/targetvision-db/db-password
- name: ADMIN_PASSWORD_FILE
  value: /run/secrets/targetvision/admin-password
- name: ANTHROPIC_API_KEY_FILE
  value: /run/secrets/targetvision/anthropic-api-key
- name: OPENAI_API_KEY_FILE
  value: /run/secrets/targetvision/openai-api-key
- name: SMUGMUG_API_KEY_FILE
  value: /run/secrets/targetvision/smugmug-api-key
- name: SMUGMUG_API_SECRET_FILE
  value: /run/secrets/targetvision/smugmug-api-secret
{{- with .Values.backend.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "targetvision.backendSecretVolumes" -}}
- name: secrets
  secret:
    secretName: {{ include "targetvision.secretName" . }}
    defaultMode: 0440
- name: db-secret
  secret:
    secretName: {{ include "targetvision.dbSecretName" . }}
    defaultMode: 0440
    items:
      - key: db-password
        path: db-password
{{- if .Values.keyRing.existingSecret }}
- name: keyring
  secret:
    secretName: {{ .Values.keyRing.existingSecret }}
    defaultMode: 0440
    items:
      - key: keyring.pfx
        path: keyring.pfx
      - key: keyring-password
        path: keyring-password
{{- end }}
- name: tmp
  emptyDir:
    medium: Memory
    sizeLimit: 256Mi
{{- end -}}

{{- define "targetvision.backendSecretMounts" -}}
- name: secrets
  mountPath: /run/secrets/targetvision
  readOnly: true
- name: db-secret
  mountPath: /run/secrets/targetvision-db
  readOnly: true
{{- if .Values.keyRing.existingSecret }}
- name: keyring
  mountPath: /run/secrets/targetvision-keyring
  readOnly: true
{{- end }}
- name: tmp
  mountPath: /tmp
{{- end -}}
