SELECT to_char(NULL::interval, 'HH24')
