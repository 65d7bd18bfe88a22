SELECT nextval('sch.q')
