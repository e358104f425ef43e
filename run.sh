#!/usr/bin/env bash
# Sets up what is missing, starts PostgreSQL and the SMTP sink, migrates, seeds demo data (Development)
# and serves BackOffice on http://localhost:5080 (or ASPNETCORE_URLS). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/services.sh

mkdir -p "$BO_DATA"
if [ -f "$BO_DATA/run.pid" ] && kill -0 "$(cat "$BO_DATA/run.pid")" 2>/dev/null; then
  die "BackOffice is already running from this folder (./run.sh, pid $(cat "$BO_DATA/run.pid")) on $(cat "$BO_DATA/run.url" 2>/dev/null). Stop it with Ctrl-C first."
fi
echo $$ > "$BO_DATA/run.pid"

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://localhost:5080}
echo "$ASPNETCORE_URLS" > "$BO_DATA/run.url"
command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"

started_pg=""
cleanup() {
  [ -n "$started_pg" ] && { say "Stopping PostgreSQL"; stop_cluster dev; }
  stop_smtp dev
  rm -f "$BO_DATA/run.pid"
}
trap cleanup EXIT

ensure_packages postgres smtp fonts poppler node
owner_connection=""
if [ -z "${ConnectionStrings__BackOffice:-}" ]; then
  start_cluster dev; started_pg=1
  ensure_roles dev backoffice
  # Migrations as the owner; the app (and the demo seeding) as backoffice_app, which owns nothing (docs/operations.md).
  owner_connection=$OWNER_CONNECTION
  export ConnectionStrings__BackOffice="$APP_CONNECTION"
else
  say "Using the PostgreSQL server named by ConnectionStrings__BackOffice (and Database__MigrationConnection, if set, to migrate)"
  owner_connection=${Database__MigrationConnection:-$ConnectionStrings__BackOffice}
fi
[ -n "${Audit__CheckpointKeyFile:-}${Audit__CheckpointKey:-}" ] || ensure_audit_key dev
[ -n "${DataProtection__KeyFile:-}${DataProtection__Key:-}" ] || ensure_data_protection_key dev
if [ -z "${Smtp__Host:-}" ]; then
  start_smtp dev
  export Smtp__Host=127.0.0.1 Smtp__Port=$SMTP_PORT Smtp__Security=None
fi

say "Building"
dotnet build BackOffice.Web/BackOffice.Web.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
app="BackOffice.Web/bin/Release/net10.0/BackOffice.Web.dll"
(cd BackOffice.Web && ConnectionStrings__BackOffice="$owner_connection" Database__AppRole=${Database__AppRole:-${started_pg:+backoffice_app}} dotnet "../$app" migrate)
if [ "$ASPNETCORE_ENVIRONMENT" = Development ]; then
  say "Seeding demo data (Development only; skipped when already there)"
  (cd BackOffice.Web && dotnet "../$app" seed-demo)
  echo "Demo mail lands in $MAILDIR (one file per mail under new/)."
fi
say "Serving BackOffice on $ASPNETCORE_URLS (Ctrl-C stops it)"
(cd BackOffice.Web && dotnet "../$app") || true
