SELECT '{ 1 , 2 ,3 }'::int[], '{"",NULL,"NULL",null}'::text[], '{a\,b,"x\"y"}'::text[]
