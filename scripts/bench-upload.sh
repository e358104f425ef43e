#!/usr/bin/env bash
# The upload benchmark of the secure messages (issue 15, docs/performance.md): the real app in Production configuration on a
# private cluster and SMTP sink of its own (.data/bench), a sender verified through the mailed link, then a generated PDF of
# --megabytes (400) uploaded through the real writing form, streamed, and one byte more (refused). Prints each upload's time
# and the app's peak RSS growth (target: <= 50 MB for the 400 MB file). Exit code 0 when the file is kept, the one over the
# limit refused, and the target met.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"

megabytes=400
while [ $# -gt 0 ]; do
  case "$1" in
    --megabytes) megabytes=$2; shift 2 ;;
    *) die "unknown option $1" ;;
  esac
done

ensure_packages postgres smtp poppler
command -v curl >/dev/null || { as_root apt-get install -y -qq --no-install-recommends curl >/dev/null; }
database=backoffice_bench_upload
documents="$BO_DATA/bench/upload-documents"
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  rm -rf "$documents"
  stop_smtp bench
  stop_cluster bench
}
trap cleanup EXIT
start_cluster bench fast
# A fresh database every run: nothing of a run is kept, and the migrations are always this checkout's.
PGPASSWORD=$(cat "$BO_DATA/bench/pg-password") "$(pg_bindir)/psql" -h 127.0.0.1 -p "$(cat "$BO_DATA/bench/pg-port")" -U postgres -d postgres -qAt \
  -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null
ensure_roles bench "$database"
ensure_audit_key bench
ensure_data_protection_key bench
start_smtp bench
rm -f "$MAILDIR"/new/* "$MAILDIR"/cur/* 2>/dev/null || true; rm -rf "$documents"; mkdir -p "$documents"

say "Building (Release)"
dotnet build BackOffice.Web -c Release -nologo -v quiet -clp:ErrorsOnly
dll=BackOffice.Web/bin/Release/net10.0/BackOffice.Web.dll
export Logging__LogLevel__Default=Warning
(cd BackOffice.Web && ConnectionStrings__BackOffice="$OWNER_CONNECTION" Database__AppRole=backoffice_app dotnet "../$dll" migrate) >/dev/null

port=$(free_port)
base="http://127.0.0.1:$port"
say "Starting the app in Production on $base"
(cd BackOffice.Web && ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$base" ConnectionStrings__BackOffice="$APP_CONNECTION" \
  Security__CookieSecurePolicy=SameAsRequest Security__RequireHttps=false Documents__Path="$documents" \
  Smtp__Host=127.0.0.1 Smtp__Port="$SMTP_PORT" Smtp__Security=None Outbox__PollInterval=00:00:01 \
  SecureMessages__PublicBaseUrl="$base" SecureMessages__MaxAttachmentBytes=$((megabytes * 1024 * 1024)) SecureMessages__RetentionEnabled=false \
  exec dotnet "../$dll") &
app_pid=$!
for _ in $(seq 1 120); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$base/health" >/dev/null || die "the app did not answer on $base/health"

say "Uploading $megabytes MB through /Secure/Write"
(cd BackOffice.Web && ASPNETCORE_ENVIRONMENT=Production dotnet "../$dll" bench-upload --url "$base" --pid "$app_pid" --maildir "$MAILDIR" --megabytes "$megabytes")
