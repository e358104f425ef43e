#!/usr/bin/env bash
# Tests deploy/nginx/backoffice.conf as it is (only its ports and certificate substituted): two app instances in
# Production on one database and one document folder, behind Debian's nginx with TLS. Checks that plain http is sent to
# https, that a person set up by invite-staff sets a password and signs in through nginx (the app sees https through
# X-Forwarded-Proto, so its Secure cookies and antiforgery work), and that signed-in pages keep working when either node
# is stopped (the other serves the same session). Uses the test cluster of ./test.sh (a database of its own).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/services.sh
command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"
ensure_packages postgres
command -v curl >/dev/null || { as_root apt-get install -y -qq --no-install-recommends curl >/dev/null; }

work="$BO_DATA/nginx-test"; rm -rf "$work"; mkdir -p "$work/documents"
pids=()
cleanup() {
  [ -f "$work/nginx.pid" ] && nginx -c "$work/nginx.conf" -s stop 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  stop_cluster test
}
trap cleanup EXIT
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
ok() { printf 'ok: %s\n' "$*"; }

start_cluster test fast
database=backoffice_nginx_test
PGPASSWORD=$(cat "$BO_DATA/test/pg-password") "$(pg_bindir)/psql" -h 127.0.0.1 -p "$(cat "$BO_DATA/test/pg-port")" -U postgres -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)"
ensure_roles test "$database"
ensure_audit_key test
ensure_data_protection_key test

say "Building (Release)"
dotnet build BackOffice.Web -c Release -nologo -v quiet -clp:ErrorsOnly
dll="$BO_ROOT/BackOffice.Web/bin/Release/net10.0/BackOffice.Web.dll"
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Documents__Path="$work/documents"
export Smtp__Host=127.0.0.1 Smtp__Port=1 Smtp__Security=None Security__RequireTwoFactor=false
(cd BackOffice.Web && ConnectionStrings__BackOffice="$OWNER_CONNECTION" Database__AppRole=backoffice_app dotnet "$dll" migrate >/dev/null)
export ConnectionStrings__BackOffice="$APP_CONNECTION"

node_port=("$(free_port)" "$(free_port)")
start_node() { # index
  (cd BackOffice.Web && ASPNETCORE_URLS="http://127.0.0.1:${node_port[$1]}" exec dotnet "$dll" >"$work/node$1.log" 2>&1) &
  pids[$1]=$!
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:${node_port[$1]}/health/ready" >/dev/null 2>&1 && return 0; sleep 0.5; done
  cat "$work/node$1.log" >&2; fail "node $1 did not become ready"
}
stop_node() { kill "${pids[$1]}"; wait "${pids[$1]}" 2>/dev/null || true; }
say "Starting two instances on ports ${node_port[*]}"
start_node 0; start_node 1

https_port=$(free_port) http_port=$(free_port)
nginx_config "$work" "$https_port" "$http_port" "127.0.0.1:${node_port[0]}" "127.0.0.1:${node_port[1]}"
nginx -t -c "$NGINX_CONF" -q || fail "nginx refuses the configuration"
nginx -c "$NGINX_CONF"
base="https://127.0.0.1:$https_port"
ok "nginx -t accepts deploy/nginx/backoffice.conf; nginx serves it on $base"

[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/")" = 301 ] || fail "plain http is not sent to https"
ok "plain http answers 301 to https"
[ "$(curl -sk "$base/health/ready")" = Healthy ] || fail "/health/ready through nginx"
ok "/health/ready through nginx: Healthy"

# A person invited on the command line sets a password and signs in, all through nginx.
link=$(cd BackOffice.Web && dotnet "$dll" invite-staff --email nginx.test@office.example --name "Nginx Test" --role Administrator --url "$base" | grep -o 'https://[^ ]*SetPassword?token=[^ ]*')
jar="$work/cookies"; password="Nginx-Test-Password-1"
token_of() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1; }
form_token=$(curl -sk -c "$jar" -b "$jar" "$link" | token_of)
[ -n "$form_token" ] || fail "the set-password page has no form"
reset_token=${link#*token=}
status=$(curl -sk -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$form_token" \
  --data-urlencode "Token=$reset_token" --data-urlencode "Password=$password" --data-urlencode "Repeat=$password" "$base/Account/SetPassword")
[ "$status" = 302 ] || fail "setting the password answered $status"
form_token=$(curl -sk -c "$jar" -b "$jar" "$base/Account/Login" | token_of)
headers=$(curl -sk -D - -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$form_token" \
  --data-urlencode "Input.Email=nginx.test@office.example" --data-urlencode "Input.Password=$password" "$base/Account/Login")
grep -q '^HTTP/[0-9.]* 302' <<<"$headers" || fail "signing in through nginx did not redirect: $headers"
grep -qi '^set-cookie: BackOffice.Auth=.*secure' <<<"$headers" || fail "the sign-in cookie is not Secure (the app did not see https)"
ok "set a password and signed in through nginx; the sign-in cookie is Secure"

home() { curl -sk -o "$work/home.html" -w '%{http_code}' -b "$jar" "$base/"; }
[ "$(home)" = 200 ] && grep -q "Nginx Test" "$work/home.html" || fail "the home page through nginx"
stop_node 0
for i in 1 2 3 4; do [ "$(home)" = 200 ] && grep -q "Nginx Test" "$work/home.html" || fail "with node 0 stopped, request $i"; done
ok "node 0 stopped: node 1 serves the same session"
start_node 0
sleep 11 # nginx left node 0 out for fail_timeout (10 s) after it failed; then it gets requests again
stop_node 1
for i in 1 2 3 4; do [ "$(home)" = 200 ] && grep -q "Nginx Test" "$work/home.html" || fail "with node 1 stopped, request $i"; done
ok "node 1 stopped: node 0 serves the same session"
echo "nginx test passed"
