SELECT x, count(*) OVER (ORDER BY x RANGE BETWEEN '1' PRECEDING AND 1::bigint FOLLOWING) FROM (VALUES (1::smallint), (2::smallint), (4::smallint)) v(x) ORDER BY x
