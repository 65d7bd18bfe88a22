SELECT id, coalesce(score, -1), nullif(score, 90) FROM p ORDER BY id
