-- An object's creation entry is no longer a history row of its own: the object's row holds the change set that created
-- it (column creation_change, added to every class table by the model migration), and cmdb.change_op becomes a view
-- of the stored entries (this table) and of one creation entry per object row. A 1,000,000-row CSV import wrote a
-- million such rows and their index entries, a fifth of its time. An object's creation entry is stored here when the
-- object is deleted, under the id it had in the view. Entries stored before this version stay as they are.
alter table cmdb.change_op rename to change_op_entry;

-- The number of each class table in the ids of its creation entries: -(object id * 1024 + number), negative so that
-- they never meet the ids of stored entries. Numbers are never reused, so an entry keeps its id.
create table cmdb.creation_entry_source (
    table_name text primary key,
    number integer not null unique check (number between 1 and 1023)
);
