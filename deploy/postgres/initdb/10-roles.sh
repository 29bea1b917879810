#!/bin/sh
# Runs once, on an empty data volume (the postgres image's /docker-entrypoint-initdb.d). Creates the
# two roles of a least-privilege deployment and the database:
#   orders_owner  owns the schema; only migrations log in as it (ORDERS_DB_MIGRATION_USER)
#   orders_app    the service's login (ORDERS_DB_USER); migrations grant it SELECT/INSERT, nothing more
# Neither is a superuser. The passwords come from the compose file's environment.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v owner_password="$ORDERS_OWNER_PASSWORD" -v app_password="$ORDERS_APP_PASSWORD" <<'SQL'
create role orders_owner login nosuperuser nocreatedb nocreaterole password :'owner_password';
create role orders_app login nosuperuser nocreatedb nocreaterole password :'app_password';
create database orders owner orders_owner;
revoke all on database orders from public;
grant connect on database orders to orders_app;
SQL
