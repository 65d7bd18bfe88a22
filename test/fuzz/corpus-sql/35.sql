SELECT ua.id, u.x, u.n FROM ua CROSS JOIN LATERAL unnest(ua.a) WITH ORDINALITY AS u(x, n) ORDER BY 1, 3
