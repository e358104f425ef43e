#!/usr/bin/env bash
# The person search benchmark (docs/performance.md): starts this worktree's test PostgreSQL cluster, creates and migrates
# a separate database "backoffice_bench", fills it by COPY (1,000,000 persons, 2,000,000 applications; kept for the next
# run) and prints median and p95 per search. Arguments go to the command: --persons N, --runs N, --reload, --plans FILE.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"

ensure_packages postgres
ensure_data_protection_key test
trap 'stop_cluster test' EXIT
# The database server's memory as a production server would have it (docs/performance.md); a cluster already running
# (./test.sh's) keeps its own settings, so the script names what it runs with.
export BO_PG_OPTS="${BO_PG_OPTS:--c shared_buffers=4GB -c effective_cache_size=12GB}"
start_cluster test fast
say "PostgreSQL shared_buffers: $(PGPASSWORD=$(cat "$BO_DATA/test/pg-password") "$(pg_bindir)/psql" -h 127.0.0.1 -p "$(cat "$BO_DATA/test/pg-port")" -U postgres -Atc 'SHOW shared_buffers')"
database=backoffice_bench
port=$(cat "$BO_DATA/test/pg-port")
export PGPASSWORD; PGPASSWORD=$(cat "$BO_DATA/test/pg-password")
if [ -z "$("$(pg_bindir)/psql" -h 127.0.0.1 -p "$port" -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$database'")" ]; then
  say "Creating the $database database"
  "$(pg_bindir)/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE $database"
fi

say "Building (Release)"
dotnet build BackOffice.Web -c Release -nologo -v quiet -clp:ErrorsOnly
say "Running bench-search"
export Logging__LogLevel__Default=Warning
export ConnectionStrings__BackOffice="$PG_CONNECTION;Database=$database;Command Timeout=0"
dotnet BackOffice.Web/bin/Release/net10.0/BackOffice.Web.dll bench-search --plans "$BO_DATA/test/bench-search-plans.txt" "$@"
