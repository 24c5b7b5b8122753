-- History rows are written one per created object and per changed attribute: a 1,000,000-row CSV import writes a
-- million of them. Two row-level costs go:
--
-- 1. The index on the generated finalclass column (derived from optype) served no query: history is read by object
--    (change_op_object) or by change set (change_op_change_idx). The model migration no longer indexes finalclass in
--    read-only (history) hierarchies.
drop index if exists cmdb.change_op_finalclass;
drop index if exists cmdb.change_finalclass;

-- 2. The foreign key checked (and key-share locked) the change set once per row, when every row of a statement
--    belongs to one or two change sets. The same rule is now checked once per statement: the change sets of the new
--    rows are locked as the foreign key would lock them (so a concurrent deletion waits), then must all exist; and a
--    change set with history rows cannot be deleted or renumbered.
alter table cmdb.change_op drop constraint change_op_change_id_fkey;

create function cmdb.change_op_change_exists() returns trigger language plpgsql as $$
begin
    perform 1 from cmdb.change c where c.id in (select distinct n."change" from new_ops n) for key share of c;
    if exists (select 1 from (select distinct n."change" from new_ops n) n
               where not exists (select 1 from cmdb.change c where c.id = n."change")) then
        raise exception using errcode = 'foreign_key_violation',
            message = 'insert or update on table "change_op" violates the rule "change_op_change_exists"',
            detail = 'A history entry refers to a change set that does not exist.';
    end if;
    return null;
end
$$;
create trigger change_op_change_exists_on_insert after insert on cmdb.change_op
    referencing new table as new_ops for each statement execute function cmdb.change_op_change_exists();
create trigger change_op_change_exists_on_update after update on cmdb.change_op
    referencing new table as new_ops for each statement execute function cmdb.change_op_change_exists();

create function cmdb.change_keeps_its_history() returns trigger language plpgsql as $$
declare
    referenced boolean;
begin
    -- A change set may go (deleted, or renumbered by an update) only when no history entry refers to it. Each branch
    -- names only the transition tables its trigger has.
    if tg_op = 'DELETE' then
        referenced := exists (select 1 from old_changes o
                              where exists (select 1 from cmdb.change_op op where op."change" = o.id));
    else
        referenced := exists (select 1 from old_changes o
                              where exists (select 1 from cmdb.change_op op where op."change" = o.id)
                                and not exists (select 1 from new_changes n where n.id = o.id));
    end if;
    if referenced then
        raise exception using errcode = 'foreign_key_violation',
            message = 'update or delete on table "change" violates the rule "change_op_change_exists"',
            detail = 'The change set still has history entries.';
    end if;
    return null;
end
$$;
create trigger change_keeps_its_history_on_update after update on cmdb.change
    referencing old table as old_changes new table as new_changes
    for each statement execute function cmdb.change_keeps_its_history();
create trigger change_keeps_its_history_on_delete after delete on cmdb.change
    referencing old table as old_changes
    for each statement execute function cmdb.change_keeps_its_history();
