-- Single-table GROUP BY over grp (10M rows at SF >= 1, 10M x SF below): 1000 groups.
SELECT k, count(*) AS n, sum(v) AS s, min(v) AS lo, max(v) AS hi
FROM grp
GROUP BY k
ORDER BY k;
