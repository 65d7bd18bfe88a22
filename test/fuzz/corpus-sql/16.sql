SELECT 'foo bar' ~ 'foo\M', 'foobar' ~ 'foo\M', 'x y' ~ '\yy\y'
