-- SQLite workload for sqlite3.wasm (deterministic output): 10,000 rows made with a recursive
-- CTE in one transaction, an index, aggregates, a join, a window function, JSON, an update
-- and a delete. Works on :memory: or on a file database (a second run on the same file fails
-- at CREATE TABLE: start from a missing file).
--   sqlite3.wasm -batch :memory: ".read /inputs/bench.sql"
--   sqlite3.wasm -batch /sandbox/bench.db ".read /inputs/bench.sql"
.bail on
.headers off
.mode list
BEGIN;
CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT NOT NULL, category INTEGER NOT NULL,
                  price REAL NOT NULL, qty INTEGER NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO item(id, name, category, price, qty)
  SELECT i, printf('item-%05d', i), i % 17, ((i * 7919) % 10007) / 100.0, (i * 31) % 97 FROM n;
CREATE TABLE category(id INTEGER PRIMARY KEY, label TEXT NOT NULL);
WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < 16)
INSERT INTO category SELECT i, 'cat-' || char(65 + i) FROM c;
COMMIT;
CREATE INDEX item_category_price ON item(category, price);
SELECT 'rows', count(*), sum(qty), printf('%.2f', sum(price * qty)) FROM item;
SELECT 'top', c.label, count(*), printf('%.2f', avg(i.price))
  FROM item i JOIN category c ON c.id = i.category
  GROUP BY c.id ORDER BY sum(i.price * i.qty) DESC LIMIT 3;
SELECT 'cheapest', name, price FROM item WHERE category = 3 ORDER BY price, id LIMIT 2;
SELECT 'like', count(*) FROM item WHERE name LIKE 'item-%7';
SELECT 'rank', id, rnk FROM (
  SELECT id, rank() OVER (PARTITION BY category ORDER BY price DESC, id) AS rnk FROM item
) WHERE id IN (1, 500, 9999) ORDER BY id;
SELECT 'json', json_object('id', id, 'name', name, 'qty', qty) FROM item WHERE id = 42;
UPDATE item SET price = price * 1.1 WHERE category = 5;
DELETE FROM item WHERE qty = 0;
SELECT 'after', count(*), printf('%.2f', sum(price)) FROM item;
SELECT 'integrity', * FROM pragma_integrity_check;
