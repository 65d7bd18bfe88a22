\pset footer off
select 1 as one, 'two' as two, null as three;
create table psql_t (id int primary key, name text, price numeric(10,2), ok boolean, d date,
  ts timestamp, tz timestamptz, iv interval, u uuid, b bytea, f4 real, f8 double precision,
  s smallint, big bigint, vc varchar(10), t time);
insert into psql_t values
  (1, 'alpha', 1.50, true, '2024-01-02', '2024-01-02 03:04:05.5', '2024-01-02 03:04:05+00',
   '1 day 02:00:00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\xdeadbeef', 1.5, 2.25, 7,
   9000000000, 'vc', '12:34:56'),
  (2, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
select * from psql_t order by id;
update psql_t set name = 'beta' where id = 2;
delete from psql_t where id = 3;
-- several statements in one string, each with its own result
select 1 \; select 2;
-- an error with SQLSTATE and position
select * from no_such_table;
select 1/0;
-- transactions
begin;
insert into psql_t (id, name) values (10, 'in-txn');
rollback;
select count(*) from psql_t where id = 10;
begin;
select nosuchcolumn from psql_t;
select 1;
rollback;
begin;
insert into psql_t (id, name) values (11, 'committed');
commit;
select name from psql_t where id = 11;
-- COPY FROM STDIN, text format (escapes and \N)
copy psql_t (id, name) from stdin;
20	tab\there
21	\N
22	back\\slash
\.
select id, name, name is null as isnull from psql_t where id >= 20 order by id;
-- COPY FROM STDIN, CSV with a header
copy psql_t (id, name) from stdin with (format csv, header true);
id,name
30,"quoted, comma"
31,
\.
select id, name is null from psql_t where id >= 30 order by id;
copy (select id, name from psql_t where id >= 20 order by id) to stdout;
copy (select id, name from psql_t where id >= 20 order by id) to stdout with (format csv);
-- a duplicate key inside COPY fails the whole COPY
copy psql_t (id, name) from stdin;
40	x
20	dup
\.
select count(*) from psql_t where id = 40;
set application_name = 'renamed';
show application_name;
select 'done';
