SELECT to_char(interval '1 year 2 months 3 days', 'YYYY-MM-DD DDD')
