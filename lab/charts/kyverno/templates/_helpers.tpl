{{- define "kyverno.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "kyverno.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "kyverno.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: {{ include "kyverno.fullname" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- if semverCompare ">=3.5.2" .Chart.Version }}
kyverno.io/chart-fix: webhook-timeouts
{{- end }}
{{- with .Values.customLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "kyverno.admission.selectorLabels" -}}
app.kubernetes.io/component: admission-controller
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/name: {{ include "kyverno.name" . }}-admission-controller
{{- end -}}

{{- define "kyverno.admission.name" -}}
{{ include "kyverno.fullname" . }}-admission-controller
{{- end -}}

{{- define "kyverno.image" -}}
{{- $tag := default .Chart.AppVersion .Values.admissionController.image.tag -}}
{{ printf "%s/%s:%s" .Values.admissionController.image.registry .Values.admissionController.image.repository $tag }}
{{- end -}}
