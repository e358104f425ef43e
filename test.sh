#!/usr/bin/env bash
# The same set-up as ./run.sh for an isolated test cluster and SMTP sink, then every test.
# Ends with one line: "N passed, N failed, N skipped". Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/services.sh
command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"

cleanup() { stop_smtp test; stop_cluster test; }
trap cleanup EXIT

ensure_packages postgres smtp chromium fonts poppler node
start_cluster test fast
start_smtp test
ensure_roles test
# The tests arrange and check as the superuser; the app under test signs in as backoffice_app (least privilege).
export BACKOFFICE_TEST_PG="$PG_CONNECTION" BACKOFFICE_TEST_APP_PG="$APP_CONNECTION"
export BACKOFFICE_TEST_SMTP_PORT="$SMTP_PORT" BACKOFFICE_TEST_MAILDIR="$MAILDIR"

say "Building"
dotnet build BackOffice.sln -c Debug -nologo -v quiet -clp:ErrorsOnly
say "Testing"
log="$BO_DATA/test/dotnet-test.log"
set +e
dotnet test BackOffice.sln --no-build -c Debug -nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
summary=$(grep -E 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" | tail -n 1 || true)
if [ -n "$summary" ]; then
  failed=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")
  passed=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
  skipped=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$summary")
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "0 passed, 1 failed, 0 skipped"
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
