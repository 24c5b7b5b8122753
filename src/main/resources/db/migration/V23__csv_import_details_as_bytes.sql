-- CSV import: a chunk's details lines in one bytea (UTF-8 lines separated by NUL bytes, which lines never hold)
-- instead of a text[]: binding 5,000 lines as an array literal (escaped on the client, parsed on the server) cost
-- about 3.5 s per 1,000,000 rows. Stored uncompressed (EXTERNAL): compressing them cost the chunk's transaction more
-- than writing them.
alter table csvimport.chunk_result add column details bytea;
update csvimport.chunk_result c
   set details = (select string_agg(convert_to(l, 'UTF8'), '\x00'::bytea order by n)
                    from unnest(c.lines) with ordinality as u(l, n));
alter table csvimport.chunk_result drop column lines;
alter table csvimport.chunk_result alter column details set not null;
alter table csvimport.chunk_result alter column details set storage external;
