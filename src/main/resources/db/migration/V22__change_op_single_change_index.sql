-- Since V20 made cmdb.change_op a class table, the model migration indexes its external key "change" as
-- change_op_change_idx, next to V1's identical change_op_change: every history entry paid for two equal indexes.
-- Keep one, under the name the model migration expects (so that it does not create the other again).
do $$
begin
    if exists (select 1 from pg_indexes where schemaname = 'cmdb' and indexname = 'change_op_change_idx') then
        drop index cmdb.change_op_change;
    else
        alter index cmdb.change_op_change rename to change_op_change_idx;
    end if;
end
$$;
