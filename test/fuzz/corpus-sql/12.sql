SELECT to_timestamp('2024-01-05 10:00 +0200', 'YYYY-MM-DD HH24:MI TZHTZM'), to_date('1 BC', 'YYYY BC'), to_date('99', 'YY'), to_date('69', 'YY'), to_date('70', 'YY')
