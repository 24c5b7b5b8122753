-- History entries are appended in the order of their change sets, so a block-range (BRIN) index finds the entries of
-- a change set (and tells whether it has any) as a B-tree would, while an insert costs it next to nothing: the B-tree
-- cost one descent per entry, a million of them for a 1,000,000-row CSV import. Same name, which the model migration
-- then keeps (it creates the index only if missing).
drop index if exists cmdb.change_op_change_idx;
create index change_op_change_idx on cmdb.change_op using brin ("change");
