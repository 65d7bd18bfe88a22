SELECT g, o, count(*) FILTER (WHERE x > 2) OVER (ORDER BY g, o), sum(x) FILTER (WHERE b) OVER (PARTITION BY g) FROM s ORDER BY g, o
