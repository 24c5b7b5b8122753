-- CSV import (import.php): the outcome of every row of every import run, written in the same transaction as the
-- chunk that produced it, so that the report of a restarted import is rebuilt from here and counts every row once.
create schema if not exists csvimport;

create table csvimport.row_result (
    job_instance_id bigint   not null,  -- the Spring Batch job instance of the import run
    line            bigint   not null,  -- 0-based data row
    kind            smallint not null,  -- 0 created, 1 updated, 2 unchanged, 3 issue
    status          text     not null,
    object_class    text,               -- null: n/a
    object_id       bigint,             -- null: n/a
    id_cell         text,               -- Object Id cell when it is a message
    cells           text[]   not null,
    primary key (job_instance_id, line)
);
