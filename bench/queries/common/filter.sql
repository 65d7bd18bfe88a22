-- Selective filter (no index on l_partkey: a full scan returning ~30 x SF rows).
SELECT l_orderkey, l_linenumber, l_quantity, l_extendedprice, l_shipdate
FROM lineitem
WHERE l_partkey = 1234
ORDER BY l_orderkey, l_linenumber;
