# Shared by ./run.sh and ./test.sh: installs what is missing from Debian, and starts a private PostgreSQL
# cluster and an SMTP sink for one purpose ("dev" or "test"). Source it; it defines functions only.

BO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BO_DATA="$BO_ROOT/.data"

say() { printf '\033[1m==>\033[0m %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root to run: $*"; fi; }

pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# ensure_packages [postgres] [smtp] [chromium] [fonts] [poppler] [node]: apt-get installs only what is missing.
ensure_packages() {
  local missing=()
  for want in "$@"; do
    case "$want" in
      postgres) [ -x "$(pg_bindir)/initdb" ] || missing+=(postgresql postgresql-contrib) ;;
      smtp) /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3 python3-aiosmtpd) ;;
      chromium) [ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core) ;;
      fonts) [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core) ;; # PDFs (PdfSharp) embed DejaVu Sans
      poppler) [ -x /usr/bin/pdftoppm ] || missing+=(poppler-utils) ;; # the review page shows PDF pages as images
      node) command -v npm >/dev/null || missing+=(nodejs npm) ;; # the build compiles the design's Sass (docs/design.md)
    esac
  done
  command -v flock >/dev/null || missing+=(util-linux)
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing from Debian: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port_open() { /usr/bin/python3 -c "import socket,sys; s=socket.socket(); s.settimeout(0.5); sys.exit(0 if s.connect_ex(('127.0.0.1', $1)) == 0 else 1)"; }

# PostgreSQL will not run as root: as root, the cluster runs as the postgres user.
pg_run() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# The cluster's data folder: under .data/ when the postgres user can reach it, else under postgres' home.
cluster_dir() {
  local name=$1 dir="$BO_DATA/$name/pg"
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$BO_DATA/$name" 2>/dev/null; then
    local key; key=$(printf '%s' "$BO_ROOT" | sha1sum | cut -c1-12)
    dir="/var/lib/postgresql/backoffice-$key/$name"
  fi
  printf '%s' "$dir"
}

# start_cluster NAME [fast]: starts (creating if needed) the private cluster and sets PG_CONNECTION (no database).
start_cluster() {
  local name=$1 fast=${2:-} bin; bin=$(pg_bindir)
  local state="$BO_DATA/$name"; mkdir -p "$state"; chmod 755 "$BO_DATA" "$state"
  local dir; dir=$(cluster_dir "$name")
  [ "$dir" = "$state/pg" ] || say "The postgres user cannot reach $BO_ROOT; the $name cluster's files are in $dir"
  [ -f "$state/pg-password" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$state/pg-password")
  local password; password=$(cat "$state/pg-password")
  if [ ! -f "$dir/PG_VERSION" ]; then
    say "Creating the $name PostgreSQL cluster in $dir"
    mkdir -p "$dir"; [ "$(id -u)" -eq 0 ] && chown postgres: "$dir" "$(dirname "$dir")"
    chmod 700 "$dir"
    local pwfile; pwfile=$(mktemp); printf '%s\n' "$password" > "$pwfile"; chmod 644 "$pwfile"
    pg_run "$bin/initdb" -D "$dir" -U postgres --pwfile="$pwfile" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
  fi
  local port; port=$(cat "$state/pg-port" 2>/dev/null || true)
  if ! pg_run "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    if [ -z "$port" ] || port_open "$port"; then port=$(free_port); fi
    echo "$port" > "$state/pg-port"
    local opts="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
    [ "$fast" = fast ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
    # BO_PG_OPTS: more server settings, e.g. the benchmarks' memory (a cluster already running keeps its own).
    opts="$opts ${BO_PG_OPTS:-}"
    say "Starting the $name PostgreSQL cluster on 127.0.0.1:$port"
    local log="$dir/../$name-postgres.log"
    # Its own session: Ctrl-C in the terminal reaches the app, not the database; run.sh stops it afterwards.
    pg_run setsid -w "$bin/pg_ctl" -D "$dir" -l "$log" -w -t 60 -o "$opts" start >/dev/null || { tail -n 20 "$log" >&2; die "PostgreSQL did not start"; }
  fi
  PG_CONNECTION="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password"
  PG_DIR=$dir
}

# ensure_roles NAME [DATABASE]: after start_cluster, the two roles the app uses (the security issue, item 1), their
# passwords generated into .data/NAME/ (never in the repo): backoffice_owner owns the database and runs the migrations;
# backoffice_app owns nothing and gets its rights from `migrate` (Database:AppRole). With DATABASE, that database is
# created owned by backoffice_owner, or handed over to it when an older run made it as postgres. Sets OWNER_CONNECTION
# and APP_CONNECTION (without a database when none is named).
ensure_roles() {
  local name=$1 database=${2:-} state="$BO_DATA/$1" role file password
  local psql="$(pg_bindir)/psql"
  pgsql() { PGPASSWORD=$(cat "$state/pg-password") "$psql" -h 127.0.0.1 -p "$(cat "$state/pg-port")" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
  for role in owner app; do
    file="$state/pg-$role-password"
    [ -f "$file" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$file")
    password=$(cat "$file")
    pgsql -d postgres -c "DO \$\$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'backoffice_$role') THEN
          CREATE ROLE backoffice_$role LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
        END IF;
        ALTER ROLE backoffice_$role PASSWORD '$password';
      END \$\$;" >/dev/null
  done
  if [ -n "$database" ]; then
    if [ -z "$(pgsql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" ]; then
      pgsql -d postgres -c "CREATE DATABASE \"$database\" OWNER backoffice_owner" >/dev/null
    elif [ -n "$(pgsql -d "$database" -c "SELECT 1 FROM pg_database WHERE datname = current_database() AND pg_get_userbyid(datdba) <> 'backoffice_owner'
                UNION ALL SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) <> 'backoffice_owner' LIMIT 1")" ]; then
      say "Handing the $database database and its objects over to backoffice_owner"
      pgsql -d "$database" -c "ALTER DATABASE \"$database\" OWNER TO backoffice_owner" \
        -c "DO \$\$ DECLARE r record; BEGIN
              FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
                       ORDER BY c.relkind <> 'S' DESC LOOP
                EXECUTE format(CASE WHEN r.relkind = 'S' THEN 'ALTER SEQUENCE %I OWNER TO backoffice_owner'
                                    WHEN r.relkind IN ('v', 'm') THEN 'ALTER VIEW %I OWNER TO backoffice_owner'
                                    ELSE 'ALTER TABLE %I OWNER TO backoffice_owner' END, r.relname);
              END LOOP;
              FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                       WHERE n.nspname = 'public' AND p.prokind = 'f' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') LOOP
                EXECUTE format('ALTER FUNCTION %s OWNER TO backoffice_owner', r.f);
              END LOOP;
            END \$\$;" >/dev/null
    fi
  fi
  local base="Host=127.0.0.1;Port=$(cat "$state/pg-port")${database:+;Database=$database}"
  OWNER_CONNECTION="$base;Username=backoffice_owner;Password=$(cat "$state/pg-owner-password")"
  APP_CONNECTION="$base;Username=backoffice_app;Password=$(cat "$state/pg-app-password")"
}

# ensure_audit_key NAME: a key for the audit trail's signed checkpoints (docs/audit.md), generated once into
# .data/NAME/audit-key (mode 600) — outside the database, never in the repo. Exports Audit__CheckpointKeyFile.
# ensure_data_protection_key NAME: the key that encrypts the sign-in and antiforgery keys kept in the database.
ensure_data_protection_key() {
  local file="$BO_DATA/$1/data-protection-key"
  mkdir -p "$BO_DATA/$1"
  [ -f "$file" ] || (umask 077; head -c 32 /dev/urandom | base64 > "$file")
  export DataProtection__KeyFile="$file"
}

ensure_audit_key() {
  local file="$BO_DATA/$1/audit-key"
  mkdir -p "$BO_DATA/$1"
  [ -f "$file" ] || (umask 077; head -c 32 /dev/urandom | base64 > "$file")
  export Audit__CheckpointKeyFile="$file"
}

stop_cluster() { local name=$1; pg_run "$(pg_bindir)/pg_ctl" -D "$(cluster_dir "$name")" -m fast -w stop >/dev/null 2>&1 || true; }

# start_smtp NAME: an aiosmtpd sink keeping every mail as a Maildir under .data/NAME/mail; sets SMTP_PORT, MAILDIR.
start_smtp() {
  local name=$1 state="$BO_DATA/$1"; mkdir -p "$state"
  MAILDIR="$state/mail"
  local pidfile="$state/smtp.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && port_open "$(cat "$state/smtp-port")"; then
    SMTP_PORT=$(cat "$state/smtp-port"); return 0
  fi
  SMTP_PORT=$(free_port); echo "$SMTP_PORT" > "$state/smtp-port"
  say "Starting the SMTP sink on 127.0.0.1:$SMTP_PORT (mail kept in $MAILDIR)"
  nohup setsid /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$MAILDIR" \
    >"$state/smtp.log" 2>&1 </dev/null &
  echo $! > "$pidfile"
  for _ in $(seq 50); do port_open "$SMTP_PORT" && return 0; sleep 0.1; done
  cat "$state/smtp.log" >&2; die "the SMTP sink did not start"
}

stop_smtp() { local pidfile="$BO_DATA/$1/smtp.pid"; [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null; rm -f "$pidfile"; }
