SELECT a.lv, b.lv FROM l a JOIN l b ON a.id + 1 = b.id
