SELECT d.deptype, c.relname FROM pg_depend d JOIN pg_class c ON c.oid = d.objid WHERE d.refobjid = 'j'::regclass AND c.relkind = 'S' ORDER BY 2
