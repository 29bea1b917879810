-- Runs after every migrate (Flyway callback), so tables added by later migrations are granted
-- too. ${appRole} is ORDERS_DB_USER when a separate migration login (ORDERS_DB_MIGRATION_USER)
-- owns the schema; it is empty, and nothing is granted, when one login does both.
-- The app role may read and insert, never update or delete: orders are immutable. The two
-- exceptions are marking a rejected message as replayed (replay-rejected) and adding to the store
-- counts (V21, kept by every writer). Deletes (retention, erase) run as the migration login. The
-- app role reads erased_orders, to refuse erased orders.
do $grants$
declare
    app text := '${appRole}';
    schema_name text := current_schema();
begin
    if app = '' or app = current_user then
        return;
    end if;
    if not exists (select 1 from pg_roles where rolname = app) then
        raise exception 'the app role "%" (ORDERS_DB_USER) does not exist: create it (see README, Deploy) or fix ORDERS_DB_USER', app;
    end if;
    execute format('grant usage on schema %I to %I', schema_name, app);
    execute format('grant select, insert on orders, items, rejected_messages to %I', app);
    -- V22's views of the former tables
    execute format('grant select on deliveries, payments to %I', app);
    execute format('grant update (replayed_at) on rejected_messages to %I', app);
    execute format('grant select on erased_orders to %I', app);
    execute format('grant select, insert, update on store_counts to %I', app);
    execute format('grant usage on all sequences in schema %I to %I', schema_name, app);
    -- read-only, so `check` run as the app role can report the migration state
    execute format('grant select on %I to %I', '${flyway:table}', app);
end
$grants$;
