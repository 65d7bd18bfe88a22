SELECT 'a' ~ '(('
