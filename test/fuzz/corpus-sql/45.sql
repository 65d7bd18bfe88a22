SELECT 1::float8 / 0
