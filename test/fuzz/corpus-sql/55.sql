UPDATE t SET w = 'z' WHERE id = 1
