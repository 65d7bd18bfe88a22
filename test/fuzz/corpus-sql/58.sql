SELECT id, v, extra FROM keep WHERE v = 'two'
