SELECT lower(name) OVER () FROM emp
