{{- define "tetragon.fullname" -}}
{{- default .Chart.Name .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tetragon.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: tetragon
{{- end -}}

{{- define "tetragon.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tetragon.fullname" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "tetragon.processNs" -}}
{{- semverCompare ">=1.5.1" .Chart.Version -}}
{{- end -}}
