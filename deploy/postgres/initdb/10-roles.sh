#!/bin/sh
# Runs once, on an empty data volume (the postgres image's /docker-entrypoint-initdb.d). Creates the
# two roles of a least-privilege deployment and the database:
#   orders_owner  owns the schema; only migrations log in as it (ORDERS_DB_MIGRATION_USER)
#   orders_app    the service's login (ORDERS_DB_USER); migrations grant it SELECT/INSERT, nothing more
# Neither is a superuser. Each password comes from a secret file (ORDERS_OWNER_PASSWORD_FILE,
# ORDERS_APP_PASSWORD_FILE, as compose mounts them) or else from the variable without _FILE.
set -eu

# secret NAME: the content of the file $NAME_FILE names (trailing newline dropped), else $NAME
secret() {
    eval "file=\${${1}_FILE:-}"
    if [ -n "$file" ]; then
        cat "$file"
    else
        eval "printf '%s' \"\${$1}\""
    fi
}

owner_password="$(secret ORDERS_OWNER_PASSWORD)"
app_password="$(secret ORDERS_APP_PASSWORD)"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v owner_password="$owner_password" -v app_password="$app_password" <<'SQL'
create role orders_owner login nosuperuser nocreatedb nocreaterole password :'owner_password';
create role orders_app login nosuperuser nocreatedb nocreaterole password :'app_password';
create database orders owner orders_owner;
revoke all on database orders from public;
grant connect on database orders to orders_app;
SQL
