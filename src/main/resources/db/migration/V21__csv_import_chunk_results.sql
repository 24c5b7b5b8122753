-- CSV import: the row outcomes of a chunk in one row instead of one row per CSV line (a 1,000,000-line import wrote
-- 1,000,000 rows here). A chunk row holds the chunk's counts per kind, for the summary, and its lines of the details
-- report, already rendered, in row order. Written in the chunk's transaction, as before.
create table csvimport.chunk_result (
    job_instance_id bigint not null,  -- the Spring Batch job instance of the import run
    first_line      bigint not null,  -- 0-based data row of the chunk's first line
    row_count       int    not null,
    created         int    not null,
    updated         int    not null,
    unchanged       int    not null,
    issues          int    not null,
    lines           text[] not null,  -- '<line>;<status>;<class or n/a>;<id or n/a>;<cells...>', one per row
    primary key (job_instance_id, first_line)
);

-- Outcomes of runs written before this migration (an interrupted import resumed after an upgrade), one row each.
insert into csvimport.chunk_result (job_instance_id, first_line, row_count, created, updated, unchanged, issues, lines)
select job_instance_id, line, 1,
       (kind = 0)::int, (kind = 1)::int, (kind = 2)::int, (kind = 3)::int,
       array[line::text || ';' || status || ';' || coalesce(object_class, 'n/a') || ';'
             || coalesce(id_cell, object_id::text, 'n/a')
             || case when cardinality(cells) > 0 then ';' || array_to_string(cells, ';') else '' end]
from csvimport.row_result;

drop table csvimport.row_result;
