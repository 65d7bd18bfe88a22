CREATE TABLE emp (id INT, name TEXT, dept TEXT, salary INT)
