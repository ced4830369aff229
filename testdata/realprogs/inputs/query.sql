-- Reads the file database that bench.sql made (persistence check: a second process):
--   sqlite3.wasm -batch /sandbox/bench.db ".read /inputs/query.sql"
.bail on
.mode list
SELECT 'tables', group_concat(name, ',') FROM (SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name);
SELECT 'rows', count(*), printf('%.2f', sum(price)) FROM item;
SELECT 'category 5', count(*), printf('%.2f', max(price)) FROM item WHERE category = 5;
