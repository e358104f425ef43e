#!/usr/bin/env bash
# The export benchmark (docs/performance.md): starts this worktree's test PostgreSQL cluster, creates and migrates a separate
# database "backoffice_bench_export", fills it (260,000 persons with 520,000 applications — about a million history lines — by
# COPY, and 1,000,000 audit events through the app's own DbContext; kept for the next run), then times each export end to end
# through the code the page and the background job use, one process per measurement so each peak RSS is its own:
# the audit trail and the history as .xlsx and CSV, Verify of the whole chain, and 100,000 rows through ClosedXML beside the same
# rows streamed. Arguments: --reload (drop the database and load again), --persons N, --events N.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"

reload=false; extra=()
for arg in "$@"; do
  case "$arg" in --reload) reload=true ;; *) extra+=("$arg") ;; esac
done

ensure_packages postgres
ensure_data_protection_key test
trap 'stop_cluster test' EXIT
# The database server's memory as a production server would have it (as bench-search and bench-web); a cluster already running
# (./test.sh's) keeps its own settings, so the script names what it runs with.
export BO_PG_OPTS="${BO_PG_OPTS:--c shared_buffers=4GB -c effective_cache_size=12GB}"
start_cluster test fast
say "PostgreSQL shared_buffers: $(PGPASSWORD=$(cat "$BO_DATA/test/pg-password") "$(pg_bindir)/psql" -h 127.0.0.1 -p "$(cat "$BO_DATA/test/pg-port")" -U postgres -Atc 'SHOW shared_buffers')"
database=backoffice_bench_export
port=$(cat "$BO_DATA/test/pg-port")
export PGPASSWORD; PGPASSWORD=$(cat "$BO_DATA/test/pg-password")
psql() { "$(pg_bindir)/psql" -h 127.0.0.1 -p "$port" -U postgres "$@"; }
if $reload; then
  say "Dropping the $database database"
  psql -qc "DROP DATABASE IF EXISTS $database"
fi
if [ -z "$(psql -Atc "SELECT 1 FROM pg_database WHERE datname = '$database'")" ]; then
  say "Creating the $database database"
  psql -qc "CREATE DATABASE $database"
fi

say "Building (Release)"
dotnet build BackOffice.Web -c Release -nologo -v quiet -clp:ErrorsOnly
export Logging__LogLevel__Default=Warning
export ConnectionStrings__BackOffice="$PG_CONNECTION;Database=$database;Command Timeout=0"
app=BackOffice.Web/bin/Release/net10.0/BackOffice.Web.dll
say "Loading (once; kept for the next run)"
dotnet "$app" bench-export "${extra[@]}"
folder=$(mktemp -d)
say "Measuring: each line is one process (targets: .xlsx >= 50,000 rows/s with peak RSS <= 300 MB, CSV >= 200,000 rows/s, Verify <= 10 s)"
say "Load average before: $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores)"
for measure in audit-xlsx audit-csv history-xlsx history-csv verify streamed-100k closedxml-100k; do
  dotnet "$app" bench-export --measure "$measure" --folder "$folder" "${extra[@]}"
done
rmdir "$folder" 2>/dev/null || true
say "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
