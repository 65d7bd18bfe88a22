SELECT id, nth_value(b, a + 1) OVER (ORDER BY b, id), nth_value(b, a + 1) OVER (ORDER BY a NULLS FIRST, id), count(*) FILTER (WHERE c = 'p') OVER (ORDER BY a NULLS FIRST, id) FROM r ORDER BY id
