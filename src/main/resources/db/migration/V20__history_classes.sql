-- The change history becomes readable through the data model (classes CMDBChange and CMDBChangeOp*): the tables
-- get the finalclass column every class table has, and the key to the change set takes iTop's attribute code.
alter table cmdb.change add column finalclass text not null default 'CMDBChange';
alter table cmdb.change_op rename column change_id to "change";
alter table cmdb.change_op add column finalclass text generated always as (
    case optype
        when 'create' then 'CMDBChangeOpCreate'
        when 'delete' then 'CMDBChangeOpDelete'
        when 'update' then 'CMDBChangeOpSetAttributeScalar'
        else 'CMDBChangeOpSetAttributeLinks'
    end) stored;
