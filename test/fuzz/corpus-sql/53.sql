SELECT nextval('fresh')
