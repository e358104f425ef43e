#!/usr/bin/env bash
# The page benchmark (docs/performance.md): the real pages, signed in, in Production configuration, on the bench database
# of scripts/bench-search.sh (1,000,000 persons, 2,000,000 applications with their steps, files and decisions; loaded on the
# first run), measured with wrk on loopback beside /bench/raw-search (the search's SQL through Npgsql, plain HTML).
# Prints requests/s, p50, p95 and p99 per page and each page's throughput against the raw endpoint's.
# Options: --connections N (16), --duration S (15), --persons N (1000000), --reload (rebuild the bench data),
# --only REGEX (only the pages whose label matches; the raw endpoint always runs first).
# --instances (issue 17): instead, the search page and a queue page through nginx (deploy/nginx/backoffice.conf, TLS)
# in front of one instance, then of two on the same database, then of two while PostgreSQL restarts mid-run (errors counted).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"

connections=16 duration=15 persons=1000000 reload="" only="" instances=""
while [ $# -gt 0 ]; do
  case "$1" in
    --connections) connections=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --persons) persons=$2; shift 2 ;;
    --reload) reload=--reload; shift ;;
    --only) only=$2; shift 2 ;;
    --instances) instances=1; shift ;;
    *) die "unknown option $1" ;;
  esac
done

ensure_packages postgres
command -v wrk >/dev/null || { say "Installing wrk from Debian"; as_root apt-get update -qq; DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
command -v curl >/dev/null || { as_root apt-get install -y -qq --no-install-recommends curl >/dev/null; }

app_pid="" app2_pid="" nginx_conf=""
cleanup() {
  [ -n "$nginx_conf" ] && nginx -c "$nginx_conf" -s stop 2>/dev/null
  [ -n "$app2_pid" ] && kill "$app2_pid" 2>/dev/null && wait "$app2_pid" 2>/dev/null
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  stop_cluster test
}
trap cleanup EXIT
# The database server's memory as a production server would have it (docs/performance.md); a cluster already running
# (./test.sh's) keeps its own settings, so the script names what it runs with.
export BO_PG_OPTS="${BO_PG_OPTS:--c shared_buffers=4GB -c effective_cache_size=12GB}"
start_cluster test fast
say "PostgreSQL shared_buffers: $(PGPASSWORD=$(cat "$BO_DATA/test/pg-password") "$(pg_bindir)/psql" -h 127.0.0.1 -p "$(cat "$BO_DATA/test/pg-port")" -U postgres -Atc 'SHOW shared_buffers')"
database=backoffice_bench
port=$(cat "$BO_DATA/test/pg-port")
export PGPASSWORD; PGPASSWORD=$(cat "$BO_DATA/test/pg-password")
psql() { "$(pg_bindir)/psql" -h 127.0.0.1 -p "$port" -U postgres "$@"; }
[ -n "$(psql -Atc "SELECT 1 FROM pg_database WHERE datname = '$database'")" ] || psql -qc "CREATE DATABASE $database"

say "Building (Release)"
dotnet build BackOffice.Web -c Release -nologo -v quiet -clp:ErrorsOnly
dll=BackOffice.Web/bin/Release/net10.0/BackOffice.Web.dll
export Logging__LogLevel__Default=Warning ConnectionStrings__BackOffice="$PG_CONNECTION;Database=$database;Command Timeout=0${BENCH_CONNECTION_EXTRA:-}"
# bench-search runs in Production too: it needs the data-protection key before it starts.
ensure_data_protection_key test
say "Loading the bench database if needed (bench-search)"
dotnet "$dll" bench-search --persons "$persons" --runs 3 $reload --plans "$BO_DATA/test/bench-search-plans.txt" | tail -n 12

web_port=$(free_port)
base="http://127.0.0.1:$web_port"
export BENCH_PASSWORD; BENCH_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')-Bench1"
ensure_audit_key test
say "Starting the app in Production on $base"
# The bench account signs in with its password alone: the pages are measured, not the second factor (docs/staff-and-sign-in.md).
serve() { # url
  (cd BackOffice.Web && ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$1" Security__CookieSecurePolicy=SameAsRequest Security__RequireHttps=false Security__RequireTwoFactor=false \
    Outbox__Enabled=false Documents__Path="$BO_ROOT/.data/test/bench-documents" exec dotnet "../$dll" serve-bench) &
}
wait_ready() { for _ in $(seq 1 120); do curl -fs "$1/health/ready" >/dev/null 2>&1 && return 0; sleep 0.5; done; die "the app did not answer on $1/health/ready"; }
serve "$base"; app_pid=$!
wait_ready "$base"
if [ -n "$instances" ]; then
  # The second instance before the sign-in: serve-bench sets the bench account's password again at start.
  base2="http://127.0.0.1:$(free_port)"
  say "Starting a second instance on $base2 (same database, same documents)"
  serve "$base2"; app2_pid=$!
  wait_ready "$base2"
fi

jars=$(mktemp -d)
trap 'rm -rf "$jars"; cleanup' EXIT
sign_in() { # email -> prints the Cookie header's value for that account's session
  local jar="$jars/$1" token status
  token=$(curl -fs -c "$jar" -b "$jar" "$base/Account/Login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
  [ -n "$token" ] || die "no antiforgery token on the sign-in page"
  status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=$BENCH_PASSWORD" "$base/Account/Login")
  [ "$status" = 302 ] || die "signing in as $1 answered $status"
  awk -F'\t' 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) {printf "%s=%s; ", $6, $7}' "$jar"
}
# The Administrator's session measures every page but the other roles' home pages (WebBenchmark.Accounts).
cookie=$(sign_in bench@backoffice.test)
reviewer_cookie=$(sign_in bench-reviewer@backoffice.test)
auditor_cookie=$(sign_in bench-auditor@backoffice.test)
sysadmin_cookie=$(sign_in bench-sysadmin@backoffice.test)
[ -n "$cookie" ] && [ -n "$reviewer_cookie" ] && [ -n "$auditor_cookie" ] && [ -n "$sysadmin_cookie" ] || die "a bench account did not sign in"

person=$(psql -d "$database" -Atc "SELECT id FROM persons ORDER BY id OFFSET 4242 LIMIT 1")
application=$(psql -d "$database" -Atc "SELECT id FROM applications WHERE queue = 'AwaitingReview' ORDER BY id LIMIT 1")
lua=$(mktemp --suffix=.lua)
cat > "$lua" <<'LUA'
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.1f %.1f %.1f %d %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors, summary.errors.status, summary.requests))
end
LUA

run() { # label url [cookie]
  local session=${3:-$cookie}
  curl -fsk -o /dev/null -H "Cookie: $session" "$2" || echo "warning: $1 does not answer 200" >&2
  wrk -t2 -c"$connections" -d"${duration}s" ${wrk_timeout:+--timeout "$wrk_timeout"} -H "Cookie: $session" -s "$lua" "$2" | sed -n 's/^RESULT //p'
}
[ -n "${BENCH_HOLD:-}" ] && { echo "$base" > "$BENCH_HOLD.url"; echo "$cookie" > "$BENCH_HOLD.cookie"; echo "$reviewer_cookie" > "$BENCH_HOLD.reviewer-cookie"; echo "$sysadmin_cookie" > "$BENCH_HOLD.sysadmin-cookie"; say "Holding the app on $base until $BENCH_HOLD.stop exists"; while [ ! -e "$BENCH_HOLD.stop" ]; do sleep 1; done; rm -f "$BENCH_HOLD.stop"; }
if [ -n "$instances" ]; then
  work="$BO_DATA/test/bench-nginx"; rm -rf "$work"
  https_port=$(free_port) http_port=$(free_port)
  nginx_site() { nginx_config "$work" "$https_port" "$http_port" "${@/#http:\/\//}"; } # deploy/nginx/backoffice.conf for these nodes
  front="https://127.0.0.1:$https_port"
  nginx_site "$base"; nginx_conf=$NGINX_CONF; nginx -c "$nginx_conf"
  measure() { # setup label url
    read -r rps p50 p95 p99 errors statuses requests <<<"$(run "$2" "$3")"
    # errors: every failed request (answers other than 2xx/3xx, timeouts past 10 s, broken connections); of them, non-2xx answers (the 503 page)
    printf '%-30s %-26s %9s %9s %9s %9s %7s %6s\n' "$1" "$2" "$requests" "$rps" "$p50" "$p99" "$errors" "$statuses"
  }
  # A slow answer is not a failed one: only answers past 10 s count as timeouts here (wrk's default is 2 s).
  wrk_timeout=10s
  say "wrk: $connections connections, ${duration} s per page, 2 threads, through nginx with TLS, 10 s timeout"
  printf '\n%-30s %-26s %9s %9s %9s %9s %7s %6s\n' setup page requests "req/s" "p50 ms" "p99 ms" errors "non-2xx"
  search="$front/Persons?q=oberg" queue="$front/Queues/AwaitingReview"
  measure "nginx, 1 instance" "person search 'oberg'" "$search"
  measure "nginx, 1 instance" "queue Awaiting review" "$queue"
  nginx_site "$base" "$base2"; nginx -c "$nginx_conf" -s reload; sleep 1
  measure "nginx, 2 instances" "person search 'oberg'" "$search"
  measure "nginx, 2 instances" "queue Awaiting review" "$queue"
  for page in "person search 'oberg'|$search" "queue Awaiting review|$queue"; do
    # PostgreSQL restarted (pg_ctl restart -m fast) a third of the way in; errors = answers other than 2xx/3xx (the 503 page) and failed connections.
    ( sleep "$(( duration / 3 ))"; start=$(date +%s.%N); restart_cluster test; awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "  (PostgreSQL restarted in %.1f s)\n", e - s }' >&2 ) &
    restarter=$!
    measure "nginx, 2 instances, DB restart" "${page%%|*}" "${page#*|}"
    wait "$restarter"
  done
  echo
  rm -f "$lua"
  exit 0
fi
say "wrk: $connections connections, ${duration} s per page, 2 threads"
declare -A results
pages=(
  "raw search (Npgsql, plain HTML)|$base/bench/raw-search?q=oberg"
  "home Administrator|$base/"
  "home Reviewer|$base/|reviewer"
  "home Auditor|$base/|auditor"
  "home System administrator|$base/|sysadmin"
  "person search 'oberg'|$base/Persons?q=oberg"
  "queue Awaiting review|$base/Queues/AwaitingReview"
  "person card|$base/Persons/$person"
  "application page|$base/Applications/$application"
)
printf '\n%-34s %10s %9s %9s %9s %7s %8s\n' page "req/s" "p50 ms" "p95 ms" "p99 ms" errors "vs raw"
raw_rps=""
for entry in "${pages[@]}"; do
  IFS='|' read -r label url role <<<"$entry"
  [ -n "$raw_rps" ] && [ -n "$only" ] && ! [[ $label =~ $only ]] && continue
  session=$cookie
  case "$role" in reviewer) session=$reviewer_cookie ;; auditor) session=$auditor_cookie ;; sysadmin) session=$sysadmin_cookie ;; esac
  read -r rps p50 p95 p99 errors _ <<<"$(run "$label" "$url" "$session")"
  [ -z "$raw_rps" ] && raw_rps=$rps
  ratio=$(awk -v a="$rps" -v b="$raw_rps" 'BEGIN { printf "%.2f", a / b }')
  printf '%-34s %10s %9s %9s %9s %7s %8s\n' "$label" "$rps" "$p50" "$p95" "$p99" "$errors" "$ratio"
done
echo
echo "Targets: every page p95 <= 50 ms at 16 connections; the person search >= 0.5 of the raw endpoint's throughput."
rm -f "$lua"
