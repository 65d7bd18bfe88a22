SELECT position('lo' IN 'hello'), strpos('hello', 'l'), replace('banana', 'an', 'AN'), reverse('abc'), repeat('ab', 3)
