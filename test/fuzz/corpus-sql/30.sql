SELECT id, lag(a, 0) OVER (ORDER BY c, id) FROM r ORDER BY id
