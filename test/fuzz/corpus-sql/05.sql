INSERT INTO big SELECT i, i % 3 FROM generate_series(1, 300000) AS t(i)
