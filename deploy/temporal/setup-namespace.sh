#!/bin/sh
# Creates the service's namespace (if missing) and registers the search attributes its workflows
# keep current (workflows/searchAttributes.ts): opaque ids and codes only, never personal data.
# Idempotent: run it on every deployment.
set -eu
namespace="${TEMPORAL_NAMESPACE:-default}"
if ! temporal operator namespace describe --namespace "$namespace" >/dev/null 2>&1; then
  temporal operator namespace create --namespace "$namespace" --retention "${TEMPORAL_RETENTION:-30d}"
fi
registered=$(temporal operator search-attribute list --namespace "$namespace")
register() {
  if ! echo "$registered" | grep -qw "$1"; then
    temporal operator search-attribute create --namespace "$namespace" --name "$1" --type "$2"
  fi
}
register EnterpriseId Keyword
register ProcessType Keyword
register ProcessStatus Keyword
register Agency Keyword
register NextDueAt Datetime
echo "namespace $namespace is ready"
