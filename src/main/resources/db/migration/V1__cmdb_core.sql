-- Tributary's own tables. Class tables (one per class hierarchy) are created from the data model by
-- the repeatable migration R__Cmdb_model_tables.
create schema if not exists cmdb;

-- What the model migration created: lets it tell additive from destructive model changes.
create table cmdb.model_column (
    table_name  text not null,
    column_name text not null,
    sql_type    text not null,
    class_name  text not null,
    primary key (table_name, column_name)
);

-- One change set per operation (iTop's CMDBChange).
create table cmdb.change (
    id         bigserial primary key,
    date       timestamp not null default localtimestamp,
    user_id    bigint,
    user_login text,
    origin     text not null,
    userinfo   text not null default ''
);

-- One entry per created/deleted object and per changed attribute (iTop's CMDBChangeOp).
create table cmdb.change_op (
    id        bigserial primary key,
    change_id bigint not null references cmdb.change (id),
    objclass  text not null,
    objkey    bigint not null,
    optype    text not null check (optype in ('create', 'delete', 'update', 'links')),
    attcode   text,
    oldvalue  text,
    newvalue  text
);
create index change_op_object on cmdb.change_op (objclass, objkey);
create index change_op_change on cmdb.change_op (change_id);
